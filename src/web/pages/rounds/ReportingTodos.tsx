import { FormOutlined } from '@ant-design/icons';
import { Badge, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtPeriod, fmtTime } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import type { ReportingTodo } from '../../../shared/api/rounds.ts';
import { roundRoutes } from '../../../shared/api/rounds.ts';

const ROLES = ['districtReporter', 'departmentReporter', 'reviewer', 'coordinator'];

function linkOf(t: ReportingTodo): string {
  if (t.kind === 'report') return `/entry?orgUnitId=${t.orgUnitId ?? ''}&period=${t.period}`;
  return t.kind === 'review' ? `/review?period=${t.period}` : '/rounds';
}

function lateText(x: ReportingTodo, t: ReturnType<typeof useI18n>['t']): string {
  return x.overdueDays !== null ? t('rounds.lateDays', { days: x.overdueDays }) : t('reportingTodos.overdue');
}

/**
 * 填报待办 beside "my to-dos" on the home page: figures to enter (with returned ones called out), values to review,
 * approvals to publish — late first, never hidden.
 */
export function ReportingTodos() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const enabled = user !== undefined && ROLES.includes(user.role);
  const todos = useRoute(roundRoutes.todos, enabled ? {} : null, { live: true });
  if (!enabled) return null;
  const items = todos.data ?? [];
  const late = items.filter((x) => x.late).length;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="reporting-todos"
      title={
        <Space>
          <FormOutlined />
          {t('reportingTodos.title')}
          <Badge count={items.length} showZero color={items.length > 0 ? '#1677ff' : '#d9d9d9'} />
          {late > 0 ? <Tag color="error">{t('reportingTodos.late', { count: late })}</Tag> : null}
        </Space>
      }
    >
      {todos.error ? <ErrorAlert error={todos.error} onRetry={todos.reload} /> : null}
      {items.length === 0 && !todos.loading ? (
        <Typography.Text type="secondary">{t('reportingTodos.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          loading={todos.loading && !todos.data}
          dataSource={items}
          renderItem={(x) => (
            <List.Item
              data-testid={`reporting-todo-${x.kind}`}
              extra={
                x.late ? (
                  <Tag color="error">{lateText(x, t)}</Tag>
                ) : x.dueDate ? (
                  <Typography.Text type="secondary">{t('reportingTodos.due', { date: x.dueDate })}</Typography.Text>
                ) : null
              }
            >
              <Space wrap size={6}>
                <strong>{t(`reportingTodos.kind.${x.kind}`)}</strong>
                <Link to={linkOf(x)}>
                  {x.orgUnitName ? `${x.orgUnitName} · ` : ''}
                  {fmtPeriod(x.period, lang)}
                </Link>
                <Typography.Text type="secondary">{t('reportingTodos.count', { count: x.count })}</Typography.Text>
                {x.returned > 0 ? (
                  <Tag color="warning">{t('reportingTodos.returned', { count: x.returned })}</Tag>
                ) : null}
                {x.remindedAt ? (
                  <Tag color="orange" data-testid="reporting-todo-reminded" title={x.reminderNote ?? undefined}>
                    {t('reportingTodos.reminded', { time: fmtTime(x.remindedAt) })}
                  </Tag>
                ) : null}
                {x.remindedAt && x.reminderNote && x.kind === 'report' ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {x.reminderNote}
                  </Typography.Text>
                ) : null}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
