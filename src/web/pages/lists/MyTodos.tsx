import { CheckSquareOutlined } from '@ant-design/icons';
import { Badge, Card, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtPeriod } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { roundRoutes, type ReportingTodo } from '../../../shared/api/rounds.ts';
import { type Lang, type MsgId, type Translate, useI18n, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { ADJUSTMENT_KIND_NAMES, type AdjustmentKind } from '../../../domain/lists/types.ts';
import { listRoutes, type Todo } from '../../../shared/api/lists.ts';
import { KindTag } from './common.tsx';

/** One line of 我的待办: a list item's to-do, or figures of a reporting round returned for correction. */
type Row = { kind: 'list'; todo: Todo } | { kind: 'returned'; x: ReportingTodo };

const REPORTERS = ['districtReporter', 'departmentReporter'];

/** The roles that work with the lists; the privileged roles without a data scope have no to-dos here. */
const LIST_ROLES = ['coordinator', 'leader', 'teamMember', 'departmentReporter', 'districtReporter', 'reviewer'];

function DueText({ todo }: { todo: Todo }) {
  const t = useT();
  return todo.late ? (
    <Tag color="error" data-testid="todo-late">
      {t('todos.late', { days: todo.daysLate })}
    </Tag>
  ) : (
    <Typography.Text type="secondary">{t('todos.due', { date: todo.dueDate })}</Typography.Text>
  );
}

function what(todo: Todo, t: Translate, lang: Lang): string {
  const kind = t(`todos.kind.${todo.kind}` as MsgId);
  const ref =
    todo.ref in ADJUSTMENT_KIND_NAMES
      ? ADJUSTMENT_KIND_NAMES[todo.ref as AdjustmentKind][lang]
      : /^\d{4}-(\d{2}|Q[1-4])$/.test(todo.ref)
        ? fmtPeriod(todo.ref, lang)
        : todo.ref;
  if (!ref) return kind;
  return lang === 'zh' ? `${kind}（${ref}）` : `${kind} (${ref})`;
}

/**
 * "我的待办" for the home page of every user: what to acknowledge, report, answer or review, late first; a few lines
 * and a link to the full list. Renders nothing for roles that do not work with the lists.
 */
export function MyTodos({ limit = 6 }: { limit?: number }) {
  const t = useT();
  const { lang } = useI18n();
  const { user } = useSession();
  const enabled = user !== undefined && LIST_ROLES.includes(user.role);
  const todos = useRoute(listRoutes.todos, enabled ? {} : null, { live: true });
  // Figures the reviewer returned are the reporter's to-do too, first: they hold up the round.
  const reporter = user !== undefined && REPORTERS.includes(user.role);
  const reporting = useRoute(roundRoutes.todos, reporter ? {} : null, { live: true });
  if (!enabled) return null;
  const returned = (reporting.data ?? []).filter((x) => x.kind === 'report' && x.returned > 0);
  const listItems = todos.data?.items ?? [];
  const items: Row[] = [
    ...returned.map((x): Row => ({ kind: 'returned', x })),
    ...listItems.map((todo): Row => ({ kind: 'list', todo })),
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="my-todos"
      title={
        <Space>
          <CheckSquareOutlined />
          {t('todos.title')}
          <Badge count={items.length} showZero color={items.length > 0 ? '#1677ff' : '#d9d9d9'} />
          {todos.data && todos.data.late + returned.filter((x) => x.late).length > 0 ? (
            <Tag color="error">
              {t('todos.lateCount', { count: todos.data.late + returned.filter((x) => x.late).length })}
            </Tag>
          ) : null}
        </Space>
      }
      extra={items.length > limit ? <Link to="/lists/todos">{t('todos.all')}</Link> : null}
    >
      {todos.error ? <ErrorAlert error={todos.error} onRetry={todos.reload} /> : null}
      {items.length === 0 && !todos.loading ? (
        <Typography.Text type="secondary" data-testid="todos-none">
          {t('todos.none')}
        </Typography.Text>
      ) : (
        <List
          size="small"
          loading={todos.loading && !todos.data}
          dataSource={items.slice(0, limit)}
          renderItem={(row) =>
            row.kind === 'returned' ? (
              <List.Item
                data-testid="todo-returned"
                extra={
                  row.x.dueDate ? (
                    <Typography.Text type="secondary">{t('todos.due', { date: row.x.dueDate })}</Typography.Text>
                  ) : null
                }
              >
                <Space wrap size={6}>
                  <strong>{t('todos.kind.returnedValues', { count: row.x.returned })}</strong>
                  <Link to={`/entry?orgUnitId=${row.x.orgUnitId ?? ''}&period=${row.x.period}`}>
                    {row.x.orgUnitName ? `${row.x.orgUnitName} · ` : ''}
                    {fmtPeriod(row.x.period, lang)}
                  </Link>
                </Space>
              </List.Item>
            ) : (
              <ListTodo todo={row.todo} />
            )
          }
        />
      )}
    </Card>
  );
}

function ListTodo({ todo }: { todo: Todo }) {
  const t = useT();
  const { lang } = useI18n();
  return (
    <List.Item data-testid={`todo-${todo.kind}`} extra={<DueText todo={todo} />}>
      <Space wrap size={6}>
        <strong>{what(todo, t, lang)}</strong>
        <Link to={`/lists/items/${todo.itemId}`}>
          {todo.itemCode} {todo.itemTitle}
        </Link>
        <Typography.Text type="secondary">{todo.leadUnitName}</Typography.Text>
      </Space>
    </List.Item>
  );
}

/** 我的待办 as a page: every to-do, late first. */
export function TodosTable() {
  const t = useT();
  const { lang } = useI18n();
  const todos = useRoute(listRoutes.todos, {}, { live: true });
  return (
    <>
      {todos.error ? <ErrorAlert error={todos.error} onRetry={todos.reload} /> : null}
      <Table<Todo>
        rowKey={(todo) => `${todo.kind}-${todo.itemId}-${todo.ref}`}
        loading={todos.loading}
        dataSource={todos.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowClassName={(todo) => (todo.late ? 'wf-row-late' : '')}
        data-testid="todos-table"
        columns={[
          { title: t('todos.what'), key: 'what', width: 200, render: (_: unknown, todo) => what(todo, t, lang) },
          {
            title: t('lists.item'),
            key: 'item',
            render: (_: unknown, todo) => (
              <Link to={`/lists/items/${todo.itemId}`}>{`${todo.itemCode} ${todo.itemTitle}`}</Link>
            ),
          },
          {
            title: t('lists.kind'),
            key: 'kind',
            width: 100,
            render: (_: unknown, todo) => <KindTag kind={todo.listKind} />,
          },
          { title: t('common.leadUnit'), dataIndex: 'leadUnitName', width: 200 },
          { title: t('todos.dueDate'), dataIndex: 'dueDate', width: 110 },
          {
            title: '',
            key: 'late',
            width: 110,
            render: (_: unknown, todo) => (todo.late ? <DueText todo={todo} /> : null),
          },
        ]}
      />
    </>
  );
}
