import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiUrl, ApiError, call } from '../../api.ts';
import {
  securityRoutes,
  type AuditFilterInput,
  type AuditRecordDto,
  type AuditVerification,
} from '../../../shared/api/security.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { fmtTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';

type AuditRecord = AuditRecordDto;

interface Filter {
  range?: [Dayjs | null, Dayjs | null] | null;
  username?: string;
  actionPrefix?: string;
  objectId?: string;
  outcome?: AuditRecord['outcome'];
  includeArchive?: boolean;
}

const OUTCOME_COLOUR = { success: 'success', failure: 'warning', denied: 'error' } as const;

function toQuery(f: Filter): AuditFilterInput {
  return {
    from: f.range?.[0]?.format('YYYY-MM-DD'),
    to: f.range?.[1]?.format('YYYY-MM-DD'),
    username: f.username?.trim(),
    actionPrefix: f.actionPrefix?.trim(),
    objectId: f.objectId?.trim(),
    outcome: f.outcome,
    includeArchive: f.includeArchive ? 'true' : undefined,
  };
}

/** 审计日志 (audit administrator): search with filters and pages, export as CSV or xlsx, verify the hash chain. */
export function AuditPage() {
  const { pick } = useI18n();
  const [filter, setFilter] = useState<AuditFilterInput>({});
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const result = useRoute(securityRoutes.audit, {
    query: { ...filter, limit: page.pageSize, offset: (page.current - 1) * page.pageSize },
  });
  const [verification, setVerification] = useState<AuditVerification | ApiError | null>(null);
  const [anchor, setAnchor] = useState('');

  const verify = async () => {
    try {
      setVerification(await call(securityRoutes.verify, { query: { anchor: anchor.trim() || undefined } }));
    } catch (e) {
      setVerification(e instanceof ApiError ? e : null);
    }
  };

  const columns: TableColumnsType<AuditRecord> = [
    { title: '#', dataIndex: 'seq', width: 80 },
    {
      title: pick('时间', 'Time'),
      dataIndex: 'at',
      width: 170,
      render: (at: string) => fmtTime(at, 'second'),
    },
    { title: pick('用户', 'User'), dataIndex: 'username', width: 120 },
    { title: pick('地址', 'Address'), dataIndex: 'ip', width: 130 },
    {
      title: pick('操作', 'Action'),
      dataIndex: 'action',
      width: 190,
      render: (a: string, r) =>
        r.archived ? (
          <Space>
            {a}
            <Tag>{pick('已归档', 'archived')}</Tag>
          </Space>
        ) : (
          a
        ),
    },
    {
      title: pick('对象', 'Object'),
      key: 'object',
      width: 240,
      render: (_: unknown, r) => [r.objectType, r.objectId].filter(Boolean).join(' · '),
    },
    {
      title: pick('结果', 'Outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (o: AuditRecord['outcome']) => <Tag color={OUTCOME_COLOUR[o]}>{o}</Tag>,
    },
    {
      title: pick('详情', 'Detail'),
      dataIndex: 'detail',
      render: (d: AuditRecord['detail']) =>
        d ? (
          <Typography.Text code ellipsis={{ tooltip: JSON.stringify(d, null, 1) }} style={{ maxWidth: 360 }}>
            {JSON.stringify(d)}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={pick('审计日志', 'Audit trail')}
        subtitle={pick(
          '只读；每条记录以哈希链与前一条相连',
          'Read-only; each record is chained to the previous one by a hash',
        )}
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/audit/export.csv', filter)}
              data-testid="audit-export-csv"
            >
              CSV
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/audit/export.xlsx', filter)}
              data-testid="audit-export-xlsx"
            >
              Excel
            </Button>
          </Space>
        }
      />
      <Form<Filter>
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(f) => {
          setFilter(toQuery(f));
          setPage((p) => ({ ...p, current: 1 }));
        }}
      >
        <Form.Item name="range" label={pick('日期', 'Dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="username" label={pick('用户', 'User')}>
          <Input allowClear style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="actionPrefix" label={pick('操作', 'Action')}>
          <Input allowClear placeholder="auth. / value. / api.export" style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="objectId" label={pick('对象', 'Object')}>
          <Input allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="outcome" label={pick('结果', 'Outcome')}>
          <Select
            allowClear
            style={{ width: 110 }}
            options={(['success', 'failure', 'denied'] as const).map((o) => ({ value: o, label: o }))}
          />
        </Form.Item>
        <Form.Item name="includeArchive" label={pick('含归档', 'Archive')}>
          <Select allowClear style={{ width: 90 }} options={[{ value: true, label: pick('是', 'yes') }]} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {pick('查询', 'Search')}
        </Button>
      </Form>
      {result.error ? <ErrorAlert error={result.error} onRetry={result.reload} /> : null}
      <Table<AuditRecord>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={result.data?.records ?? []}
        loading={result.loading}
        scroll={{ x: 1300 }}
        pagination={{
          ...page,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
      />
      <Space direction="vertical" style={{ marginTop: 16, width: '100%', maxWidth: 860 }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            placeholder={pick('上次记下的链头（序号:哈希，可留空）', 'Head noted last time (seq:hash, optional)')}
            value={anchor}
            onChange={(e) => setAnchor(e.target.value)}
          />
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} data-testid="audit-verify">
            {pick('校验哈希链', 'Verify the chain')}
          </Button>
        </Space.Compact>
        {verification instanceof ApiError ? <ErrorAlert error={verification} /> : null}
        {verification && !(verification instanceof ApiError) ? (
          verification.ok ? (
            <Alert
              type="success"
              showIcon
              title={pick(
                `哈希链完整：${verification.count} 条记录`,
                `The chain is whole: ${verification.count} records`,
              )}
              description={
                verification.head
                  ? `${pick('请记下链头', 'Note the head')}: ${verification.head.seq}:${verification.head.hash}`
                  : undefined
              }
            />
          ) : (
            <Alert
              type="error"
              showIcon
              title={pick(
                `哈希链在第 ${verification.brokenAt} 条断开（${verification.reason}）`,
                `The chain breaks at record ${verification.brokenAt} (${verification.reason})`,
              )}
              description={verification.message}
            />
          )
        ) : null}
      </Space>
    </>
  );
}
