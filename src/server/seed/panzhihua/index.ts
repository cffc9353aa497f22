/**
 * Panzhihua's default data, transcribed from the seed documents (cited by title in `seedDocuments`).
 */
import type { SeedDocId } from '../seed-types.ts';

export { orgUnits, CITY_ID, DISTRICT_IDS, COUNTY_IDS } from './org-units.ts';
export { workTeams } from './work-teams.ts';
export { dimensions, dimensionsSource, indicators } from './framework.ts';
export { baselines, generatedTargets, seedTargets, targets, targetsForYear, targetsForYears } from './targets.ts';
export { demoCalendar, END_OF_PLAN_YEAR } from './calendar.ts';
export { publishedValues } from './published-values.ts';
export { generateDemoValues } from './demo-values.ts';
export type { DemoValuesInput } from './demo-values.ts';

/** The source documents by title and date (dates as precise as the documents give them). */
export const seedDocuments: Record<SeedDocId, { title: string; date: string }> = {
  xiqu2025: {
    title: '《"共富"策马行——西区全力推进2025年重点工作》（市融媒体中心，附西区人大、政协2025年工作安排）',
    date: '2025',
  },
  xiquCongress2021: {
    title: '《破难前行，不负小康建设使命 登高望远，运筹奋进振兴大任——中国共产党攀枝花市西区第十一次代表大会述要》',
    date: '2021-09',
  },
  cityWorkReport2024: { title: '攀枝花市人民政府工作报告（2024年）', date: '2024' },
  pilotPlanNews2023: {
    title: '《攀枝花高质量发展建设共同富裕试验区实施方案（2022—2025年）》出炉（新闻报道）',
    date: '2023-02',
  },
  hitechActionPlan2023: {
    title: '《钒钛高新区高质量发展建设共同富裕试验区行动方案（2022-2025年）》',
    date: '2023-02-27',
  },
  generated: { title: '生成的演示数据 (generated demo data)', date: '' },
};
