import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { apiUrl, toApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { RETURN_STATUS_NAMES } from '../../../domain/projects/types.ts';
import type { EvidenceFigure, ProjectDetail, ProjectReturn } from '../../../shared/api/projects.ts';
import { uploadTo } from '../workflow/upload.ts';
import { projectUploadRoutes } from '../../../shared/api/project-imports.ts';

/** The return's figures a file can back, in the user's language. */
const FIGURE_NAMES: Record<EvidenceFigure, { zh: string; en: string }> = {
  thisMonth: { zh: '当月完成投资', en: 'This month’s investment' },
  ytd: { zh: '本年累计', en: 'Year to date' },
  sinceStart: { zh: '开工累计', en: 'Since start' },
  progress: { zh: '形象进度', en: 'Physical progress' },
  workers: { zh: '在岗人数', en: 'Workers on site' },
};

function UploadEvidence({ r, onChanged }: { r: ProjectReturn; onChanged: () => void }) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [figure, setFigure] = useState<EvidenceFigure>('thisMonth');
  const [busy, setBusy] = useState(false);
  const send = async (file: File) => {
    setBusy(true);
    try {
      const e = await uploadTo(projectUploadRoutes.uploadEvidence, { params: { id: r.id }, query: { figure } }, file);
      void message.success(t('pj.evidenceUploaded', { name: e.fileName }));
      onChanged();
    } catch (e) {
      void message.error(toApiError(e).text(lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4} wrap>
      <Select<EvidenceFigure>
        size="small"
        style={{ width: 128 }}
        value={figure}
        onChange={setFigure}
        options={(Object.keys(FIGURE_NAMES) as EvidenceFigure[]).map((f) => ({
          value: f,
          label: FIGURE_NAMES[f][lang],
        }))}
        data-testid={`evidence-figure-${r.month}`}
      />
      <Upload
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <Tooltip title={t('pj.evidenceHint')}>
          <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid={`evidence-upload-${r.month}`}>
            {t('pj.evidenceUpload')}
          </Button>
        </Tooltip>
      </Upload>
    </Space>
  );
}

/**
 * 佐证材料 by return: each file linked to the figure it backs, downloadable by those who may see it (the district,
 * its reviewers, the centre, the leaders); the district's reporter adds files while the return is a draft or returned.
 */
export function EvidenceCard({ d, onChanged }: { d: ProjectDetail; onChanged: () => void }) {
  const { lang, t } = useI18n();
  const rows = [...d.returns]
    .filter((r) => r.evidence.length > 0 || (d.mayFile && (r.status === 'draft' || r.status === 'returned')))
    .sort((a, b) => b.month.localeCompare(a.month));
  return (
    <Card title={t('pj.evidence')} size="small" data-testid="project-evidence">
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('pj.none')}</Typography.Text>
      ) : (
        <Table<ProjectReturn>
          rowKey="id"
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 6, hideOnSinglePage: true }}
          scroll={{ x: 520 }}
          columns={[
            {
              title: t('pj.month'),
              dataIndex: 'month',
              width: 110,
              render: (_: unknown, r) => (
                <Space size={4} wrap>
                  <span>{r.month}</span>
                  <Tag>{RETURN_STATUS_NAMES[r.status][lang]}</Tag>
                </Space>
              ),
            },
            {
              title: t('pj.evidence'),
              key: 'files',
              render: (_: unknown, r) => (
                <Space direction="vertical" size={2}>
                  {r.evidence.map((e) => (
                    <span key={e.id}>
                      <a href={apiUrl(`/projects/evidence/${e.id}`)} data-testid={`evidence-${e.id}`}>
                        <PaperClipOutlined /> {e.fileName}
                      </a>{' '}
                      <Typography.Text type="secondary">
                        （{Math.max(1, Math.round(e.size / 1024))} KB
                        {e.figure ? ` · ${t('pj.evidenceFigure', { figure: FIGURE_NAMES[e.figure][lang] })}` : ''}）
                      </Typography.Text>
                    </span>
                  ))}
                  {d.mayFile && (r.status === 'draft' || r.status === 'returned') ? (
                    <UploadEvidence r={r} onChanged={onChanged} />
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
