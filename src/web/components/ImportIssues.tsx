import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n, useT } from '../i18n.ts';
import { fieldName } from '../fieldName.ts';
import type { AnsweredFieldIssue } from '../../shared/errors.ts';

type IssueRow = AnsweredFieldIssue & { key: number };

/**
 * Every bad cell of a refused import, by sheet, row and column, the reason in the user's language: the table the
 * values import shows (src/web/pages/entry/ImportExcel.tsx), shared by the ledger's imports.
 */
export function ImportIssuesTable({
  issues,
  testId = 'import-errors',
}: {
  issues: AnsweredFieldIssue[];
  testId?: string;
}) {
  const { lang } = useI18n();
  const t = useT();
  const columns: TableColumnsType<IssueRow> = [
    { title: t('entry.importSheet'), dataIndex: 'sheet', width: 110, render: (v: string | undefined) => v ?? '' },
    {
      title: t('entry.importRow'),
      dataIndex: 'row',
      width: 64,
      align: 'right',
      render: (v: number | undefined) => v ?? '',
    },
    {
      title: t('entry.importColumn'),
      dataIndex: 'column',
      width: 64,
      align: 'center',
      render: (v: string | undefined) => v ?? '',
    },
    {
      title: t('entry.importField'),
      dataIndex: 'field',
      width: 140,
      render: (v: string | undefined) => fieldName(v, t),
    },
    {
      title: t('entry.importReason'),
      key: 'message',
      render: (_: unknown, d: IssueRow) => <span className="wf-field-error">{d.text[lang]}</span>,
    },
  ];
  return (
    <Table<IssueRow>
      data-testid={testId}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={issues.map((d, key) => ({ ...d, key }))}
      pagination={issues.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 560 }}
    />
  );
}
