import { Grid, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { fmtNum, fmtPeriod } from '../../format.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { COLOURS, scoreColour } from '../../status.ts';
import type { MatrixCell, MatrixResponse } from '../../types.ts';
import { MatrixCellView } from './MatrixCellView.tsx';
import { unitName } from '../../units.ts';

type Indicator = MatrixResponse['indicators'][number];
type Dimension = MatrixResponse['dimensions'][number];
type Composite = MatrixResponse['composites'][number];

type Row =
  | { kind: 'overall'; key: string }
  | { kind: 'dimension'; key: string; dimension: Dimension }
  | { kind: 'indicator'; key: string; indicator: Indicator };

interface Props {
  matrix: MatrixResponse;
  loading: boolean;
  onOpen: (cell: MatrixCell) => void;
}

/**
 * Indicators (rows, grouped under their dimension with the dimension's scores) × org units (columns, city first),
 * with the overall score and rank of every unit on top.
 */
export function MatrixTable({ matrix, loading, onOpen }: Props) {
  const { t, lang, pick } = useI18n();
  const org = useOrgUnits();
  // Columns in the city's usual order (city, then 东区, 西区, 仁和区 …), whatever the order of the answer.
  const units = useMemo(() => {
    const sortOf = (id: string) => org.byId.get(id)?.sort ?? Number.MAX_SAFE_INTEGER;
    return [...matrix.units].sort((a, b) => sortOf(a.id) - sortOf(b.id));
  }, [matrix.units, org.byId]);
  const cells = useMemo(
    () => new Map(matrix.cells.map((c) => [`${c.indicatorCode}|${c.orgUnitId}`, c])),
    [matrix.cells],
  );
  // Every cell of an indicator is for the same period (like with like): the row says which.
  const periodOf = useMemo(() => {
    const out = new Map<string, string>();
    for (const c of matrix.cells) if (c.period && !out.has(c.indicatorCode)) out.set(c.indicatorCode, c.period);
    return out;
  }, [matrix.cells]);
  const composites = useMemo(
    () => new Map<string, Composite>(matrix.composites.map((c) => [c.orgUnitId, c])),
    [matrix.composites],
  );

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [{ kind: 'overall', key: 'overall' }];
    for (const d of matrix.dimensions) {
      const inds = matrix.indicators.filter((i) => i.dimensionCode === d.code);
      if (inds.length === 0) continue;
      out.push({ kind: 'dimension', key: `dim:${d.code}`, dimension: d });
      for (const i of inds) out.push({ kind: 'indicator', key: `ind:${i.code}`, indicator: i });
    }
    return out;
  }, [matrix.dimensions, matrix.indicators]);

  // On a phone a fixed 320 px indicator column would cover the districts: it scrolls with them there.
  const wide = Grid.useBreakpoint().md === true;
  const columns = useMemo<TableColumnsType<Row>>(
    () => [
      {
        title: t('common.indicator'),
        key: 'indicator',
        ...(wide ? { fixed: 'left' as const } : {}),
        width: wide ? 320 : 180,
        render: (_: unknown, row) => {
          if (row.kind === 'overall') return t('evaluation.overallRow');
          if (row.kind === 'dimension') {
            return (
              <span>
                {pick(row.dimension.name, row.dimension.nameEn)}
                <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12, marginInlineStart: 8 }}>
                  {t('common.weight')} {fmtNum(row.dimension.weight)}
                </Typography.Text>
              </span>
            );
          }
          const i = row.indicator;
          return (
            <div style={{ lineHeight: 1.4 }}>
              <Link to={`/indicators/${encodeURIComponent(i.code)}`}>{pick(i.name, i.nameEn)}</Link>
              <div style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">
                  {i.code}
                  {i.unit ? ` · ${unitName(i.unit)}` : ''}
                </Typography.Text>
                {periodOf.get(i.code) ? (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                    · {t('evaluation.periodOfRow', { period: fmtPeriod(periodOf.get(i.code), lang) })}
                  </Typography.Text>
                ) : null}
                {i.computed ? (
                  <Tag
                    bordered={false}
                    color="geekblue"
                    style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}
                  >
                    {t('evaluation.computed')}
                  </Tag>
                ) : null}
              </div>
            </div>
          );
        },
      },
      ...units.map((u) => ({
        title: pick(u.name, u.nameEn),
        key: u.id,
        width: 128,
        render: (_: unknown, row: Row) => {
          const comp = composites.get(u.id);
          if (row.kind === 'overall') {
            const v = comp?.overall ?? null;
            return (
              <span style={{ color: COLOURS[scoreColour(v)].text, fontSize: 15 }}>
                {fmtNum(v, 1)}
                {comp?.rank ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                    {' '}
                    ({comp.rank})
                  </Typography.Text>
                ) : null}
              </span>
            );
          }
          if (row.kind === 'dimension') {
            const v = comp?.byDimension[row.dimension.code] ?? null;
            return <span style={{ color: COLOURS[scoreColour(v)].text }}>{fmtNum(v, 1)}</span>;
          }
          const cell = cells.get(`${row.indicator.code}|${u.id}`);
          return cell ? (
            <MatrixCellView cell={cell} unit={row.indicator.unit} onOpen={onOpen} />
          ) : (
            <span className="muted">—</span>
          );
        },
      })),
    ],
    [units, composites, cells, periodOf, onOpen, pick, t, lang, wide],
  );

  return (
    <Table<Row>
      className="matrix-table"
      size="small"
      bordered
      loading={loading}
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      sticky
      scroll={{ x: 320 + units.length * 128 }}
      rowClassName={(row) =>
        row.kind === 'overall' ? 'matrix-overall-row' : row.kind === 'dimension' ? 'matrix-dimension-row' : ''
      }
    />
  );
}
