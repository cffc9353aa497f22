import { Button, Card, Space, Table } from 'antd';
import { GeneratedTag } from '../../../components/GeneratedTag.tsx';
import { useT } from '../../../i18n.ts';
import type { ItemDetail } from '../../../../shared/api/lists.ts';
import { COLOUR_HEX } from '../common.tsx';
import type { ItemActions } from './useItemActions.ts';

/** 节点: planned and completed milestones; a late one in yellow; complete it when allowed. */
export function MilestonesCard({ detail: d, actions }: { detail: ItemDetail; actions: ItemActions }) {
  const t = useT();
  const can = new Set(d.can);
  const { setOpen } = actions;
  return (
    <Card title={t('item.milestones')} style={{ marginBottom: 16 }} size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.milestones}
        columns={[
          { title: '#', dataIndex: 'seq', width: 40 },
          {
            title: t('item.milestone'),
            dataIndex: 'title',
            render: (_: unknown, m) => (
              <Space>
                {m.title}
                {m.generated ? <GeneratedTag /> : null}
              </Space>
            ),
          },
          {
            title: t('item.planned'),
            dataIndex: 'plannedDate',
            width: 110,
            render: (_: unknown, m) => (
              <span
                style={{
                  color: m.completedDate === null && m.plannedDate < d.today ? COLOUR_HEX.yellow : undefined,
                }}
              >
                {m.plannedDate}
              </span>
            ),
          },
          {
            title: t('item.completed'),
            dataIndex: 'completedDate',
            width: 110,
            render: (v: string | null) => v ?? '—',
          },
          { title: t('item.evidence'), dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
          {
            title: '',
            width: 80,
            render: (_: unknown, m) =>
              can.has('completeMilestone') && m.completedDate === null ? (
                <Button
                  size="small"
                  data-testid={`milestone-complete-${m.seq}`}
                  onClick={() => setOpen({ kind: 'milestone', id: m.id, title: m.title })}
                >
                  {t('item.complete')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
