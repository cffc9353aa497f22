import { Table, Typography, type TableColumnsType } from 'antd';
import { SourceText } from '../../components/SourceText.tsx';
import { fmtValue } from '../../format.ts';
import { useI18n, type MsgId } from '../../i18n.ts';
import type { BaselineRow, OrgUnit, TargetRow } from '../../types.ts';

const COMPARISON: Record<string, MsgId> = {
  atLeast: 'comparison.atLeast',
  atMost: 'comparison.atMost',
  between: 'comparison.between',
};

interface Props {
  targets: TargetRow[];
  baselines: BaselineRow[];
  unit: string;
  orgUnits: ReadonlyMap<string, OrgUnit>;
}

/** Floor, stretch and zero point per org unit and year (annual and end-of-plan), with each unit's baseline and the source. */
export function TargetTable({ targets, baselines, unit, orgUnits }: Props) {
  const { t, pick } = useI18n();
  const order = (id: string) => orgUnits.get(id)?.sort ?? 999;
  const rows = [...targets].sort((a, b) => order(a.orgUnitId) - order(b.orgUnitId) || a.year - b.year);
  const baselineOf = (id: string) => baselines.find((b) => b.orgUnitId === id);
  const columns: TableColumnsType<TargetRow> = [
    {
      title: t('common.orgUnit'),
      dataIndex: 'orgUnitId',
      width: 100,
      render: (id: string) => {
        const u = orgUnits.get(id);
        return u ? pick(u.name, u.nameEn) : id;
      },
    },
    { title: t('indicator.year'), dataIndex: 'year', width: 64 },
    {
      title: t('common.target'),
      dataIndex: 'kind',
      width: 80,
      render: (k: TargetRow['kind']) =>
        t(k === 'annual' ? 'indicator.targetKind.annual' : 'indicator.targetKind.endOfPlan'),
    },
    {
      title: t('explain.comparison'),
      dataIndex: 'comparison',
      width: 80,
      render: (c: string) => t(COMPARISON[c] ?? 'comparison.atLeast'),
    },
    {
      title: t('common.floor'),
      dataIndex: 'floor',
      width: 90,
      align: 'right',
      render: (v: number | null) => fmtValue(v, unit),
    },
    {
      title: t('common.stretch'),
      dataIndex: 'stretch',
      width: 90,
      align: 'right',
      render: (v: number | null) => fmtValue(v, unit),
    },
    {
      title: t('indicator.zeroPoint'),
      dataIndex: 'zeroPoint',
      width: 90,
      align: 'right',
      render: (v: number | null) =>
        v === null ? (
          <Typography.Text type="secondary" title={t('indicator.zeroPoint.defaultHelp')}>
            {t('indicator.zeroPoint.default')}
          </Typography.Text>
        ) : (
          fmtValue(v, unit)
        ),
    },
    {
      title: t('common.baseline'),
      key: 'baseline',
      width: 120,
      align: 'right',
      render: (_: unknown, r) => {
        const b = baselineOf(r.orgUnitId);
        return b ? `${fmtValue(b.value, unit)}（${b.year}）` : '—';
      },
    },
    {
      title: t('common.source'),
      key: 'source',
      width: 240,
      ellipsis: true,
      render: (_: unknown, r) => <SourceText source={r.source} />,
    },
  ];
  return (
    <Table<TargetRow>
      size="small"
      rowKey={(r) => `${r.orgUnitId}|${r.year}|${r.kind}`}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
