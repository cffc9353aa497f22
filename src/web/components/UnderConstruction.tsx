import { Result } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useT, type MsgId } from '../i18n.ts';
import { PageHeader } from './PageHeader.tsx';

/** Placeholder for a page another change will build. */
export function UnderConstruction({ title }: { title: MsgId }) {
  const t = useT();
  return (
    <>
      <PageHeader title={t(title)} />
      <Result
        icon={<ToolOutlined />}
        title={t('common.underConstruction')}
        subTitle={t('common.underConstructionHint')}
      />
    </>
  );
}
