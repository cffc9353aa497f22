import { Card, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n.ts';
import { LIST_KIND_NAMES } from '../../../domain/lists/types.ts';
import { listRoutes, type ListCounts } from '../../../shared/api/lists.ts';

/**
 * The columns add up to 合计: every item is in exactly one — its warning colour, 正常 (live, no warning), or 非在办
 * (drafted, awaiting the completion review, closed or cancelled: nothing to warn about).
 */
const COLOURS = [
  { key: 'red', zh: '红', en: 'Red', color: '#cf1322', hint: { zh: '红牌', en: 'Red warning' } },
  { key: 'yellow', zh: '黄', en: 'Yellow', color: '#d48806', hint: { zh: '黄牌', en: 'Yellow warning' } },
  { key: 'blue', zh: '蓝', en: 'Blue', color: '#1677ff', hint: { zh: '蓝牌', en: 'Blue warning' } },
  { key: 'green', zh: '正常', en: 'On track', color: '#389e0d', hint: { zh: '在办，无预警', en: 'Live, no warning' } },
  {
    key: 'none',
    zh: '非在办',
    en: 'Not live',
    color: 'rgba(0,0,0,0.45)',
    hint: {
      zh: '起草中、待验收、已办结或已撤销的事项',
      en: 'Drafted, awaiting completion review, closed or cancelled',
    },
  },
] as const;

type Row = ListCounts['byKind'][number];

/**
 * 四张清单 on the cockpit: items by list and warning colour. Each number opens the list with the same filter, and the
 * server computes the counts from exactly the rows that list shows, so the two always agree.
 */
export function ListCountsPanel() {
  const { t, lang, pick } = useI18n();
  const counts = useRoute(listRoutes.counts, { query: {} });
  const link = (kind: string | null, colour: string | null, n: number) => {
    const q = new URLSearchParams();
    if (kind) q.set('kind', kind);
    if (colour) q.set('colour', colour);
    return (
      <Link to={`/lists?${q.toString()}`} data-testid={`list-count-${kind ?? 'all'}-${colour ?? 'all'}`}>
        {n}
      </Link>
    );
  };
  return (
    <Card
      size="small"
      title={t('cockpit.lists')}
      loading={counts.loading && !counts.data}
      data-testid="cockpit-list-counts"
    >
      <Table<Row>
        // The list names wrap so that every column and 合计 fit the card; below 360 px it scrolls.
        scroll={{ x: 360 }}
        size="small"
        pagination={false}
        rowKey="kind"
        dataSource={counts.data?.byKind ?? []}
        columns={[
          {
            title: t('cockpit.listKind'),
            key: 'kind',
            width: 116,
            render: (_: unknown, r) => pick(LIST_KIND_NAMES[r.kind].zh, LIST_KIND_NAMES[r.kind].en),
          },
          ...COLOURS.map((c) => ({
            title: (
              <span style={{ color: c.color }} title={pick(c.hint.zh, c.hint.en)}>
                {lang === 'zh' ? c.zh : c.en}
              </span>
            ),
            key: c.key,
            align: 'right' as const,
            render: (_: unknown, r: Row) => link(r.kind, c.key, r[c.key]),
          })),
          {
            title: t('cockpit.listTotal'),
            key: 'total',
            align: 'right' as const,
            render: (_: unknown, r: Row) => link(r.kind, null, r.total),
          },
        ]}
      />
    </Card>
  );
}
