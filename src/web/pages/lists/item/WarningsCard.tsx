import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { fmtTime } from '../../../format.ts';
import { useI18n, useT } from '../../../i18n.ts';
import { WARNING_KIND_NAMES } from '../../../../domain/lists/types.ts';
import type { ItemDetail } from '../../../../shared/api/lists.ts';
import { COLOUR_HEX } from '../common.tsx';

/** 预警: active and past warnings as a timeline. */
export function WarningsCard({ detail: d }: { detail: ItemDetail }) {
  const t = useT();
  const { lang } = useI18n();
  return (
    <Card title={t('item.warnings')} size="small" style={{ marginBottom: 16 }} data-testid="item-warnings">
      {d.warnings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.nothing')} />
      ) : (
        <Timeline
          items={d.warnings.map((w) => ({
            color: w.clearedAt ? 'gray' : COLOUR_HEX[w.colour],
            content: (
              <div data-testid={`warning-${w.kind}`}>
                <Space wrap size={4}>
                  <strong>{WARNING_KIND_NAMES[w.kind][lang]}</strong>
                  {w.clearedAt ? (
                    <Tag>{t('item.clearedOn', { time: fmtTime(w.clearedAt) })}</Tag>
                  ) : (
                    <Tag color="red">{t('item.active')}</Tag>
                  )}
                </Space>
                <div>{w.reason[lang]}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('item.raisedAt')} {fmtTime(w.raisedAt)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
