import { END_OF_PLAN_VERDICT_NAMES } from '../../../domain/end-of-plan.ts';
import type { EndOfPlanResponse } from '../../../shared/api/evaluation.ts';
import { targetWords } from '../evaluation/end-of-plan.xlsx.ts';
import { unitDecimals, type BulletinSection } from './bulletin.content.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const VERDICT_COLOUR = { met: 'green', notMet: 'red', noData: 'grey' } as const;

/**
 * The bulletin's 终期评估 section, when asked for: the plan's 2025 targets against the latest figures, the same rows
 * as the end-of-plan view and its Excel. `position` is the section's place (0-based) for its numeral.
 *
 * @example with 12 met, 9 not met, 3 without data → "五、终期评估（2025年目标）" and "…已达成12项、未达成9项、暂无数据3项…"
 */
export function endOfPlanSection(r: EndOfPlanResponse, position: number): BulletinSection {
  const numeral = NUMERALS[position] ?? String(position + 1);
  const missed = r.rows.filter((x) => x.verdict === 'notMet');
  return {
    heading: `${numeral}、终期评估（${r.year}年目标）`,
    paragraphs: [
      `对照试验区实施方案及各地行动方案确定的${r.year}年目标，纳入终期评估的目标${r.rows.length}项，` +
        `已达成${r.counts.met}项、未达成${r.counts.notMet}项、暂无数据${r.counts.noData}项。` +
        (missed.length > 0
          ? `未达成的目标：${missed.map((x) => `${x.orgUnitName}${x.indicatorName}`).join('、')}，请牵头单位总结分析。`
          : ''),
    ],
    tables: [
      {
        title: `表${position + 1}-1 终期评估目标完成情况`,
        header: ['指标', '地区/单位', '目标', '最新值', '单位', '数据期', '评估结果'],
        rows: r.rows.map((x) => [
          x.indicatorName,
          x.orgUnitName,
          targetWords(x.target),
          x.actual === null ? null : Math.round(x.actual * 100) / 100,
          x.unit,
          x.period ?? '—',
          END_OF_PLAN_VERDICT_NAMES[x.verdict].zh,
        ]),
        colours: r.rows.map((x) => VERDICT_COLOUR[x.verdict]),
        decimals: r.rows.map((x) => unitDecimals(x.unit)),
      },
    ],
  };
}
