import { DownloadOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Select, Space, Tooltip, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, apiUrl, call, toApiError } from '../../api.ts';
import { projectRoutes } from '../../../shared/api/projects.ts';
import { announceChange } from '../../changes.ts';
import { ImportIssuesTable } from '../../components/ImportIssues.tsx';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { fmtPeriod } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { addMonths } from '../../../domain/projects/months.ts';
import { projectUploadRoutes, type ReturnImportResponse } from '../../../shared/api/project-imports.ts';
import { uploadTo } from '../workflow/upload.ts';
import { useChains, useDistrictName } from './common.tsx';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PROJECT_UNIT_KINDS = new Set(['city', 'district', 'county', 'zone']);

type Outcome<T> = { kind: 'done'; result: T } | { kind: 'refused'; error: ApiError };

/** The upload half of an import: one file, all or nothing; a refusal with cells opens the error table. */
function useImport<T>(send: (file: File) => Promise<T>, onImported: (r: T) => void) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome<T> | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const result = await send(file);
      setOutcome({ kind: 'done', result });
      onImported(result);
    } catch (e) {
      const error = toApiError(e);
      if (error.details.length > 0) setOutcome({ kind: 'refused', error });
      else void message.error(error.text(lang));
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, upload, close: () => setOutcome(null) };
}

function Refused({ error }: { error: ApiError }) {
  const { lang, t } = useI18n();
  return (
    <>
      <Alert
        type="error"
        showIcon
        title={
          error.code === 'CONFLICT' ? t('pj.importStale') : t('entry.importFailed', { count: error.details.length })
        }
        description={error.text(lang)}
        style={{ marginBottom: 12 }}
      />
      <ImportIssuesTable issues={error.details} />
    </>
  );
}

/** 下载模板 · 导入 of the project template (项目导入), for those who register projects. */
export function ProjectImportButtons({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const imp = useImport((file) => uploadTo(projectUploadRoutes.importProjects, {}, file), onImported);
  if (user?.role !== 'coordinator' && user?.role !== 'districtReporter') return null;
  return (
    <>
      <Tooltip title={t('pj.projectTemplateHint')}>
        <Button icon={<DownloadOutlined />} href={apiUrl('/projects/template.xlsx')} data-testid="projects-template">
          {t('pj.projectTemplate')}
        </Button>
      </Tooltip>
      <Upload
        accept={XLSX_ACCEPT}
        showUploadList={false}
        disabled={imp.busy}
        beforeUpload={(file) => {
          void imp.upload(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={imp.busy} data-testid="projects-import">
          {t('pj.projectImport')}
        </Button>
      </Upload>
      <Modal
        open={imp.outcome !== null}
        title={t('entry.importTitle')}
        onCancel={imp.close}
        onOk={imp.close}
        cancelButtonProps={{ style: { display: 'none' } }}
        width={820}
        destroyOnHidden
      >
        {imp.outcome?.kind === 'done' ? (
          <Alert type="success" showIcon title={t('pj.projectImported', { n: imp.outcome.result.imported })} />
        ) : null}
        {imp.outcome?.kind === 'refused' ? <Refused error={imp.outcome.error} /> : null}
      </Modal>
    </>
  );
}

/**
 * 月度调度模板 · 导入: a district's monthly return template for a month (its projects, last month's figures), and its
 * import as drafts; the result offers to submit them for review at once (报送审核).
 */
export function ReturnImportBar({ onImported }: { onImported?: () => void }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const { list } = useOrgUnits();
  const districtName = useDistrictName();
  const { settings } = useChains();
  const units = useMemo(() => {
    const scope = new Set(user?.entryScope ?? []);
    const byId = new Map(list.map((u) => [u.id, u]));
    const within = (id: string | null): boolean => {
      for (let x = id; x; x = byId.get(x)?.parentId ?? null) if (scope.has(x)) return true;
      return false;
    };
    return list.filter((u) => PROJECT_UNIT_KINDS.has(u.kind) && within(u.id));
  }, [list, user]);
  const judged = settings?.judgedMonth;
  const months = judged ? Array.from({ length: 12 }, (_, i) => addMonths(judged, -i)) : [];
  const [unit, setUnit] = useState<string | undefined>();
  const [month, setMonth] = useState<string | undefined>();
  const unitId = unit ?? units[0]?.id;
  const chosenMonth = month ?? judged;
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<number | null>(null);
  const imp = useImport(
    (file) => uploadTo(projectUploadRoutes.importReturns, {}, file),
    () => {
      setSubmitted(null);
      onImported?.();
    },
  );
  if (user?.role !== 'districtReporter' || units.length === 0) return null;
  const submit = async (r: ReturnImportResponse) => {
    setSubmitting(true);
    try {
      const out = await call(projectRoutes.submitReturns, { body: { ids: r.returns.map((x) => x.id) } });
      setSubmitted(out.count);
      announceChange();
      onImported?.();
    } catch (e) {
      void message.error(toApiError(e).text(lang));
    } finally {
      setSubmitting(false);
    }
  };
  const done = imp.outcome?.kind === 'done' ? imp.outcome.result : null;
  return (
    <div className="wf-panel pj-import-bar" data-testid="returns-import-bar">
      <Space wrap>
        <span>{t('pj.returnTemplateLabel')}</span>
        {units.length > 1 ? (
          <Select
            style={{ width: 140 }}
            value={unitId}
            onChange={setUnit}
            options={units.map((u) => ({ value: u.id, label: districtName(u.id, u.name) }))}
            data-testid="returns-template-unit"
          />
        ) : (
          <strong>{units[0] ? districtName(units[0].id, units[0].name) : ''}</strong>
        )}
        <Select
          style={{ width: 132 }}
          value={chosenMonth}
          onChange={setMonth}
          options={months.map((m) => ({ value: m, label: fmtPeriod(m, lang) }))}
          data-testid="returns-template-month"
        />
        <Tooltip title={t('pj.returnTemplateHint')}>
          <Button
            icon={<DownloadOutlined />}
            href={
              unitId && chosenMonth
                ? apiUrl('/projects/returns/template.xlsx', { districtId: unitId, month: chosenMonth })
                : undefined
            }
            disabled={!unitId || !chosenMonth}
            data-testid="returns-template"
          >
            {t('pj.downloadTemplate')}
          </Button>
        </Tooltip>
        <Upload
          accept={XLSX_ACCEPT}
          showUploadList={false}
          disabled={imp.busy}
          beforeUpload={(file) => {
            void imp.upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={imp.busy} data-testid="returns-import">
            {t('pj.import')}
          </Button>
        </Upload>
      </Space>
      <Modal
        open={imp.outcome !== null}
        title={t('entry.importTitle')}
        onCancel={imp.close}
        onOk={imp.close}
        cancelButtonProps={{ style: { display: 'none' } }}
        width={820}
        destroyOnHidden
      >
        {done ? (
          <>
            <Alert
              type="success"
              showIcon
              title={t('pj.returnsImported', {
                month: fmtPeriod(done.month, lang),
                imported: done.imported,
                created: done.created,
                updated: done.updated,
                skipped: done.skipped,
              })}
              data-testid="returns-imported"
            />
            {done.warnings.length > 0 ? (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                title={t('pj.importWarnings')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {done.warnings.map((w, i) => (
                      <li key={i}>
                        {t('entry.importRowN', { row: w.row ?? '' })}
                        {w.column ? ` ${w.column}` : ''}：{w.text[lang]}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            <div style={{ marginTop: 12 }}>
              {submitted === null ? (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={submitting}
                  disabled={done.returns.length === 0}
                  onClick={() => void submit(done)}
                  data-testid="returns-submit"
                >
                  {t('pj.submitImported', { n: done.returns.length })}
                </Button>
              ) : (
                <Alert
                  type="success"
                  showIcon
                  title={t('pj.submittedImported', { n: submitted })}
                  data-testid="returns-submitted"
                />
              )}
            </div>
          </>
        ) : null}
        {imp.outcome?.kind === 'refused' ? <Refused error={imp.outcome.error} /> : null}
      </Modal>
    </div>
  );
}
