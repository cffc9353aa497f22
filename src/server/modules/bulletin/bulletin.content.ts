import { beijingTime } from '../../../domain/beijing-time.ts';
import type { CockpitResponse } from '../../../shared/api/cockpit.ts';

/**
 * The monthly bulletin (通报) as plain content: title, sections of paragraphs and tables. Built once from the cockpit,
 * the ranking and the four lists' monthly summary, then written as Word and as Excel, so the two never disagree.
 */
export interface BulletinTable {
  title: string;
  header: string[];
  rows: (string | number | null)[][];
  /** Per row, the colour of its status (for fills), when the table has one. */
  colours?: ('green' | 'yellow' | 'red' | 'grey' | 'blue' | null)[];
  /**
   * Per row, the fewest decimals its figures are written with (a ratio 2.00 倍, a rate 6.0%; at most two), when the
   * row's unit fixes them; the Excel keeps the number and sets its format, the Word prints it so.
   */
  decimals?: (number | null)[];
}

/** The decimals a figure in this unit is written with: 倍 two (2.05, never 2), % and ‰ one; else as it comes. */
export function unitDecimals(unit: string): number | null {
  return unit === '倍' ? 2 : unit === '%' || unit === '‰' ? 1 : null;
}

export interface BulletinSection {
  heading: string;
  paragraphs: string[];
  tables: BulletinTable[];
}

export interface Bulletin {
  title: string;
  subtitle: string;
  issuer: string;
  sections: BulletinSection[];
  notes: string[];
}

export interface ListSummaryRow {
  code: string;
  title: string;
  kindName: string;
  leadUnitName: string;
  leaderName: string | null;
  statusName: string;
  colour: 'green' | 'yellow' | 'red' | 'blue' | 'grey';
  percent: number | null;
  reported: boolean;
  reportLate: boolean;
  warnings: string[];
}

const COMPARISON_SIGN: Record<string, string> = { atLeast: '≥', atMost: '≤', between: '' };

/** "2024-10" → "2024年10月"; "2024-Q3" → "2024年第3季度"; "2023" → "2023年". */
export function periodName(period: string | null): string {
  if (!period) return '—';
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  const q = /^(\d{4})-Q(\d)$/.exec(period);
  if (q) return `${q[1]}年第${q[2]}季度`;
  return `${period}年`;
}

function num(v: number | null): string {
  if (v === null) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, '');
}

/** A figure kept as a number (Excel stores it as one), rounded to what the bulletin prints. */
function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 100) / 100;
}

function targetText(t: CockpitResponse['headline'][number]['target']): string {
  if (!t) return '未设目标';
  const sign = COMPARISON_SIGN[t.comparison] ?? '';
  if (t.comparison === 'between') return `${num(t.floor)}–${num(t.upper)}`;
  const parts = [];
  if (t.floor !== null) parts.push(`确保${sign}${num(t.floor)}`);
  if (t.stretch !== null) parts.push(`力争${sign}${num(t.stretch)}`);
  return parts.join('，');
}

/**
 * Writes the bulletin's content. Worked example of the opening line: as of 2024-10 with 244 green, 60 yellow and
 * 22 red cells → "截至2024年10月，纳入监测的指标中达标244项、滞后60项、未达标22项……".
 */
export function bulletinContent(input: {
  cockpit: CockpitResponse;
  lists: ListSummaryRow[];
  issuedOn: string;
  /** The month of the lists' summary: the bulletin's own month (the lists page of that day), as YYYY-MM. */
  listsPeriod?: string;
  scopeName: string;
}): Bulletin {
  const c = input.cockpit;
  const asOf = periodName(c.asOf);
  const counts = c.colourCounts;
  const behind = input.lists.filter((r) => r.colour === 'red' || r.colour === 'yellow');
  const late = input.lists.filter((r) => !r.reported && r.reportLate);
  const top = c.ranking[0];
  const bottom = c.ranking.at(-1);
  const sections: BulletinSection[] = [
    {
      heading: '一、总体情况',
      paragraphs: [
        `截至${asOf}，${input.scopeName}纳入监测的指标中，达标${counts.green}项、接近确保目标或滞后序时进度${counts.yellow}项、未达确保目标或严重滞后序时进度${counts.red}项、暂无数据或未设目标${counts.grey}项。` +
          (top && bottom
            ? `区县综合评价${top.name}居首（${num(top.overall === null ? null : Math.round(top.overall * 10) / 10)}分），${bottom.name}居末（${num(bottom.overall === null ? null : Math.round(bottom.overall * 10) / 10)}分）。`
            : ''),
        `${input.listsPeriod ? `${periodName(input.listsPeriod)}，` : ''}四张清单在推进事项${input.lists.length}项，其中黄色、红色预警${behind.length}项，本月进度未按时报送${late.length}项。`,
      ],
      tables: [
        {
          title: '表1 核心指标完成情况',
          header: ['指标', '实际值', '单位', '目标', '数据期', '状态', '牵头单位'],
          rows: c.headline.map((h) => [
            h.name,
            round(h.actual),
            h.unit,
            targetText(h.target),
            periodName(h.period),
            h.label.zh,
            h.leadDepartment,
          ]),
          colours: c.headline.map((h) => h.colour),
          decimals: c.headline.map((h) => unitDecimals(h.unit)),
        },
        {
          title: '表2 三大差距',
          header: ['指标', '实际值', '单位', '基期', '目标', '数据期'],
          rows: c.gaps.map((g) => [
            g.name,
            round(g.actual),
            g.unit,
            g.baseline ? `${g.baseline.year}年 ${num(g.baseline.value)}` : '—',
            targetText(g.target),
            periodName(g.period),
          ]),
          colours: c.gaps.map((g) => g.colour),
          decimals: c.gaps.map((g) => unitDecimals(g.unit)),
        },
      ],
    },
    {
      heading: '二、区县综合评价排名',
      paragraphs: ['综合得分按各维度权重加权，确保目标计100分、力争目标计120分，最高120分。'],
      tables: [
        {
          title: '表3 区县综合评价排名',
          header: ['排名', '区县', '综合得分', '红', '黄', '绿'],
          rows: c.ranking.map((r) => [
            r.rank,
            r.name,
            r.overall === null ? null : Math.round(r.overall * 10) / 10,
            r.red,
            r.yellow,
            r.green,
          ]),
        },
      ],
    },
    {
      heading: '三、短板指标',
      paragraphs:
        c.redList.length === 0
          ? ['本期无未达确保目标的指标。']
          : [`本期未达确保目标或严重滞后序时进度的指标${c.redList.length}项，请牵头单位分析原因、制定措施。`],
      tables: [
        {
          title: '表4 短板指标清单',
          header: ['指标', '地区/单位', '实际值', '单位', '偏离序时进度（百分点）', '牵头单位'],
          rows: c.redList.map((r) => [
            r.name,
            r.orgUnitName,
            round(r.actual),
            r.unit,
            r.deviationPoints === null ? null : Math.round(r.deviationPoints * 10) / 10,
            r.leadDepartment,
          ]),
          colours: c.redList.map(() => 'red' as const),
          decimals: c.redList.map((r) => unitDecimals(r.unit)),
        },
      ],
    },
    {
      heading: '四、重点工作推进情况',
      paragraphs:
        behind.length === 0
          ? ['四张清单事项均按计划推进。']
          : [`以下${behind.length}项事项进度滞后或逾期，请责任领导督促、牵头单位限期整改。`],
      tables: [
        {
          title: '表5 进度滞后事项',
          header: ['编号', '事项', '清单', '牵头单位', '责任领导', '进度', '预警', '本月进度报送'],
          rows: behind.map((r) => [
            r.code,
            r.title,
            r.kindName,
            r.leadUnitName,
            r.leaderName,
            r.percent === null ? '—' : `${r.percent}%`,
            r.warnings.join('；') || r.statusName,
            r.reported ? '已报送' : r.reportLate ? '逾期未报' : '未报送',
          ]),
          colours: behind.map((r) => r.colour),
        },
      ],
    },
  ];
  const notes = [`数据截至${asOf}，计算于${beijingTime(c.computedAt)}（北京时间）。`];
  if (c.demoDataShare > 0)
    notes.push(`含系统生成的演示数据（占${Math.round(c.demoDataShare * 100)}%），不代表官方统计。`);
  return {
    title: `攀枝花市共同富裕试验区建设工作通报`,
    subtitle: `（${asOf}）`,
    issuer: `攀枝花市共同富裕试验区建设工作推进办公室\u3000${input.issuedOn}`,
    sections,
    notes,
  };
}
