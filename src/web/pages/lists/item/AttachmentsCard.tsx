import { App, Button, Card, Empty, List, Tooltip, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { apiUrl } from '../../../api.ts';
import { useI18n, useT } from '../../../i18n.ts';
import { listRoutes, type ItemDetail } from '../../../../shared/api/lists.ts';
import { uploadTo } from '../../workflow/upload.ts';
import { apiErrorText } from '../../../apiErrors.ts';

/** 附件: files attached to the item; upload when allowed. */
export function AttachmentsCard({ detail: d, onUploaded }: { detail: ItemDetail; onUploaded: () => void }) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const can = new Set(d.can);
  return (
    <Card
      title={t('item.attachments')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        can.has('attach') ? (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              uploadTo(listRoutes.attach, { params: { id: d.item.id }, query: {} }, file).then(
                () => {
                  void message.success(t('act.uploaded', { name: file.name }));
                  onUploaded();
                },
                (e: unknown) => void message.error(apiErrorText(e, lang, t)),
              );
              return false;
            }}
          >
            <Tooltip title={t('item.uploadHint')}>
              <Button size="small" icon={<UploadOutlined />} data-testid="item-upload">
                {t('item.upload')}
              </Button>
            </Tooltip>
          </Upload>
        ) : null
      }
    >
      {d.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.nothing')} />
      ) : (
        <List
          size="small"
          dataSource={d.attachments}
          renderItem={(a) => (
            <List.Item>
              <a href={apiUrl(`/lists/attachments/${a.id}`)} download={a.fileName}>
                <PaperClipOutlined /> {a.fileName}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {(a.size / 1024).toFixed(0)} KB · {a.uploadedBy ?? ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
