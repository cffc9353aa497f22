import { Button, Card, List, Space, Tag } from 'antd';
import { fmtTime } from '../../../format.ts';
import { useI18n, useT } from '../../../i18n.ts';
import { ADJUSTMENT_KIND_NAMES } from '../../../../domain/lists/types.ts';
import { listRoutes, type ItemDetail } from '../../../../shared/api/lists.ts';
import type { ItemActions } from './useItemActions.ts';

/** 调整申请: requested changes of deadline or target, and cancellations, with their decisions. */
export function AdjustmentsCard({ detail: d, actions }: { detail: ItemDetail; actions: ItemActions }) {
  const t = useT();
  const { lang } = useI18n();
  const { act, busy, setOpen } = actions;
  if (d.adjustments.length === 0) return null;
  return (
    <Card title={t('item.adjustments')} style={{ marginBottom: 16 }} size="small">
      <List
        dataSource={d.adjustments}
        renderItem={(a) => (
          <List.Item
            actions={
              a.canDecide
                ? [
                    <Button
                      key="y"
                      size="small"
                      type="primary"
                      data-testid="adjust-approve"
                      loading={busy}
                      onClick={() =>
                        void act(listRoutes.decideAdjustment, {
                          params: { id: a.id },
                          body: { approve: true, note: null },
                        })
                      }
                    >
                      {t('item.approve')}
                    </Button>,
                    <Button key="n" size="small" danger onClick={() => setOpen({ kind: 'decide', id: a.id })}>
                      {t('item.reject')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {ADJUSTMENT_KIND_NAMES[a.kind][lang]}
                  <Tag color={a.status === 'approved' ? 'success' : a.status === 'rejected' ? 'default' : 'orange'}>
                    {t(`adjust.${a.status}`)}
                  </Tag>
                  {a.kind === 'deadline' ? `${a.oldDeadline} → ${a.newDeadline}` : null}
                  {a.kind === 'target'
                    ? `${a.oldFloor ?? '—'}/${a.oldStretch ?? '—'} → ${a.newFloor ?? '—'}/${a.newStretch ?? '—'}`
                    : null}
                </Space>
              }
              description={`${t('item.reason')}：${a.reason} · ${a.requestedBy ?? ''} ${fmtTime(a.requestedAt)}${a.decidedAt ? ` · ${a.decidedBy ?? ''}${a.decisionNote ? `：${a.decisionNote}` : ''}` : ''}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
