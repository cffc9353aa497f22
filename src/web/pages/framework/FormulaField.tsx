import { CheckCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Input, Typography } from 'antd';
import { FORMULA_FUNCTION_SPECS, signatureOf } from '../../../domain/formula/functions.ts';
import { useEffect, useState } from 'react';
import { ApiError, call } from '../../api.ts';
import { frameworkRoutes } from '../../../shared/api/frameworks.ts';
import { useI18n } from '../../i18n.ts';
import type { FormulaCheckResponse } from '../../types.ts';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  frameworkId: string;
  indicatorCode: string | undefined;
}

const DEBOUNCE_MS = 400;

/** The formula of a computed indicator, checked by the server as it is typed; an error is shown at its position. */
export function FormulaField({ value = '', onChange, frameworkId, indicatorCode }: Props) {
  const { t, lang } = useI18n();
  const [check, setCheck] = useState<{ formula: string; result: FormulaCheckResponse } | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    const formula = value.trim();
    if (!formula) {
      setCheck(null);
      setFailure(null);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      setChecking(true);
      call(frameworkRoutes.formulaCheck, {
        params: { id: frameworkId },
        body: { formula, ...(indicatorCode ? { indicatorCode } : {}) },
      })
        .then(
          (result) => {
            if (cancelled) return;
            setCheck({ formula, result });
            setFailure(null);
          },
          (e: unknown) => {
            if (!cancelled) setFailure(e instanceof ApiError ? e : null);
          },
        )
        .finally(() => {
          if (!cancelled) setChecking(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [value, frameworkId, indicatorCode]);

  return (
    <div>
      <Input.TextArea
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 5 }}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        placeholder="{D5-02} / {D4-02}"
        maxLength={500}
      />
      <div style={{ marginTop: 6, fontSize: 12 }} aria-live="polite">
        {checking ? (
          <Typography.Text type="secondary">
            <LoadingOutlined /> {t('framework.formulaChecking')}
          </Typography.Text>
        ) : failure ? (
          <Typography.Text type="danger">{failure.text(lang)}</Typography.Text>
        ) : check && check.formula === value.trim() ? (
          <FormulaResult formula={check.formula} result={check.result} />
        ) : null}
      </div>
      <FunctionHelp />
    </div>
  );
}

/** The functions of the formula language, read from the registry (src/domain/formula/functions.ts). */
function FunctionHelp() {
  const { t, lang } = useI18n();
  return (
    <details style={{ marginTop: 6, fontSize: 12 }}>
      <summary>
        <Typography.Text type="secondary">{t('framework.formulaFunctions')}</Typography.Text>
      </summary>
      <dl className="formula-functions" style={{ margin: '4px 0 0' }}>
        {FORMULA_FUNCTION_SPECS.map((f) => (
          <div key={f.name} style={{ marginBottom: 4 }}>
            <dt>
              <code>{signatureOf(f)}</code>
            </dt>
            <dd style={{ marginLeft: 12 }}>
              {f.description[lang]} <Typography.Text type="secondary">{f.example}</Typography.Text>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function FormulaResult({ formula, result }: { formula: string; result: FormulaCheckResponse }) {
  const { t, lang } = useI18n();
  if (result.ok) {
    return (
      <Typography.Text type="success">
        <CheckCircleOutlined /> {t('framework.formulaOk', { refs: result.references.join('、') || '—' })}
      </Typography.Text>
    );
  }
  return (
    <div>
      {result.errors.map((e, i) => (
        <div key={i} style={{ marginBottom: 4 }}>
          <Typography.Text type="danger">
            {lang === 'en' ? e.messageEn : e.message}（
            {t('framework.formulaPosition', { start: e.start + 1, end: Math.max(e.end, e.start + 1) })}）
          </Typography.Text>
          <pre className="formula" style={{ marginTop: 4 }}>
            {formula.slice(0, e.start)}
            <span className="formula-error">{formula.slice(e.start, Math.max(e.end, e.start + 1)) || ' '}</span>
            {formula.slice(Math.max(e.end, e.start + 1))}
          </pre>
        </div>
      ))}
    </div>
  );
}
