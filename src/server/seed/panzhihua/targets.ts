/**
 * Baselines and targets.
 *
 * - Baselines: the city's 2023 actuals (every 2023 figure the work report states) and 西区's figures from its 2021
 *   congress summary; both are the published values of those years.
 * - Targets from the seeds, exactly: the city's 2024 targets (work report), the high-tech zone's 2025 end-of-plan
 *   targets (action plan), 西区's 2025 annual targets. 确保 → floor, 力争/力促 → stretch; a bare figure ("新开工80个
 *   以上", "城镇新增就业1.8万人") is a one-tier floor; a target stated only as 力争 is stretch-only (the domain
 *   treats it as the floor). Ceilings are `atMost`.
 * - Generated (labelled `{ doc: 'generated' }`): a 2024 annual target for each district, county and the zone for
 *   every district-level indicator, so that district evaluation and ranking work. They spread the city's target (or,
 *   without one, a typical value) by the district's profile in profiles.ts.
 */
import type { Comparison } from '../../../domain/types.ts';
import type { SeedBaseline, SeedDocId, SeedIndicator, SeedTarget } from '../seed-types.ts';
import { indicators } from './framework.ts';
import { CITY_ID, DISTRICT_IDS } from './org-units.ts';
import { END_OF_PLAN_YEAR } from './calendar.ts';
import { decimalsFor, demoReferences, referenceValue, roundTo, spread, trendFactor } from './profiles.ts';
import { publishedValues } from './published-values.ts';

export const baselines: SeedBaseline[] = publishedValues
  .filter((v) => (v.orgUnitId === CITY_ID && v.period === '2023') || (v.orgUnitId === 'xiqu' && v.period === '2021'))
  .map((v) => ({
    indicatorCode: v.indicatorCode,
    orgUnitId: v.orgUnitId,
    year: Number(v.period),
    value: v.value,
    source: v.source,
  }));

interface Tiers {
  comparison?: Comparison;
  floor?: number;
  stretch?: number;
}

function target(
  indicatorCode: string,
  orgUnitId: string,
  year: number,
  kind: SeedTarget['kind'],
  tiers: Tiers,
  doc: SeedDocId,
  quote: string,
): SeedTarget {
  return {
    indicatorCode,
    orgUnitId,
    year,
    kind,
    comparison: tiers.comparison ?? 'atLeast',
    floor: tiers.floor ?? null,
    stretch: tiers.stretch ?? null,
    upper: null,
    source: { doc, quote },
  };
}

function city2024(code: string, tiers: Tiers, quote: string): SeedTarget {
  return target(code, CITY_ID, 2024, 'annual', tiers, 'cityWorkReport2024', quote);
}

function hitech2025(code: string, tiers: Tiers, quote: string): SeedTarget {
  return target(code, 'hitech', 2025, 'endOfPlan', tiers, 'hitechActionPlan2023', quote);
}

function xiqu2025(code: string, tiers: Tiers, quote: string): SeedTarget {
  return target(code, 'xiqu', 2025, 'annual', tiers, 'xiqu2025', quote);
}

const Q_PROJECTS_2024 = '统筹实施200个以上省市重点项目，新开工80个以上、竣工30个以上';
const Q_TECH_2024 =
  '力争瞪羚企业实现“零”的突破、国家高新技术企业突破90家、备案入库国家科技型中小企业突破200户，高新技术产业年营业收入突破750亿元、增长7%以上';
const Q_NEW_FIRMS_2024 = '确保新增规上工业企业40户、专精特新企业10户以上';
const Q_GRAIN_2024 = '确保粮食播种面积68万亩、产量26万吨以上';

/** 攀枝花市人民政府工作报告 (2024): the main expected targets and the quantified tasks for 2024. */
const cityTargets2024: SeedTarget[] = [
  city2024('D2-02', { floor: 6.5, stretch: 7 }, '地区生产总值确保增长6.5%、力争7%以上'),
  city2024('D2-03', { floor: 7.5, stretch: 8 }, '规上工业增加值确保增长7.5%、力争8%以上'),
  city2024('D2-04', { floor: 6, stretch: 6.5 }, '固定资产投资确保增长6%、力争6.5%'),
  city2024('D2-05', { floor: 9, stretch: 10 }, '社会消费品零售总额确保增长9%、力争10%'),
  city2024('D5-01', { floor: 5.5, stretch: 6 }, '城镇居民人均可支配收入确保增长5.5%、力争6%'),
  city2024('D4-01', { floor: 7, stretch: 7.5 }, '农村居民人均可支配收入确保增长7%、力争7.5%'),
  city2024('D2-07', { floor: 6, stretch: 8 }, '地方一般公共预算收入确保增长6%、力争8%'),
  city2024('D5-06', { floor: 1.8 }, '城镇新增就业1.8万人'),
  city2024('D5-08', { comparison: 'atMost', floor: 3.5 }, '居民消费价格指数涨幅控制在3.5%以内'),
  city2024('D5-03', { stretch: 48.5 }, '力争全市三口之家家庭年收入10万—50万元的中等收入群体占比达到48.5%'),
  city2024('D5-04', { comparison: 'atMost', floor: 0 }, '全面消除家庭人均年收入1万元以下的情况'),
  city2024('D5-05', { comparison: 'atMost', floor: 0 }, '确保“零就业”家庭动态清零'),
  city2024('D2-30', { floor: 200 }, Q_PROJECTS_2024),
  city2024('D2-31', { floor: 80 }, Q_PROJECTS_2024),
  city2024('D2-32', { floor: 30 }, Q_PROJECTS_2024),
  // 290 < 2023's 336.1: the work report's figure, kept as stated (the 2024 list is smaller: 200+ projects vs 216).
  city2024('D2-33', { stretch: 290 }, '力争全市重点项目完成投资290亿元、增长10%以上'),
  city2024('D2-25', { floor: 97 }, '确保环境空气质量优良天数达到97%以上'),
  city2024('D2-26', { floor: 100 }, '重点建设用地安全利用率保持100%'),
  city2024('D2-27', { floor: 11.76 }, '完成生态综合治理11.76万亩以上'),
  city2024('D2-28', { floor: 10 }, '推出新型咖啡屋、城市书吧等示范性和特色消费场景10个以上'),
  city2024('D2-11', { floor: 40 }, Q_NEW_FIRMS_2024),
  city2024('D2-17', { floor: 10 }, Q_NEW_FIRMS_2024),
  city2024('D2-12', { stretch: 550 }, '力促钒钛产业产值突破550亿元'),
  city2024('D2-15', { stretch: 90 }, Q_TECH_2024),
  city2024('D2-16', { stretch: 200 }, Q_TECH_2024),
  city2024('D2-19', { stretch: 1 }, Q_TECH_2024),
  city2024('D2-21', { stretch: 750 }, Q_TECH_2024),
  city2024('D2-24', { floor: 400 }, '新增5G基站400个以上'),
  city2024('D3-03', { stretch: 58 }, '力争外贸进出口额突破58亿元、增长7%以上'),
  city2024('D3-04', { stretch: 380 }, '力争引进产业项目新增实际投资380亿元以上'),
  // 每月2列 → 24 a year (floor); 每周1列 → 52 a year (stretch).
  city2024('D3-05', { floor: 24, stretch: 52 }, '确保中老班列每月2列、力争每周1列稳定开行'),
  city2024('D4-07', { floor: 68 }, Q_GRAIN_2024),
  city2024('D4-08', { floor: 26 }, Q_GRAIN_2024),
  city2024('D4-09', { floor: 3.2 }, '新（改）建3.2万亩高标准农田'),
  city2024('D6-04', { floor: 462 }, '新（改）建462套（间）保障性租赁住房'),
];

const Q_HITECH_OUTPUT = '力争到2025年，“一区多园”工业总产值实现2500亿元，核心区工业总产值实现1000亿元';
const Q_HITECH_INCOME = '城镇居民、农村居民人均可支配收入分别达到6.4万元以上、3.2万元以上';
const Q_HITECH_FIRMS = '力争到2025年，累计培育高新技术企业60家，科技型中小企业150家，引培3家瞪羚企业';
const Q_HITECH_INVESTMENT = '工业投资和技改投资年均增长12%以上';

/** 《钒钛高新区高质量发展建设共同富裕试验区行动方案（2022-2025年）》: the zone's 2025 targets. */
const hitechTargets2025: SeedTarget[] = [
  hitech2025('D2-13', { stretch: 2500 }, Q_HITECH_OUTPUT),
  hitech2025('D2-14', { stretch: 1000 }, Q_HITECH_OUTPUT),
  hitech2025('D2-23', { floor: 72 }, '常住人口城镇化率达到72%以上'),
  hitech2025('D5-02', { floor: 64000 }, Q_HITECH_INCOME),
  hitech2025('D4-02', { floor: 32000 }, Q_HITECH_INCOME),
  hitech2025('D4-03', { comparison: 'atMost', floor: 2 }, '城乡居民人均可支配收入比缩小到2以内'),
  hitech2025('D5-03', { floor: 50 }, '三口之家家庭年收入10~50万元的中等收入群体占比超50%'),
  hitech2025('D5-07', { comparison: 'atMost', floor: 4.5 }, '城镇登记失业率低于4.5%'),
  hitech2025('D5-09', { floor: 65 }, '民生支出占财政支出比重保持在65%以上'),
  hitech2025('D6-01', { stretch: 79.5 }, '人均预期寿命力争达到79.5岁'),
  hitech2025('D2-15', { stretch: 60 }, Q_HITECH_FIRMS),
  hitech2025('D2-16', { stretch: 150 }, Q_HITECH_FIRMS),
  hitech2025('D2-19', { stretch: 3 }, Q_HITECH_FIRMS),
  hitech2025('D2-18', { stretch: 18 }, '力争到2025年，培育专精特新企业18家'),
  hitech2025('D2-20', { stretch: 20 }, '力争到2025年，建成省级及以上研发机构20家'),
  hitech2025('D4-04', { floor: 50 }, '50%的村集体经济年收入达到10万元以上'),
  hitech2025('D8-01', { floor: 96 }, '社会治安安全感满意度达到96%以上'),
  hitech2025('D7-01', { stretch: 15 }, '力争到2025年，文化创意产业产值达到15亿元'),
  // An average annual growth over 2022–2025, held against the 2025 growth rate.
  hitech2025('D2-09', { floor: 12 }, Q_HITECH_INVESTMENT),
  hitech2025('D2-10', { floor: 12 }, Q_HITECH_INVESTMENT),
];

const Q_XIQU_PROJECTS = '统筹实施好43个省市重点项目，新开工17个以上、竣工8个以上，确保全年固定资产投资增长5%以上';

/** 《"共富"策马行——西区全力推进2025年重点工作》: 西区's 2025 targets. */
const xiquTargets2025: SeedTarget[] = [
  xiqu2025('D2-36', { floor: 80 }, '确保项目储备规模动态保持在80亿元以上'),
  xiqu2025('D2-30', { floor: 43 }, Q_XIQU_PROJECTS),
  xiqu2025('D2-31', { floor: 17 }, Q_XIQU_PROJECTS),
  xiqu2025('D2-32', { floor: 8 }, Q_XIQU_PROJECTS),
  xiqu2025('D2-04', { floor: 5 }, Q_XIQU_PROJECTS),
  xiqu2025('D2-29', { stretch: 5 }, '力争拉动消费5亿元以上'),
  // 西区 reports 招商引资到位资金 under the city's indicator of investment actually realised by attracted projects.
  xiqu2025('D3-04', { stretch: 65 }, '实现招商引资总到位资金65亿元以上'),
  xiqu2025('D4-06', { stretch: 800 }, '力争农村集体经济收入提升至800万元以上'),
  xiqu2025('D5-03', { stretch: 45 }, '力争中等收入群体占比提升至45%'),
  xiqu2025('D1-07', { stretch: 8.8 }, '力争完成营业收入8.8亿元以上'),
  xiqu2025('D2-22', { floor: 150 }, '新引进急需紧缺和高层次人才150名以上'),
  xiqu2025('D2-21', { stretch: 18 }, '力争高新技术产业主营业务收入突破18亿元'),
  xiqu2025('D2-25', { floor: 95 }, '确保环境空气质量优良率保持在95%以上'),
  xiqu2025('D6-06', { floor: 20 }, '全年新建雨污管道不低于20公里'),
];

/** A district's generated tier: the city's tier spread by the district's profile, or the unit's own figure. */
function districtTier(indicator: SeedIndicator, cityValue: number, unitId: string): number {
  const ref = demoReferences[indicator.code];
  if (!ref) return cityValue;
  const own = ref.units?.[unitId];
  if (own === undefined) return spread(cityValue, ref, unitId);
  // Keep the unit's own typical value in the same relation to its target as the city's.
  if (ref.mode === 'share' || ref.mode === 'relative') return ref.city === 0 ? own : cityValue * (own / ref.city);
  return cityValue + (own - ref.city);
}

/** The targets the seed documents state, by year: the city's 2024, the zone's end-of-plan (2025), 西区's 2025. */
export const seedTargets: SeedTarget[] = [...cityTargets2024, ...hitechTargets2025, ...xiquTargets2025];

const key = (t: Pick<SeedTarget, 'indicatorCode' | 'orgUnitId'>) => `${t.indicatorCode}|${t.orgUnitId}`;

/**
 * What a stated 2025 target means for a generated target of an earlier year: no more ambitious than the plan's end
 * (a 2024 life-expectancy floor above the 2025 goal of 79.5 would be absurd). Returns the tier clamped, or as is.
 */
function withinPlan(tier: number | null, comparison: Comparison, limit: number | null): number | null {
  if (tier === null || limit === null) return tier;
  return comparison === 'atMost' ? Math.max(tier, limit) : Math.min(tier, limit);
}

/** The level a stated 2025 target asks for: its floor, or its stretch when it has only that. */
const statedLevel = (t: SeedTarget) => t.floor ?? t.stretch;

/**
 * The city's target for a year: the work report's for 2024; later years continue it (GENERATED): growth rates and
 * percentages keep their tiers, amounts that move with the economy grow by the indicator's trend.
 */
function cityTarget(indicator: SeedIndicator, year: number): SeedTarget | null {
  const stated = cityTargets2024.find((t) => t.indicatorCode === indicator.code);
  if (!stated) return null;
  if (year === 2024) return stated;
  const factor = trendFactor(indicator, year);
  const decimals = decimalsFor(indicator.unit);
  const scale = (v: number | null) => (v === null ? null : roundTo(v * factor, decimals));
  return { ...stated, year, floor: scale(stated.floor), stretch: scale(stated.stretch), source: { doc: 'generated' } };
}

/**
 * GENERATED targets for a year: the city's from 2025 on (continuing 2024's), and every district's, county's and the
 * zone's for each district-level indicator, spreading the city's target (or, without one, a typical value) by the
 * unit's profile. A unit whose 2025 target the seeds state gets none generated for 2025, and earlier years' stay
 * within it.
 */
export function generatedTargets(year: number): SeedTarget[] {
  const out: SeedTarget[] = [];
  const stated2025 = new Map(
    [...hitechTargets2025, ...xiquTargets2025].filter((t) => t.year === END_OF_PLAN_YEAR).map((t) => [key(t), t]),
  );
  for (const indicator of indicators) {
    const city = cityTarget(indicator, year);
    if (city && year !== 2024) out.push(city);
    if (indicator.scope !== 'cityAndDistricts') continue;
    const ref = demoReferences[indicator.code];
    if (!ref) continue;
    const decimals = decimalsFor(indicator.unit);
    const units = DISTRICT_IDS.filter((id) => !indicator.reportingUnitIds || indicator.reportingUnitIds.includes(id));
    for (const unitId of units) {
      const stated = stated2025.get(`${indicator.code}|${unitId}`);
      if (stated && year === END_OF_PLAN_YEAR) continue;
      let comparison: Comparison;
      let floor: number | null;
      let stretch: number | null;
      const twoTier = ref.ceilingStretch !== undefined && indicator.direction === 'lower';
      if (city) {
        comparison = city.comparison;
        floor = city.floor === null ? null : roundTo(districtTier(indicator, city.floor, unitId), decimals);
        stretch = city.stretch === null ? null : roundTo(districtTier(indicator, city.stretch, unitId), decimals);
        if (stretch !== null && floor !== null && stretch === floor) stretch = null;
      } else {
        const typical = referenceValue(indicator, unitId, year);
        if (typical === null) continue;
        comparison = indicator.direction === 'higher' ? 'atLeast' : 'atMost';
        floor = roundTo(indicator.direction === 'higher' ? typical : typical + (ref.ceilingMargin ?? 0), decimals);
        stretch = twoTier ? roundTo(typical - (ref.ceilingStretch ?? 0), decimals) : null;
      }
      // A floor of nothing to reach ("at least 0 firms") is no target.
      if (comparison === 'atLeast' && (floor ?? 0) <= 0 && (stretch ?? 0) <= 0) continue;
      if (stated && year < END_OF_PLAN_YEAR) {
        floor = withinPlan(floor, comparison, statedLevel(stated));
        stretch = withinPlan(stretch, comparison, statedLevel(stated));
        if (stretch !== null && floor !== null && stretch === floor) stretch = null;
      }
      if (indicator.maxValue !== null) {
        floor = floor === null ? null : Math.min(floor, indicator.maxValue);
        stretch = stretch === null ? null : Math.min(stretch, indicator.maxValue);
      }
      out.push({
        indicatorCode: indicator.code,
        orgUnitId: unitId,
        year,
        kind: 'annual',
        comparison,
        floor,
        stretch,
        upper: null,
        source: { doc: 'generated' },
      });
    }
  }
  return out;
}

/**
 * The targets of the framework of a year.
 * - Every year of the plan holds the zone's end-of-plan targets (kind `endOfPlan`, year 2025), for the end-of-plan
 *   view.
 * - 2024: the city's targets from the work report and the generated district targets.
 * - 2025: 西区's stated 2025 targets; the zone's end-of-plan targets also as its annual 2025 targets (2025 is the
 *   plan's last year, so they are what the zone is assessed against that year); generated targets for the rest.
 * - Later years: generated targets only.
 */
export function targetsForYear(year: number): SeedTarget[] {
  const endOfPlan = year <= END_OF_PLAN_YEAR ? hitechTargets2025 : [];
  const stated =
    year === 2024
      ? cityTargets2024
      : year === END_OF_PLAN_YEAR
        ? [...xiquTargets2025, ...hitechTargets2025.map((t): SeedTarget => ({ ...t, kind: 'annual' }))]
        : [];
  return [...stated, ...endOfPlan, ...generatedTargets(year)];
}

/** Every target of the default data over the years given (the frameworks' years), without duplicates. */
export function targetsForYears(years: readonly number[]): SeedTarget[] {
  const seen = new Set<string>();
  return years
    .flatMap((y) => targetsForYear(y))
    .filter((t) => {
      const k = `${key(t)}|${t.year}|${t.kind}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/** The targets of the 2024 and 2025 frameworks: the seeds' and the generated ones. */
export const targets: SeedTarget[] = targetsForYears([2024, END_OF_PLAN_YEAR]);
