import { Space, Tag } from 'antd';
import { useT, type MsgId } from '../i18n.ts';
import { GeneratedTag } from './GeneratedTag.tsx';

const STATUS: Record<string, { label: MsgId; color: string }> = {
  draft: { label: 'valueStatus.draft', color: 'default' },
  submitted: { label: 'valueStatus.submitted', color: 'processing' },
  returned: { label: 'valueStatus.returned', color: 'warning' },
  approved: { label: 'valueStatus.approved', color: 'cyan' },
  published: { label: 'valueStatus.published', color: 'success' },
};

/**
 * The workflow status of a value (草稿 → 已提交 → 已审核 → 已发布), marked "generated" when it is demo data and
 * "published source" when it was taken from a published document.
 */
export function ValueStatusTag({ status, origin }: { status: string; origin?: string }) {
  const t = useT();
  const s = STATUS[status];
  const tag = <Tag color={s?.color ?? 'default'}>{s ? t(s.label) : status}</Tag>;
  if (origin === 'generated') {
    return (
      <Space size={4}>
        {tag}
        <GeneratedTag />
      </Space>
    );
  }
  if (origin === 'published') {
    return (
      <Space size={4}>
        {tag}
        <Tag color="geekblue">{t('origin.published')}</Tag>
      </Space>
    );
  }
  return tag;
}
