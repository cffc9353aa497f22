import { EyeInvisibleOutlined, EyeOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CASE_STATUS_NAMES, CASE_STATUSES, type CaseStatus } from '../../../domain/households/cases.ts';
import { FLAG_NAMES, INCOME_CLASS_NAMES } from '../../../domain/households/registry.ts';
import { STAT_FLAGS } from '../../../domain/households/statistics.ts';
import { INCOME_CLASSES } from '../../../domain/inequality.ts';
import { householdRoutes, type HouseholdFilter, type HouseholdRow } from '../../../shared/api/households.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { OrgUnitTreeSelect } from '../workflow/OrgUnitTreeSelect.tsx';
import {
  CaseStatusTag,
  ClassTags,
  FlagTags,
  HOUSEHOLD_ROLES,
  perCapitaText,
  ReasonModal,
  useUnitName,
} from './common.tsx';
import './households.css';

const KEYS = ['unit', 'name', 'idTail', 'flag', 'certainOnly', 'incomeClass', 'caseStatus', 'page'] as const;
type Key = (typeof KEYS)[number];
type Filter = Partial<Record<Key, string>>;
/**
 * 家庭查询: the households of the reader's scope by village or township, name, the last four digits of an ID
 * number, flag, income class and case status. Names are masked; 显示完整 asks for a reason and shows them in
 * clear (the search is audited with it).
 */
export function HouseholdSearchPage() {
  const { lang, t } = useI18n();
  const { user } = useSession();
  const unitName = useUnitName();
  const [params, setParams] = useSearchParams();
  const filter: Filter = useMemo(
    () => Object.fromEntries(KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : []))),
    [params],
  );
  const [form] = Form.useForm<Filter & { certain?: boolean }>();
  const [unmaskReason, setUnmaskReason] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const caseStatus = filter.caseStatus as CaseStatus | undefined;
  const page = Number(filter.page ?? '1');

  const query = {
    unit: filter.unit,
    name: filter.name,
    idTail: filter.idTail,
    flag: filter.flag as HouseholdFilter['flag'],
    certainOnly: filter.certainOnly === '1' ? ('true' as const) : undefined,
    incomeClass: filter.incomeClass as (typeof INCOME_CLASSES)[number] | undefined,
    caseStatus,
    page,
    pageSize: 20,
    ...(unmaskReason ? { unmask: 'true' as const, reason: unmaskReason } : {}),
  };
  const search = useRoute(householdRoutes.search, { query });
  const rows = search.data?.rows ?? [];

  const apply = (values: Filter & { certain?: boolean }) => {
    const next = new URLSearchParams();
    for (const k of KEYS) {
      if (k === 'page' || k === 'certainOnly') continue;
      const v = values[k];
      if (v) next.set(k, String(v).trim());
    }
    if (values.certain) next.set('certainOnly', '1');
    setParams(next, { replace: true });
  };
  const mayUnmask = user ? HOUSEHOLD_ROLES.includes(user.role) : false;
  const scope = user ? [...new Set([...user.entryScope, ...user.viewScope])] : null;

  const columns: ColumnsType<HouseholdRow> = [
    {
      title: t('hh.code'),
      dataIndex: 'code',
      width: 150,
      fixed: 'left',
      render: (code: string, r) => (
        <Link to={`/households/${encodeURIComponent(r.id)}`} data-testid={`household-link-${r.code}`}>
          {code}
        </Link>
      ),
    },
    {
      title: t('hh.head'),
      dataIndex: 'headName',
      width: 90,
      render: (name: string) => <span data-testid="head-name">{name}</span>,
    },
    {
      title: t('hh.village'),
      key: 'village',
      width: 150,
      render: (_: unknown, r) => (
        <span>
          {unitName(r.villageId, r.villageName)}
          <div className="hh-muted">{unitName(r.townshipId, r.townshipName)}</div>
        </span>
      ),
    },
    { title: t('hh.size'), dataIndex: 'size', width: 64, align: 'right' },
    {
      title: t('hh.perCapita'),
      key: 'perCapita',
      width: 150,
      render: (_: unknown, r) => (
        <span>
          {perCapitaText(r.perCapita, lang)}
          {r.perCapita && !r.perCapita.exact ? <div className="hh-muted">{t('hh.bracketOnly')}</div> : null}
        </span>
      ),
    },
    {
      title: t('hh.incomeClass'),
      key: 'classes',
      width: 130,
      render: (_: unknown, r) => <ClassTags classes={r.incomeClasses} />,
    },
    { title: t('hh.flags'), key: 'flags', width: 220, render: (_: unknown, r) => <FlagTags flags={r.flags} /> },
    {
      title: t('hh.caseStatus'),
      key: 'case',
      width: 130,
      render: (_: unknown, r) => {
        const list = r.caseStatuses ?? [];
        if (list.length === 0) return <span className="hh-muted">{t('hh.noCase')}</span>;
        return (
          <span className="hh-tags">
            {list.map((status, i) => (
              <CaseStatusTag key={i} status={status} />
            ))}
          </span>
        );
      },
    },
    {
      title: '',
      key: 'generated',
      width: 90,
      render: (_: unknown, r) =>
        r.generated ? <GeneratedTag /> : r.status === 'closed' ? <Tag>{t('hh.closedHousehold')}</Tag> : null,
    },
  ];

  return (
    <div className="hh-page">
      <PageHeader
        title={t('hh.search.title')}
        subtitle={t('hh.search.subtitle')}
        extra={
          mayUnmask ? (
            unmaskReason ? (
              <Button icon={<EyeInvisibleOutlined />} onClick={() => setUnmaskReason(null)} data-testid="mask">
                {t('hh.mask')}
              </Button>
            ) : (
              <Button icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid="unmask">
                {t('hh.unmask')}
              </Button>
            )
          ) : null
        }
      />
      <Form
        form={form}
        layout="inline"
        className="hh-search-form"
        initialValues={{ ...filter, certain: filter.certainOnly === '1' }}
        onFinish={apply}
      >
        <Form.Item name="unit" label={t('hh.unit')}>
          <OrgUnitTreeSelect
            scope={scope}
            value={form.getFieldValue('unit') as string | undefined}
            onChange={(v) => form.setFieldValue('unit', v)}
            excludeKinds={['department']}
            allowClear
            placeholder={t('hh.unitPlaceholder')}
            testId="filter-unit"
            width={200}
          />
        </Form.Item>
        <Form.Item name="name" label={t('hh.name')}>
          <Input allowClear placeholder={t('hh.namePlaceholder')} style={{ width: 130 }} data-testid="filter-name" />
        </Form.Item>
        <Form.Item name="idTail" label={t('hh.idTail')}>
          <Input allowClear maxLength={4} placeholder="123X" style={{ width: 90 }} data-testid="filter-idtail" />
        </Form.Item>
        <Form.Item name="flag" label={t('hh.flag')}>
          <Select
            allowClear
            style={{ width: 190 }}
            data-testid="filter-flag"
            options={STAT_FLAGS.map((f) => ({ value: f, label: FLAG_NAMES[f][lang] }))}
            placeholder={t('common.all')}
          />
        </Form.Item>
        <Form.Item name="certain" valuePropName="checked">
          <Checkbox>{t('hh.certainOnly')}</Checkbox>
        </Form.Item>
        <Form.Item name="incomeClass" label={t('hh.incomeClass')}>
          <Select
            allowClear
            style={{ width: 130 }}
            options={INCOME_CLASSES.map((c) => ({ value: c, label: INCOME_CLASS_NAMES[c][lang] }))}
            placeholder={t('common.all')}
          />
        </Form.Item>
        <Form.Item name="caseStatus" label={t('hh.caseStatus')}>
          <Select
            allowClear
            style={{ width: 160 }}
            data-testid="filter-case-status"
            options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_NAMES[s][lang] }))}
            placeholder={t('common.all')}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {search.error ? <ErrorAlert error={search.error} onRetry={search.reload} /> : null}
      {unmaskReason ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('hh.unmaskedNote', { reason: unmaskReason })}
          data-testid="unmasked-note"
        />
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('hh.maskedNote')}
        </Typography.Paragraph>
      )}
      <Table<HouseholdRow>
        rowKey="id"
        size="middle"
        loading={search.loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        data-testid="household-table"
        pagination={{
          current: search.data?.page ?? page,
          pageSize: 20,
          total: search.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('hh.total', { n }),
          onChange: (p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next, { replace: true });
          },
        }}
      />
      <ReasonModal
        open={asking}
        title={t('hh.unmaskTitle')}
        onCancel={() => setAsking(false)}
        onOk={(reason) => {
          setAsking(false);
          setUnmaskReason(reason);
        }}
      />
    </div>
  );
}
