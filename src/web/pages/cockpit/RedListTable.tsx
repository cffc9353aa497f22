import { Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ExplainDrawer, type ExplainTarget } from '../../components/ExplainDrawer.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { fmtPoints, fmtValue, shortOrgName } from '../../format.ts';
import { useDepartmentName } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { COLOURS } from '../../status.ts';
import type { RedListItem } from '../../types.ts';
import { indicatorLink } from './IndicatorCard.tsx';
import { useIndicatorName, useOrgUnitName } from '../../hooks/useNames.ts';
import { useUnitLink } from './unitLink.ts';

/** 短板清单: every red result, worst first, with the lead department that owns it and a "why". */
export function RedListTable({
  items,
  asOf,
  frameworkId,
}: {
  items: RedListItem[];
  asOf: string | null;
  frameworkId?: string;
}) {
  const { t, lang } = useI18n();
  const indicatorName = useIndicatorName(frameworkId);
  const orgUnitName = useOrgUnitName();
  const unitLink = useUnitLink();
  const deptName = useDepartmentName();
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  const columns: TableColumnsType<RedListItem> = [
    {
      title: t('common.indicator'),
      dataIndex: 'name',
      render: (name: string, r) => <Link to={indicatorLink(r.code, r.orgUnitId)}>{indicatorName(r.code, name)}</Link>,
    },
    {
      title: t('common.orgUnit'),
      dataIndex: 'orgUnitName',
      width: 120,
      render: (name: string, r) => <Link to={unitLink(r.orgUnitId)}>{orgUnitName(r.orgUnitId, name)}</Link>,
    },
    {
      title: t('common.actual'),
      key: 'actual',
      width: 140,
      align: 'right',
      render: (_: unknown, r) => (
        <Typography.Text style={{ color: COLOURS[r.colour].text }}>{fmtValue(r.actual, r.unit)}</Typography.Text>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 130,
      render: (_: unknown, r) => <StatusTag status={r.status} colour={r.colour} label={r.label} />,
    },
    {
      title: t('common.deviation'),
      dataIndex: 'deviationPoints',
      width: 130,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : t('common.deviationPoints', { value: fmtPoints(v) })),
    },
    {
      title: t('common.leadUnit'),
      dataIndex: 'leadDepartment',
      width: 200,
      render: (v: string | null) => (
        <span title={deptName(v)}>{v && lang === 'zh' ? shortOrgName(v) : deptName(v)}</span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'why',
      width: 100,
      render: (_: unknown, r) => (
        <Button
          type="link"
          size="small"
          onClick={() => setExplain({ indicatorCode: r.code, orgUnitId: r.orgUnitId, asOf })}
        >
          {t('common.explain')}
        </Button>
      ),
    },
  ];
  return (
    <Card
      title={
        <span>
          {t('cockpit.redList')}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginInlineStart: 8 }}>
            {t('cockpit.redListHint')}
          </Typography.Text>
        </span>
      }
      extra={<Typography.Text type="danger">{items.length}</Typography.Text>}
    >
      <Table<RedListItem>
        scroll={{ x: 'max-content' }}
        size="small"
        rowKey={(r) => `${r.code}|${r.orgUnitId}`}
        columns={columns}
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: t('cockpit.redListEmpty') }}
      />
      <ExplainDrawer target={explain} onClose={() => setExplain(null)} />
    </Card>
  );
}
