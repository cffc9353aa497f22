import { Typography } from 'antd';
import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Right-hand controls: selectors, export buttons. */
  extra?: ReactNode;
}

/** The title row of every page: title and subtitle left, the page's controls right. */
export function PageHeader({ title, subtitle, extra }: Props) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <div className="page-header-subtitle">{subtitle}</div> : null}
      </div>
      {extra ? <div className="page-header-extra">{extra}</div> : null}
    </div>
  );
}
