import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';

/** A "?" that explains what is next to it. */
export function InfoTip({ title }: { title: ReactNode }) {
  return (
    <Tooltip title={title} styles={{ container: { maxWidth: 420 } }}>
      <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)', cursor: 'help' }} />
    </Tooltip>
  );
}
