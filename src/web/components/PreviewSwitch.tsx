import { EyeOutlined } from '@ant-design/icons';
import { Alert, Space, Switch, Tag, Tooltip } from 'antd';
import { useT } from '../i18n.ts';

/** The coordination centre's and reviewers' switch: include approved figures that are not yet published. */
export function PreviewSwitch({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const t = useT();
  return (
    <Tooltip title={t('preview.switchHint')}>
      <Space size={6}>
        <Switch size="small" checked={on} onChange={onChange} data-testid="preview-switch" />
        <span style={{ fontSize: 13 }}>{t('preview.switch')}</span>
      </Space>
    </Tooltip>
  );
}

/** Shown above a page in preview: what it contains and that leaders do not see it. */
export function PreviewBanner() {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      icon={<EyeOutlined />}
      style={{ marginBottom: 16 }}
      data-testid="preview-banner"
      message={t('preview.banner')}
      description={t('preview.bannerHint')}
    />
  );
}

/** Marks a figure that rests on a value approved but not yet published (only ever seen in a preview). */
export function UnpublishedTag() {
  const t = useT();
  return (
    <Tooltip title={t('preview.unpublishedHint')}>
      <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="unpublished-tag">
        {t('preview.unpublished')}
      </Tag>
    </Tooltip>
  );
}
