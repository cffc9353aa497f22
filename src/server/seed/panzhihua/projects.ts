/**
 * The major-project ledger's default data (issue 9), a seed step written through the ledger's repository in the
 * loader's transaction, dated from the load day.
 *
 * What is from the seeds, and what is generated:
 * - named projects, with the district and the stage the documents state: 西区's 2025 key work
 *   (《"共富"策马行——西区全力推进2025年重点工作》: 攀盐高速西区段、编气入攀西区段、园区渣场 in construction; 清香坪苏铁中路
 *   老旧小区改造 and 梅子管水库灌区续建配套与节水改造 completed by the year's end; 40条成箱生产线 and 10万吨新能源石墨材料
 *   completed in the first half; "源网荷储"协同项目 and 6万立方米钒电解液项目 starting in the first half …), the city's
 *   (攀枝花市人民政府工作报告, 2024: 红格南矿采选项目、仁和60万千瓦光伏、龙佰6万吨海绵钛、西南钒钛特色产业铸造园 …) and the
 *   high-tech zone's action plan (移动信息中心、攀西科技产业园 …). Where a document names a project without its
 *   district, the project is the city's own;
 * - 西区's 43 key projects: the named ones, and generated ones (示例数据·西区重点项目n) to make up the 43, of which at
 *   least 17 start and at least 8 complete in the plan year; 西区's reserve (储备·前期) above 80亿元;
 * - the other districts' key projects, generated so that the city runs about 200 key projects with an annual plan
 *   near 290亿元 (the city's 2024 target: "统筹实施200个以上省市重点项目…力争全市重点项目完成投资290亿元"), a small share
 *   of a city whose GDP is 1303.8亿元 — the reserve totals some hundreds of 亿元, never a multiple of GDP;
 * - every code, owner, investment, date, plan and return not in the documents is generated, deterministic, and
 *   labelled: `generated` = 1 on generated projects, plans and returns; `generated_fields` on named projects lists
 *   what was generated. The published 2023 aggregates (216 projects, 336.1亿元, 126.6 %) are not re-created here:
 *   they stay published figures (project.service.ts `PUBLISHED_FIGURES`).
 *
 * The four lists' major-project items (list-items.ts) are ledger projects: each named project below that is an item
 * carries the item's code and is linked to it (one project, not two). The lists' umbrella items that state a target
 * for the whole ledger (XQ2025-P01 "统筹实施43个省市重点项目…", SJ2024-P01 "统筹实施200个以上省市重点项目…") are not
 * projects: the ledger's aggregates answer them.
 */
import crypto from 'node:crypto';
import { chinaDate } from '../../../domain/lists/dates.ts';
import { addMonths, monthNumber } from '../../../domain/projects/months.ts';
import { planProfile, judgedMonth } from '../../../domain/projects/lights.ts';
import { DEFAULT_PROJECT_RULES } from '../../../domain/projects/rules.ts';
import { stageIndex } from '../../../domain/projects/stages.ts';
import type { ProjectLevel, ProjectStage } from '../../../domain/projects/types.ts';
import type { NewPlan, NewProject, NewReturn, NewStageEvent } from '../../modules/projects/project.repository.ts';
import type { SeedStep } from '../seed-step.ts';
import { orgUnits } from './org-units.ts';

/** The lists' items that state a target for the whole ledger, not a project. */
export const UMBRELLA_ITEMS = ['XQ2025-P01', 'SJ2024-P01'] as const;

/** The document a named project comes from. */
const XIQU_DOC = '《"共富"策马行——西区全力推进2025年重点工作》';
const CITY_DOC = '攀枝花市人民政府工作报告（2024年）';
const ZONE_DOC = '《钒钛高新区高质量发展建设共同富裕试验区行动方案（2022-2025年）》';

/**
 * How a named project stands relative to the plan year Y: `building` (started before Y, works go on), `completes`
 * (started before Y, planned completion in Y at `month`), `starts` (planned start in Y at `month`), `reserve` /
 * `preparation` (not started), `done` (completed before Y).
 */
type Timing =
  | { kind: 'building' }
  | { kind: 'completes'; month: number; production?: boolean }
  | { kind: 'starts'; month: number }
  | { kind: 'preparation'; startMonth?: number }
  | { kind: 'reserve' }
  | { kind: 'done'; yearsAgo: number; production?: boolean };

interface NamedProject {
  name: string;
  district: string;
  level: ProjectLevel;
  chain: string;
  /** 万元 (generated unless the document states it; none of these does). */
  total: number;
  timing: Timing;
  owner: string;
  item?: string;
  doc: string;
}

const NAMED: readonly NamedProject[] = [
  // ——— 西区, 2025 ———
  {
    item: 'XQ2025-P02',
    name: '攀盐高速西区段',
    district: 'xiqu',
    level: 'provincial',
    chain: 'infrastructure',
    total: 420_000,
    timing: { kind: 'building' },
    owner: '四川攀盐高速公路有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P03',
    name: '编气入攀西区段',
    district: 'xiqu',
    level: 'city',
    chain: 'cleanEnergy',
    total: 36_000,
    timing: { kind: 'building' },
    owner: '攀枝花市燃气有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P04',
    name: '园区渣场',
    district: 'xiqu',
    level: 'city',
    chain: 'infrastructure',
    total: 18_000,
    timing: { kind: 'building' },
    owner: '攀枝花市西区产业园区管委会',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P05',
    name: '清香坪苏铁中路老旧小区改造',
    district: 'xiqu',
    level: 'city',
    chain: 'livelihood',
    total: 8_600,
    timing: { kind: 'completes', month: 12 },
    owner: '西区住房和城乡建设局',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P06',
    name: '梅子管水库灌区续建配套与节水改造',
    district: 'xiqu',
    level: 'city',
    chain: 'agriculture',
    total: 12_500,
    timing: { kind: 'completes', month: 12 },
    owner: '西区农业农村和水利局',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P07',
    name: '25万吨焦油加工项目',
    district: 'xiqu',
    level: 'provincial',
    chain: 'newMaterials',
    total: 150_000,
    timing: { kind: 'completes', month: 9 },
    owner: '攀枝花示例焦化科技有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P08',
    name: '40条成箱生产线项目',
    district: 'xiqu',
    level: 'city',
    chain: 'newMaterials',
    total: 32_000,
    timing: { kind: 'completes', month: 6, production: true },
    owner: '攀枝花示例新型建材有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P09',
    name: '10万吨新能源石墨材料项目',
    district: 'xiqu',
    level: 'provincial',
    chain: 'newMaterials',
    total: 180_000,
    timing: { kind: 'completes', month: 6, production: true },
    owner: '攀枝花示例石墨新材料有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P10',
    name: '“源网荷储”协同项目',
    district: 'xiqu',
    level: 'city',
    chain: 'energyStorage',
    total: 65_000,
    timing: { kind: 'starts', month: 6 },
    owner: '攀枝花示例新能源有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P11',
    name: '6万立方米钒电解液项目',
    district: 'xiqu',
    level: 'provincial',
    chain: 'energyStorage',
    total: 90_000,
    timing: { kind: 'starts', month: 5 },
    owner: '攀枝花示例钒能科技有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P12',
    name: '国家物流枢纽（格理坪）物流仓储配套设施项目',
    district: 'xiqu',
    level: 'provincial',
    chain: 'infrastructure',
    total: 86_000,
    timing: { kind: 'building' },
    owner: '攀枝花示例物流港投资有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P13',
    name: '攀枝花国际铁路港承载转运中心二期',
    district: 'xiqu',
    level: 'city',
    chain: 'infrastructure',
    total: 58_000,
    timing: { kind: 'building' },
    owner: '攀枝花示例铁路港运营有限公司',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P14',
    name: '文化岛四期湿地公园',
    district: 'xiqu',
    level: 'city',
    chain: 'sunshineWellness',
    total: 15_000,
    timing: { kind: 'starts', month: 3 },
    owner: '西区文化广播电视和旅游局',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P15',
    name: '西区养老服务中心',
    district: 'xiqu',
    level: 'city',
    chain: 'livelihood',
    total: 9_800,
    timing: { kind: 'building' },
    owner: '西区民政局',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P16',
    name: '市十二中、市十八小新建教学综合楼',
    district: 'xiqu',
    level: 'city',
    chain: 'livelihood',
    total: 11_200,
    timing: { kind: 'completes', month: 8 },
    owner: '攀枝花市教育和体育局',
    doc: XIQU_DOC,
  },
  {
    item: 'XQ2025-P17',
    name: '西区全民健身中心',
    district: 'xiqu',
    level: 'city',
    chain: 'livelihood',
    total: 7_600,
    timing: { kind: 'starts', month: 4 },
    owner: '西区教育和体育局',
    doc: XIQU_DOC,
  },
  {
    name: '苏保区自然教育小径改扩建',
    district: 'xiqu',
    level: 'city',
    chain: 'sunshineWellness',
    total: 2_600,
    timing: { kind: 'starts', month: 2 },
    owner: '攀枝花苏铁国家级自然保护区管理局',
    doc: XIQU_DOC,
  },
  {
    name: '攀枝花苏铁自然遗产保护展示区建设项目',
    district: 'xiqu',
    level: 'city',
    chain: 'sunshineWellness',
    total: 6_800,
    timing: { kind: 'building' },
    owner: '攀枝花苏铁国家级自然保护区管理局',
    doc: XIQU_DOC,
  },
  {
    name: '西区城市燃气管网更新改造',
    district: 'xiqu',
    level: 'city',
    chain: 'infrastructure',
    total: 5_400,
    timing: { kind: 'starts', month: 3 },
    owner: '西区住房和城乡建设局',
    doc: XIQU_DOC,
  },
  {
    name: '格理坪片区、清香坪片区排水管网建设项目',
    district: 'xiqu',
    level: 'city',
    chain: 'infrastructure',
    total: 9_200,
    timing: { kind: 'starts', month: 4 },
    owner: '西区住房和城乡建设局',
    doc: XIQU_DOC,
  },
  // ——— the city, 2024 (its districts where the report states them) ———
  {
    item: 'SJ2024-P02',
    name: '红格南矿采选项目',
    district: 'yanbian',
    level: 'provincial',
    chain: 'vanadiumTitanium',
    total: 1_200_000,
    timing: { kind: 'starts', month: 12 },
    owner: '攀枝花示例红格矿业有限公司',
    doc: CITY_DOC,
  },
  {
    item: 'SJ2024-P03',
    name: '仁和60万千瓦光伏项目',
    district: 'renhe',
    level: 'provincial',
    chain: 'cleanEnergy',
    total: 260_000,
    timing: { kind: 'building' },
    owner: '攀枝花示例光伏发电有限公司',
    doc: CITY_DOC,
  },
  {
    item: 'SJ2024-P04',
    name: '银江水电站',
    district: 'city',
    level: 'provincial',
    chain: 'cleanEnergy',
    total: 1_280_000,
    timing: { kind: 'building' },
    owner: '示例银江水电开发有限公司',
    doc: CITY_DOC,
  },
  {
    item: 'SJ2024-P05',
    name: '龙滩路、龙滩箐隧道',
    district: 'city',
    level: 'city',
    chain: 'infrastructure',
    total: 160_000,
    timing: { kind: 'building' },
    owner: '攀枝花市住房和城乡建设局',
    doc: CITY_DOC,
  },
  {
    name: '仁和抽水蓄能电站',
    district: 'renhe',
    level: 'provincial',
    chain: 'energyStorage',
    total: 1_000_000,
    timing: { kind: 'preparation' },
    owner: '示例仁和抽水蓄能有限公司',
    doc: CITY_DOC,
  },
  {
    name: '龙佰6万吨海绵钛绿色智能制造',
    district: 'city',
    level: 'provincial',
    chain: 'vanadiumTitanium',
    total: 500_000,
    timing: { kind: 'building' },
    owner: '龙佰集团（示例）',
    doc: CITY_DOC,
  },
  {
    name: '西南钒钛特色产业铸造园',
    district: 'city',
    level: 'city',
    chain: 'vanadiumTitanium',
    total: 300_000,
    timing: { kind: 'building' },
    owner: '攀枝花示例铸造园区投资有限公司',
    doc: CITY_DOC,
  },
  {
    name: '劲丰钒钛6000吨钒氮合金生产',
    district: 'city',
    level: 'city',
    chain: 'vanadiumTitanium',
    total: 45_000,
    timing: { kind: 'done', yearsAgo: 0, production: true },
    owner: '攀枝花劲丰钒钛（示例）',
    doc: CITY_DOC,
  },
  {
    name: '安宁新材料6万吨能源级钛合金材料全产业链',
    district: 'city',
    level: 'provincial',
    chain: 'vanadiumTitanium',
    total: 850_000,
    timing: { kind: 'building' },
    owner: '安宁新材料（示例）',
    doc: CITY_DOC,
  },
  {
    name: '攀钢高端钛及钛合金用海绵钛扩能',
    district: 'city',
    level: 'provincial',
    chain: 'vanadiumTitanium',
    total: 120_000,
    timing: { kind: 'done', yearsAgo: 1, production: true },
    owner: '攀钢集团（示例）',
    doc: CITY_DOC,
  },
  {
    name: '钒融科技2000立方米钒电解液生产线',
    district: 'city',
    level: 'city',
    chain: 'energyStorage',
    total: 25_000,
    timing: { kind: 'done', yearsAgo: 1, production: true },
    owner: '钒融科技（示例）',
    doc: CITY_DOC,
  },
  {
    name: '当升蜀道30万吨/年磷酸（锰）铁锂首期一阶段项目',
    district: 'city',
    level: 'provincial',
    chain: 'energyStorage',
    total: 350_000,
    timing: { kind: 'done', yearsAgo: 1, production: true },
    owner: '当升蜀道（示例）',
    doc: CITY_DOC,
  },
  {
    name: '盐边县二滩南部片区供水工程',
    district: 'yanbian',
    level: 'city',
    chain: 'infrastructure',
    total: 68_000,
    timing: { kind: 'building' },
    owner: '盐边县水利局',
    doc: CITY_DOC,
  },
  {
    name: '金沙江乌东德库区库尾航道整治工程',
    district: 'city',
    level: 'provincial',
    chain: 'infrastructure',
    total: 150_000,
    timing: { kind: 'building' },
    owner: '攀枝花市交通运输局',
    doc: CITY_DOC,
  },
  {
    name: '保安营机场改扩建（一期）',
    district: 'city',
    level: 'provincial',
    chain: 'infrastructure',
    total: 220_000,
    timing: { kind: 'building' },
    owner: '攀枝花市交通运输局',
    doc: CITY_DOC,
  },
  {
    name: '大丽攀铁路',
    district: 'city',
    level: 'provincial',
    chain: 'infrastructure',
    total: 2_400_000,
    timing: { kind: 'preparation' },
    owner: '攀枝花市发展和改革委员会',
    doc: CITY_DOC,
  },
  {
    name: '攀枝花灌区工程',
    district: 'city',
    level: 'provincial',
    chain: 'agriculture',
    total: 1_500_000,
    timing: { kind: 'preparation' },
    owner: '攀枝花市水利局',
    doc: CITY_DOC,
  },
  {
    name: '电解水制氢、液氢应用项目',
    district: 'city',
    level: 'city',
    chain: 'hydrogen',
    total: 60_000,
    timing: { kind: 'starts', month: 9 },
    owner: '攀枝花示例氢能科技有限公司',
    doc: CITY_DOC,
  },
  // ——— the high-tech zone's action plan ———
  {
    item: 'GX2023-P01',
    name: '移动信息中心、呼叫产业园',
    district: 'hitech',
    level: 'city',
    chain: 'infrastructure',
    total: 60_000,
    timing: { kind: 'building' },
    owner: '钒钛高新区管委会',
    doc: ZONE_DOC,
  },
  {
    item: 'GX2023-P02',
    name: '阳光大道北延线',
    district: 'hitech',
    level: 'city',
    chain: 'infrastructure',
    total: 42_000,
    timing: { kind: 'done', yearsAgo: 1 },
    owner: '钒钛高新区管委会',
    doc: ZONE_DOC,
  },
  {
    item: 'GX2023-P03',
    name: '攀西科技产业园',
    district: 'hitech',
    level: 'provincial',
    chain: 'vanadiumTitanium',
    total: 120_000,
    timing: { kind: 'building' },
    owner: '钒钛高新区管委会',
    doc: ZONE_DOC,
  },
  {
    item: 'GX2023-P04',
    name: '花城新区医院',
    district: 'hitech',
    level: 'city',
    chain: 'livelihood',
    total: 80_000,
    timing: { kind: 'completes', month: 12 },
    owner: '钒钛高新区管委会',
    doc: ZONE_DOC,
  },
  {
    item: 'GX2023-P05',
    name: '三线文化广场',
    district: 'hitech',
    level: 'city',
    chain: 'sunshineWellness',
    total: 30_000,
    timing: { kind: 'building' },
    owner: '钒钛高新区管委会',
    doc: ZONE_DOC,
  },
  {
    item: 'GX2023-P06',
    name: '城市生活美学中心',
    district: 'hitech',
    level: 'city',
    chain: 'sunshineWellness',
    total: 25_000,
    timing: { kind: 'building' },
    owner: '钒钛高新区管委会',
    doc: ZONE_DOC,
  },
  {
    item: 'GX2023-P07',
    name: '天星中小学',
    district: 'hitech',
    level: 'city',
    chain: 'livelihood',
    total: 36_000,
    timing: { kind: 'completes', month: 8 },
    owner: '钒钛高新区管委会',
    doc: ZONE_DOC,
  },
  {
    item: 'GX2023-P08',
    name: '保税物流中心（B型）',
    district: 'hitech',
    level: 'provincial',
    chain: 'infrastructure',
    total: 50_000,
    timing: { kind: 'building' },
    owner: '钒钛高新区管委会',
    doc: ZONE_DOC,
  },
];

/** GB/T 2260 codes for the project codes' region segment (the zone has none: its projects carry the city's). */
const REGION: Readonly<Record<string, string>> = {
  city: '510400',
  dongqu: '510402',
  xiqu: '510403',
  renhe: '510411',
  miyi: '510421',
  yanbian: '510422',
  hitech: '510400',
};

/** GB/T 4754 divisions for the code's industry segment, by chain (a plausible one; generated). */
const INDUSTRY: Readonly<Record<string, string>> = {
  vanadiumTitanium: '32',
  sunshineWellness: '87',
  cleanEnergy: '44',
  energyStorage: '38',
  hydrogen: '26',
  newMaterials: '30',
  agriculture: '76',
  infrastructure: '48',
  livelihood: '83',
};

/** The generated key projects per district beside the named ones, so that the city runs about 200. */
/** A generated project is named after its district as users read it (东区重点项目3), never after the unit's id. */
const districtName = (id: string): string => orgUnits.find((u) => u.id === id)?.name ?? id;

const GENERATED_KEY: Readonly<Record<string, number>> = { dongqu: 45, renhe: 32, miyi: 26, yanbian: 26, hitech: 20 };
/** 西区's 43 key projects (省市重点项目) of the plan year. */
const XIQU_KEY = 43;
const XIQU_NEW_STARTS = 18;
const XIQU_COMPLETIONS = 9;

/** A deterministic generator (mulberry32): the same default data on every load. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHAINS = Object.keys(INDUSTRY);
const round1 = (x: number) => Math.round(x * 10) / 10;
const pad2 = (n: number) => String(n).padStart(2, '0');
const dayOf = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(Math.min(day, 28))}`;
const at10 = (day: string) => `${day}T02:00:00.000Z`;

interface Planned {
  named: NamedProject | null;
  name: string;
  district: string;
  level: ProjectLevel;
  chain: string;
  total: number;
  owner: string;
  timing: Timing;
  generated: boolean;
}

/** The generated projects: 西区's to make up 43 key projects and its reserve, the other districts' key projects. */
function generatedProjects(rand: () => number): Planned[] {
  const out: Planned[] = [];
  const named = NAMED.filter((p) => p.district === 'xiqu' && p.level !== 'district' && p.timing.kind !== 'reserve');
  const namedStarts = named.filter((p) => p.timing.kind === 'starts').length;
  const namedCompletions = named.filter((p) => p.timing.kind === 'completes').length;
  let starts = Math.max(0, XIQU_NEW_STARTS - namedStarts);
  let completions = Math.max(0, XIQU_COMPLETIONS - namedCompletions);
  for (let i = named.length + 1; i <= XIQU_KEY; i++) {
    const timing: Timing =
      starts-- > 0
        ? { kind: 'starts', month: 1 + Math.floor(rand() * 11) }
        : completions-- > 0
          ? { kind: 'completes', month: 3 + Math.floor(rand() * 10) }
          : { kind: 'building' };
    out.push({
      named: null,
      name: `示例数据·西区重点项目${i}`,
      district: 'xiqu',
      level: rand() < 0.2 ? 'provincial' : 'city',
      chain: CHAINS[Math.floor(rand() * CHAINS.length)] as string,
      total: Math.round(8_000 + rand() * 60_000),
      owner: `示例数据·西区项目业主${i}`,
      timing,
      generated: true,
    });
  }
  // 西区's reserve: some 86亿元 in eleven projects not yet started (the named ones add nothing to it).
  for (let i = 1; i <= 11; i++) {
    out.push({
      named: null,
      name: `示例数据·西区储备项目${i}`,
      district: 'xiqu',
      level: i <= 4 ? 'city' : 'district',
      chain: CHAINS[Math.floor(rand() * CHAINS.length)] as string,
      total: Math.round(50_000 + rand() * 56_000),
      owner: `示例数据·西区储备项目业主${i}`,
      timing: i <= 4 ? { kind: 'preparation', startMonth: 9 + (i % 4) } : { kind: 'reserve' },
      generated: true,
    });
  }
  for (const [district, n] of Object.entries(GENERATED_KEY)) {
    for (let i = 1; i <= n; i++) {
      const r = rand();
      const timing: Timing =
        r < 0.38
          ? { kind: 'starts', month: 1 + Math.floor(rand() * 11) }
          : r < 0.55
            ? { kind: 'completes', month: 3 + Math.floor(rand() * 10) }
            : { kind: 'building' };
      out.push({
        named: null,
        name: `示例数据·${districtName(district)}重点项目${i}`,
        district,
        level: rand() < 0.25 ? 'provincial' : 'city',
        chain: CHAINS[Math.floor(rand() * CHAINS.length)] as string,
        total: Math.round(15_000 + rand() * 95_000),
        owner: `示例数据·${districtName(district)}项目业主${i}`,
        timing,
        generated: true,
      });
    }
    for (let i = 1; i <= 6; i++) {
      out.push({
        named: null,
        name: `示例数据·${districtName(district)}储备项目${i}`,
        district,
        level: 'district',
        chain: CHAINS[Math.floor(rand() * CHAINS.length)] as string,
        total: Math.round(20_000 + rand() * 80_000),
        owner: `示例数据·${districtName(district)}储备项目业主${i}`,
        timing: { kind: 'reserve' },
        generated: true,
      });
    }
  }
  return out;
}

/** The rows of the ledger's default data, for a load on `today`. Pure and deterministic (exported for tests). */
export function projectSeedRows(today: string, itemIds: ReadonlyMap<string, string>) {
  const rand = random(20250101);
  const judged = judgedMonth(today, DEFAULT_PROJECT_RULES);
  const year = Number(judged.slice(0, 4));
  const lastMonth = monthNumber(judged);
  const thisYear = Number(today.slice(0, 4));
  const stamp = at10(today);
  const all: Planned[] = [...NAMED.map((n) => ({ named: n, ...n, generated: false })), ...generatedProjects(rand)];
  const projects: NewProject[] = [];
  const events: NewStageEvent[] = [];
  const plans: NewPlan[] = [];
  const returns: NewReturn[] = [];
  let serial = 1;
  for (const p of all) {
    const id = crypto.randomUUID();
    const t = p.timing;
    // Dates, relative to the plan year.
    let plannedStart: string | null = null;
    let plannedCompletion: string | null = null;
    let actualStart: string | null = null;
    let actualCompletion: string | null = null;
    let actualProduction: string | null = null;
    const before = 1 + Math.floor(rand() * 2);
    const d = 5 + Math.floor(rand() * 20);
    switch (t.kind) {
      case 'building':
        plannedStart = dayOf(year - before, 3 + Math.floor(rand() * 8), d);
        actualStart = plannedStart;
        plannedCompletion = dayOf(year + 1 + Math.floor(rand() * 2), 6 + Math.floor(rand() * 7), d);
        break;
      case 'completes':
        plannedStart = dayOf(year - before, 3 + Math.floor(rand() * 8), d);
        actualStart = plannedStart;
        plannedCompletion = dayOf(year, t.month, 28);
        break;
      case 'starts':
        plannedStart = dayOf(year, t.month, d);
        plannedCompletion = dayOf(year + 1 + Math.floor(rand() * 2), 6 + Math.floor(rand() * 7), d);
        break;
      case 'preparation':
        plannedStart = t.startMonth ? dayOf(year, t.startMonth, d) : dayOf(year + 1, 3 + Math.floor(rand() * 6), d);
        plannedCompletion = dayOf(year + 3, 12, 28);
        break;
      case 'reserve':
        break;
      case 'done':
        plannedStart = dayOf(year - 2 - t.yearsAgo, 4, d);
        actualStart = plannedStart;
        plannedCompletion = dayOf(year - t.yearsAgo, 10, 28);
        if (t.yearsAgo === 0 && plannedCompletion > today) plannedCompletion = dayOf(year, Math.max(1, lastMonth), 10);
        actualCompletion = plannedCompletion;
        break;
    }
    // What has happened by the load day: a start due by the judged month happened (a few late, for the lights), a
    // completion due happened (one in six late).
    const late = rand() < 0.12;
    if (t.kind === 'starts' && plannedStart && plannedStart.slice(0, 7) <= judged && !late) actualStart = plannedStart;
    if (t.kind === 'completes' && plannedCompletion && plannedCompletion.slice(0, 7) <= judged && rand() > 0.16) {
      actualCompletion = plannedCompletion;
    }
    if (actualCompletion && ((t.kind === 'completes' && t.production) || (t.kind === 'done' && t.production))) {
      actualProduction = actualCompletion;
    }
    const stage: ProjectStage = actualProduction
      ? 'inProduction'
      : actualCompletion
        ? 'completed'
        : actualStart
          ? actualStart.startsWith(String(year))
            ? 'newlyStarted'
            : 'underConstruction'
          : t.kind === 'reserve'
            ? 'reserve'
            : 'preparation';
    const since = actualProduction ?? actualCompletion ?? actualStart ?? null;
    const codeYear = Math.min(thisYear, Number((plannedStart ?? `${year - 1}`).slice(0, 4)) - (actualStart ? 1 : 0));
    const code =
      t.kind === 'reserve'
        ? null
        : `${Math.max(2016, codeYear)}-${REGION[p.district] ?? '510400'}-${INDUSTRY[p.chain] ?? '48'}-${
            p.owner.includes('局') || p.owner.includes('管委会') ? '01' : '03'
          }-${String(880000 + serial++).padStart(6, '0')}`;
    const funding = [
      { source: 'ownFunds', amount: round1(p.total * 0.5) },
      { source: 'bankLoans', amount: round1(p.total * 0.35) },
      { source: p.owner.includes('局') ? 'specialBonds' : 'other', amount: round1(p.total * 0.15) },
    ];
    const generatedFields = p.generated
      ? []
      : [
          'code',
          'owner',
          'totalInvestment',
          'funding',
          'plannedStart',
          'plannedCompletion',
          'actualStart',
          'actualCompletion',
        ];
    projects.push({
      id,
      code,
      name: p.name,
      owner: p.owner,
      level: p.level,
      chain: p.chain,
      district_id: p.district,
      total_investment: p.total,
      funding: JSON.stringify(funding),
      stage,
      stage_since: since,
      planned_start: plannedStart,
      planned_completion: plannedCompletion,
      planned_production: null,
      actual_start: actualStart,
      actual_completion: actualCompletion,
      actual_production: actualProduction,
      statistics_status: actualStart ? 'entered' : 'notEntered',
      content: p.named ? `见${p.named.doc}` : '示例数据：生成的项目，用于演示台账、汇总与预警。',
      list_item_id: p.named?.item ? (itemIds.get(p.named.item) ?? null) : null,
      source_doc: p.named?.doc ?? null,
      generated: p.generated ? 1 : 0,
      generated_fields: JSON.stringify(generatedFields),
      created_at: stamp,
      created_by: null,
      updated_at: stamp,
      updated_by: null,
      version: 1,
    });
    let seq = 0;
    const event = (s: ProjectStage, on: string) =>
      events.push({
        id: `${stamp}-${String(++seq).padStart(3, '0')}-${id.slice(0, 8)}`,
        project_id: id,
        stage: s,
        on_date: on,
        adjustment_id: null,
        at: stamp,
        by_user: null,
      });
    event(
      t.kind === 'reserve' ? 'reserve' : 'preparation',
      plannedStart ? dayOf(Number(plannedStart.slice(0, 4)) - 1, 6, 1) : today,
    );
    if (actualStart) event(actualStart.startsWith(String(year)) ? 'newlyStarted' : 'underConstruction', actualStart);
    if (actualCompletion) event('completed', actualCompletion);
    if (actualProduction && stageIndex(stage) >= stageIndex('inProduction')) event('inProduction', actualProduction);

    // The plan of the year: every project whose works run in it (started, or due to start, and not completed before).
    const runsInYear =
      plannedStart !== null &&
      plannedStart.slice(0, 4) <= String(year) &&
      !(t.kind === 'done' && t.yearsAgo > 0) &&
      (t.kind === 'building' ||
        t.kind === 'completes' ||
        t.kind === 'starts' ||
        (t.kind === 'done' && t.yearsAgo === 0));
    if (!runsInYear) continue;
    const startMonth =
      plannedStart && plannedStart.startsWith(String(year)) ? monthNumber(plannedStart.slice(0, 7)) : null;
    const completionMonth =
      plannedCompletion && plannedCompletion.startsWith(String(year))
        ? monthNumber(plannedCompletion.slice(0, 7))
        : null;
    const share = startMonth ? 0.12 : completionMonth ? 0.3 : p.total > 500_000 ? 0.1 : 0.19;
    const planned = Math.round(p.total * share * (0.8 + rand() * 0.4));
    const plan = { year, planned, profile: null, startMonth, completionMonth };
    plans.push({
      id: crypto.randomUUID(),
      project_id: id,
      year,
      planned,
      profile: null,
      start_month: startMonth,
      completion_month: completionMonth,
      note: '示例数据',
      status: 'frozen',
      submitted_at: at10(`${year}-01-15`),
      submitted_by: null,
      reviewed_at: at10(`${year}-01-25`),
      reviewed_by: null,
      comment: '',
      generated: 1,
      updated_at: stamp,
      updated_by: null,
      version: 3,
    });
    if (!actualStart) continue;
    // Monthly returns of the year through the judged month (through completion): most on pace, about one in eight
    // behind (the investment light), the judged month's mostly submitted and awaiting review, a few not yet filed.
    const profile = planProfile(plan);
    const pace = rand() < 0.12 ? 0.45 + rand() * 0.2 : 0.98 + rand() * 0.35;
    const first = actualStart.startsWith(String(year)) ? actualStart.slice(0, 7) : `${year}-01`;
    const last = actualCompletion && actualCompletion.slice(0, 7) < judged ? actualCompletion.slice(0, 7) : judged;
    const prior = actualStart.startsWith(String(year)) ? 0 : round1(p.total * (0.2 + rand() * 0.3));
    let ytd = 0;
    for (let m = first; m <= last; m = addMonths(m, 1)) {
      const i = monthNumber(m) - 1;
      const thisMonth = round1(planned * (profile[i] ?? 0) * pace * (0.85 + rand() * 0.3));
      ytd = round1(ytd + thisMonth);
      const isLast = m === judged;
      const r = rand();
      const status = !isLast ? 'approved' : r < 0.12 ? null : r < 0.45 ? 'submitted' : 'approved';
      if (status === null) break;
      const filed = at10(`${addMonths(m, 1)}-0${1 + Math.floor(rand() * 4)}`);
      returns.push({
        id: crypto.randomUUID(),
        project_id: id,
        month: m,
        this_month: thisMonth,
        ytd,
        since_start: round1(prior + ytd),
        progress_text: `示例数据：${p.name}按计划推进，本月完成投资${thisMonth}万元`,
        progress_percent: Math.min(100, Math.round(((prior + ytd) / p.total) * 100)),
        workers: 40 + Math.floor(rand() * 400),
        status,
        warnings: '[]',
        filed_by: null,
        filed_at: filed,
        submitted_at: filed,
        reviewed_by: null,
        reviewed_at: status === 'approved' ? filed : null,
        comment: '',
        generated: 1,
        updated_at: filed,
        version: status === 'approved' ? 3 : 2,
      });
    }
  }
  return { projects, events, plans, returns, year, judged };
}

/** Loads the ledger's default data through its repository, in the loader's transaction. */
export const loadProjects: SeedStep = async (tx, { repos, now }) => {
  const repo = repos.projects;
  const q = repos.projectTx(tx);
  const items = await repo.unlinkedProjectItems(q);
  const itemIds = new Map(items.map((i) => [i.code, i.id]));
  const rows = projectSeedRows(chinaDate(now), itemIds);
  await repo.insertProjects(q, rows.projects);
  await repo.insertStageEvents(q, rows.events);
  await repo.insertPlans(q, rows.plans);
  await repo.insertReturns(q, rows.returns);
};
