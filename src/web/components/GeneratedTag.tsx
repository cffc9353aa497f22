import { ExperimentOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useT } from '../i18n.ts';

/** Marks a figure that is generated demo data, never to be mistaken for an official statistic. */
export function GeneratedTag() {
  const t = useT();
  return (
    <Tooltip title={t('common.generatedHint')}>
      <Tag color="purple" icon={<ExperimentOutlined />} style={{ marginInlineEnd: 0 }}>
        {t('common.generated')}
      </Tag>
    </Tooltip>
  );
}
