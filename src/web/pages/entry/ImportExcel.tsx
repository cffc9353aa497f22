import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Modal, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, apiUrl, toApiError } from '../../api.ts';
import { useI18n, useT } from '../../i18n.ts';
import { ImportIssuesTable } from '../../components/ImportIssues.tsx';
import { uploadTo } from '../workflow/upload.ts';
import { valueRoutes } from '../../../shared/api/values.ts';
import type { ImportResult, ImportWarning } from './types.ts';

/** 下载模板: the Excel template of this unit and period, indicators and last period's values filled in. */
export function TemplateLink({ orgUnitId, period }: { orgUnitId: string; period: string }) {
  const t = useT();
  return (
    <Tooltip title={t('entry.templateHint')}>
      <Button
        icon={<DownloadOutlined />}
        href={apiUrl('/values/template.xlsx', { orgUnitId, period })}
        data-testid="entry-template"
      >
        {t('entry.template')}
      </Button>
    </Tooltip>
  );
}

type Outcome = { kind: 'done'; result: ImportResult } | { kind: 'refused'; error: ApiError };

interface ImportProps {
  /** Importing overwrites what the grid shows: refused while there are unsaved edits. */
  blocked: boolean;
  disabled: boolean;
  onImported: () => void;
}

/** 导入 Excel: upload a filled template; all or nothing, every bad cell listed with its row and column. */
export function ImportExcelButton({ blocked, disabled, onImported }: ImportProps) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const result = await uploadTo(valueRoutes.import, {}, file);
      setOutcome({ kind: 'done', result });
      onImported();
    } catch (e) {
      const error = toApiError(e);
      if (error.details.length > 0) setOutcome({ kind: 'refused', error });
      else void message.error(error.text(lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        disabled={disabled || busy}
        beforeUpload={(file) => {
          if (blocked) void message.warning(t('entry.importSaveFirst'));
          else void upload(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} disabled={disabled} data-testid="entry-import">
          {t('entry.import')}
        </Button>
      </Upload>
      <ImportResultModal outcome={outcome} onClose={() => setOutcome(null)} />
    </>
  );
}

function ImportResultModal({ outcome, onClose }: { outcome: Outcome | null; onClose: () => void }) {
  const { lang } = useI18n();
  const t = useT();
  const warningText = (w: ImportWarning) =>
    `${w.sheet} ${t('entry.importRowN', { row: w.row })} · ${w.indicatorCode}：${lang === 'en' ? w.messageEn : w.message}`;
  return (
    <Modal
      open={outcome !== null}
      title={t('entry.importTitle')}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      width={820}
      destroyOnHidden
    >
      {outcome?.kind === 'done' ? (
        <>
          <Alert
            type="success"
            showIcon
            title={t('entry.importDone', {
              imported: outcome.result.imported,
              unchanged: outcome.result.unchanged,
              skipped: outcome.result.skipped,
            })}
          />
          {outcome.result.warnings.length > 0 ? (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title={t('entry.importWarnings')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {outcome.result.warnings.map((w, i) => (
                    <li key={i}>{warningText(w)}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <>
          <Alert
            type="error"
            showIcon
            title={t('entry.importFailed', { count: outcome.error.details.length })}
            description={outcome.error.text(lang)}
            style={{ marginBottom: 12 }}
          />
          <ImportIssuesTable issues={outcome.error.details} />
        </>
      ) : null}
    </Modal>
  );
}
