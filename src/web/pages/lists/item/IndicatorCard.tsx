import { Card, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n.ts';
import type { ItemDetail } from '../../../../shared/api/lists.ts';
import { unitName } from '../../../units.ts';

/** 关联指标: the indicator the item feeds, with its last six values. */
export function IndicatorCard({ detail: d }: { detail: ItemDetail }) {
  const t = useT();
  if (!d.indicator) return null;
  return (
    <Card title={t('item.indicator')} size="small" style={{ marginBottom: 16 }}>
      <Link to={`/indicators/${d.indicator.code}`}>
        {d.indicator.code} {d.indicator.name}
      </Link>
      <div style={{ marginTop: 8 }}>
        {d.indicator.points.length === 0
          ? '—'
          : d.indicator.points.slice(-6).map((p) => (
              <Tag key={p.period}>
                {p.period}：{p.value ?? '—'} {unitName(d.indicator?.unit ?? '')}
              </Tag>
            ))}
      </div>
    </Card>
  );
}
