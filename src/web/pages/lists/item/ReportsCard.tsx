import { Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { GeneratedTag } from '../../../components/GeneratedTag.tsx';
import { fmtTime } from '../../../format.ts';
import { useT } from '../../../i18n.ts';
import { listRoutes, type ItemDetail } from '../../../../shared/api/lists.ts';
import type { ItemActions } from './useItemActions.ts';

/** 月度进展: the monthly reports with their problems, and the months still owed. */
export function ReportsCard({ detail: d, actions }: { detail: ItemDetail; actions: ItemActions }) {
  const t = useT();
  const { run } = actions;
  return (
    <Card
      title={t('item.reports')}
      style={{ marginBottom: 16 }}
      size="small"
      extra={d.owedReports.length > 0 ? <OwedReports detail={d} /> : null}
    >
      <Table
        rowKey="id"
        size="small"
        data-testid="item-reports"
        dataSource={d.reports}
        pagination={{ pageSize: 4, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('item.nothing') }}
        columns={[
          {
            title: t('item.period'),
            dataIndex: 'period',
            width: 150,
            render: (_: unknown, r) => (
              <Space direction="vertical" size={2}>
                <strong>{r.period}</strong>
                <Space size={4} wrap>
                  {r.late ? <Tag color="warning">{t('item.lateReport')}</Tag> : null}
                  {r.generated ? <GeneratedTag /> : null}
                </Space>
              </Space>
            ),
          },
          {
            title: t('item.percent'),
            dataIndex: 'percent',
            width: 150,
            render: (_: unknown, r) => (
              <>
                <Progress percent={r.percent} size="small" />
                {r.value !== null ? <Tag>{r.value}</Tag> : null}
              </>
            ),
          },
          {
            title: t('item.narrative'),
            dataIndex: 'narrative',
            render: (_: unknown, r) => (
              <>
                <div>{r.narrative}</div>
                {r.problems.length > 0 ? (
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                    {r.problems.map((p) => (
                      <li key={p.id}>
                        {t('item.problem')}：{p.description}（{t('item.owner')}：{p.owner}，{t('item.problemDue')}{' '}
                        {p.dueDate}）
                        {p.status === 'resolved' ? (
                          <Tag color="success" style={{ marginInlineStart: 6 }}>
                            {t('item.resolved')}
                          </Tag>
                        ) : p.canResolve ? (
                          <Button
                            size="small"
                            type="link"
                            data-testid="problem-resolve"
                            onClick={() => void run(listRoutes.resolveProblem, { params: { id: p.id } })}
                          >
                            {t('item.resolve')}
                          </Button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.reportedBy ?? ''} {fmtTime(r.reportedAt)}
                </Typography.Text>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The months whose report is owed, late ones marked. */
function OwedReports({ detail }: { detail: ItemDetail }) {
  const t = useT();
  const missing = detail.owedReports.filter((r) => !r.submitted);
  if (missing.length === 0) return null;
  return (
    <Space size={4} wrap>
      <Typography.Text type="secondary">{t('item.owed')}：</Typography.Text>
      {missing.map((r) => (
        <Tag key={r.period} color={r.late ? 'warning' : 'default'}>
          {t('item.owedDue', { period: r.period, date: r.dueDate })}
        </Tag>
      ))}
    </Space>
  );
}
