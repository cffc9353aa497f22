import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Form, Select, Space, Table, Tag, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { exchangeRoutes, type ImportConflict, type ImportSummary } from '../../../shared/api/exchange.ts';
import { errorText } from '../../api.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { isMsgId, useI18n } from '../../i18n.ts';
import { postText } from '../workflow/upload.ts';

type Format = 'json' | 'csv' | 'adx';
type Strategy = ImportSummary['importOptions']['importStrategy'];
type Atomic = ImportSummary['importOptions']['atomicMode'];

const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json',
  csv: 'text/csv',
  adx: 'application/adx+xml',
};

/** The format a file's name says, JSON when it says nothing. */
export function formatOf(name: string): Format {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xml') || lower.endsWith('.adx')) return 'adx';
  return 'json';
}

const STATUS_TYPES = { SUCCESS: 'success', WARNING: 'warning', ERROR: 'error' } as const;

/**
 * A reporter's import of a DHIS2 data value set (JSON, CSV) or ADX file, by the entry grid's rules: a dry run first
 * (nothing stored), then the import; the answer is DHIS2's import summary, each conflict's reason in the user's
 * language.
 */
export function ImportTab() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const mappings = useRoute(exchangeRoutes.mappings, { query: {} });
  const schemes = useMemo(() => [...new Set((mappings.data ?? []).map((m) => m.scheme))].sort(), [mappings.data]);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('json');
  const [scheme, setScheme] = useState<string>('');
  const [strategy, setStrategy] = useState<Strategy>('CREATE_AND_UPDATE');
  const [atomic, setAtomic] = useState<Atomic>('ALL');
  const [dryRun, setDryRun] = useState(true);
  const [submit, setSubmit] = useState(false);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  const run = async () => {
    if (!file) {
      void message.warning(t('ex.import.noFile'));
      return;
    }
    setRunning(true);
    try {
      const text = await file.text();
      const query = new URLSearchParams({
        dryRun: String(dryRun),
        importStrategy: strategy,
        atomicMode: atomic,
        submit: String(submit),
        fileName: file.name.slice(0, 200),
      });
      if (scheme) query.set('scheme', scheme);
      const path = format === 'adx' ? '/exchange/adx' : '/exchange/dhis2/dataValueSets';
      setSummary(await postText<ImportSummary>(`${path}?${query.toString()}`, text, CONTENT_TYPES[format]));
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Alert type="info" showIcon title={t('ex.import.hint')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Form.Item label={t('ex.import.file')} required>
          <Upload
            maxCount={1}
            accept=".json,.csv,.xml,.adx"
            beforeUpload={(f) => {
              setFile(f);
              setFormat(formatOf(f.name));
              setSummary(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setSummary(null);
            }}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="import-pick">
              {t('ex.import.pick')}
            </Button>
          </Upload>
        </Form.Item>
        <Space wrap size="large">
          <Form.Item label={t('ex.import.format')}>
            <Select
              style={{ width: 240 }}
              value={format}
              onChange={(v: Format) => setFormat(v)}
              options={(['json', 'csv', 'adx'] as const).map((f) => ({ value: f, label: t(`ex.import.format.${f}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('ex.import.scheme')}>
            <Select
              style={{ width: 280 }}
              value={scheme}
              onChange={(v: string) => setScheme(v)}
              options={[{ value: '', label: t('ex.import.ownCodes') }, ...schemes.map((s) => ({ value: s, label: s }))]}
            />
          </Form.Item>
          <Form.Item label={t('ex.import.strategy')}>
            <Select
              style={{ width: 160 }}
              value={strategy}
              onChange={(v: Strategy) => setStrategy(v)}
              options={(['CREATE_AND_UPDATE', 'CREATE', 'UPDATE'] as const).map((s) => ({
                value: s,
                label: t(`ex.import.strategy.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('ex.import.atomic')}>
            <Select
              style={{ width: 260 }}
              value={atomic}
              onChange={(v: Atomic) => setAtomic(v)}
              options={(['ALL', 'NONE'] as const).map((a) => ({ value: a, label: t(`ex.import.atomic.${a}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item>
          <Space direction="vertical">
            <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">
              {t('ex.import.dryRun')}
            </Checkbox>
            <Checkbox checked={submit} onChange={(e) => setSubmit(e.target.checked)}>
              {t('ex.import.submit')}
            </Checkbox>
          </Space>
        </Form.Item>
        <Form.Item>
          <Button type="primary" loading={running} onClick={() => void run()} data-testid="import-run">
            {dryRun ? t('ex.import.runDry') : t('ex.import.run')}
          </Button>
        </Form.Item>
      </Form>
      {summary ? <SummaryView summary={summary} /> : null}
    </>
  );
}

/** DHIS2's import summary as a page shows it: the outcome, the counts, and each conflict where it is in the file. */
function SummaryView({ summary }: { summary: ImportSummary }) {
  const { t, lang } = useI18n();
  const codeName = (code: string) => {
    const id = `ex.code.${code}`;
    return isMsgId(id) ? t(id) : code;
  };
  const position = (c: ImportConflict) =>
    [
      ...(c.line !== null ? [t('ex.import.lineNo', { n: c.line })] : []),
      ...c.indexes.map((i) => t('ex.import.valueNo', { n: i + 1 })),
    ].join('，') || '—';
  return (
    <div data-testid="import-summary">
      <Alert
        type={STATUS_TYPES[summary.status]}
        showIcon
        title={
          <Space>
            <Tag color={STATUS_TYPES[summary.status]}>{t(`ex.import.status.${summary.status}`)}</Tag>
            {summary.descriptionText[lang]}
          </Space>
        }
        style={{ marginBottom: 16 }}
      />
      <Descriptions size="small" bordered column={{ xs: 2, sm: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('ex.import.imported')}>{summary.importCount.imported}</Descriptions.Item>
        <Descriptions.Item label={t('ex.import.updated')}>{summary.importCount.updated}</Descriptions.Item>
        <Descriptions.Item label={t('ex.import.ignored')}>{summary.importCount.ignored}</Descriptions.Item>
        <Descriptions.Item label={t('ex.import.deleted')}>{summary.importCount.deleted}</Descriptions.Item>
      </Descriptions>
      {summary.conflicts.length > 0 ? (
        <Table<ImportConflict>
          size="small"
          title={() => t('ex.import.conflicts', { n: summary.conflicts.length })}
          rowKey={(c) => `${c.indexes.join(',')}|${c.line ?? ''}|${c.errorCode}|${c.object}`}
          dataSource={summary.conflicts}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('ex.import.position'), key: 'position', render: (_: unknown, c) => position(c) },
            {
              title: t('ex.import.code'),
              dataIndex: 'errorCode',
              render: (code: string) => <Tag color="red">{codeName(code)}</Tag>,
            },
            { title: t('ex.import.object'), dataIndex: 'object', render: (v: string) => <code>{v}</code> },
            { title: t('ex.import.reason'), key: 'reason', render: (_: unknown, c) => c.text[lang] },
          ]}
        />
      ) : null}
    </div>
  );
}
