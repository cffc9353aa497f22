import { Button, Grid, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { SourceText } from '../../components/SourceText.tsx';
import { fmtNum, fmtValue, shortOrgName } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import type { Indicator, OrgUnit, TargetRow } from '../../types.ts';
import { FREQUENCY_LABELS, VALUE_KIND_LABELS } from './labels.ts';
import { unitName } from '../../units.ts';

interface Props {
  indicators: Indicator[];
  /** Annual targets of the city for the framework's year, by indicator code. */
  cityTargets: ReadonlyMap<string, TargetRow>;
  orgUnits: ReadonlyMap<string, OrgUnit>;
  frameworkId: string;
  /** Present when the user may edit (coordinator, draft framework). */
  onEdit?: (indicator: Indicator) => void;
}

/** The indicators of a framework with the attributes of DOMAIN 2.1 and the city's floor/stretch targets. */
export function IndicatorTable({ indicators, cityTargets, orgUnits, frameworkId, onEdit }: Props) {
  const { t, lang, pick } = useI18n();
  // On a phone the fixed code and name would leave no room for the rest: nothing is fixed there.
  const wide = Grid.useBreakpoint().md === true;
  const fixed = (side: 'left' | 'right') => (wide ? { fixed: side } : {});
  const columns: TableColumnsType<Indicator> = [
    { title: t('common.code'), dataIndex: 'code', width: 72, ...fixed('left') },
    {
      title: t('common.name'),
      key: 'name',
      width: 220,
      ...fixed('left'),
      render: (_: unknown, i) => (
        <span>
          <Link to={`/indicators/${encodeURIComponent(i.code)}?frameworkId=${encodeURIComponent(frameworkId)}`}>
            {pick(i.name, i.nameEn)}
          </Link>
          {i.formula ? (
            <Tag bordered={false} color="geekblue" style={{ marginInlineStart: 6 }}>
              {t('framework.computedBadge')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: t('common.unit'), dataIndex: 'unit', width: 64, render: (u: string) => unitName(u) },
    {
      title: t('framework.direction'),
      dataIndex: 'direction',
      width: 56,
      align: 'center',
      render: (d: Indicator['direction']) => (
        <Tooltip title={t(d === 'higher' ? 'framework.direction.higher' : 'framework.direction.lower')}>
          <span style={{ fontWeight: 600, color: d === 'higher' ? '#389e0d' : '#d46b08' }}>
            {d === 'higher' ? '↑' : '↓'}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('framework.frequency'),
      dataIndex: 'frequency',
      width: 64,
      render: (f: Indicator['frequency']) => t(FREQUENCY_LABELS[f]),
    },
    {
      title: t('framework.valueKind'),
      dataIndex: 'valueKind',
      width: 84,
      render: (k: Indicator['valueKind']) => t(VALUE_KIND_LABELS[k]),
    },
    {
      title: t('common.leadUnit'),
      dataIndex: 'leadDepartmentId',
      width: 120,
      render: (id: string | null) => {
        const u = id ? orgUnits.get(id) : undefined;
        if (!u) return '—';
        return (
          <Tooltip title={pick(u.name, u.nameEn)}>
            <span>{lang === 'zh' ? shortOrgName(u.name) : u.nameEn || u.name}</span>
          </Tooltip>
        );
      },
    },
    { title: t('common.weight'), dataIndex: 'weight', width: 56, align: 'right', render: (w: number) => fmtNum(w) },
    {
      title: t('framework.cityTargets'),
      key: 'targets',
      width: 150,
      render: (_: unknown, i) => {
        const target = cityTargets.get(i.code);
        if (!target) return <span className="muted">—</span>;
        const sign = target.comparison === 'atMost' ? '≤' : '';
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {sign}
            {fmtValue(target.floor, i.unit)}
            <Typography.Text type="secondary"> / </Typography.Text>
            {target.stretch === null ? '—' : `${sign}${fmtValue(target.stretch, i.unit)}`}
          </span>
        );
      },
    },
    {
      title: t('common.source'),
      key: 'source',
      width: 160,
      ellipsis: true,
      render: (_: unknown, i) => <SourceText source={i.source} />,
    },
    ...(onEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            ...fixed('right'),
            render: (_: unknown, i: Indicator) => (
              <Button type="link" size="small" onClick={() => onEdit(i)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<Indicator>
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={indicators}
      pagination={{
        pageSize: 20,
        showSizeChanger: false,
        size: 'small',
        showTotal: (n) => t('framework.indicatorCount', { count: n }),
      }}
      scroll={{ x: onEdit ? 1126 : 1046 }}
    />
  );
}
