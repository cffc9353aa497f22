/**
 * The four lists' default items (四张清单), transcribed from the seed documents:
 * - 西区's 2025 key work (《"共富"策马行——西区全力推进2025年重点工作》): the three actions, the 43 key projects and the
 *   named projects, the coal-mining subsidence pilot, the reform items, the targets it sets itself;
 * - the high-tech zone's action plan tasks (《钒钛高新区高质量发展建设共同富裕试验区行动方案（2022-2025年）》),
 *   which asks for exactly these four lists ("制定重大改革清单、向上争取清单、重大项目清单、重点任务清单");
 * - the city's 2024 reform items, and the support sought, projects and tasks named beside them
 *   (攀枝花市人民政府工作报告（2024年）).
 *
 * Each item cites the sentence it comes from (`source`). What the documents do not say is GENERATED and labelled so
 * (`generated.fields`, SeedSource doc 'generated'): the responsible leaders (given as posts, not names), the persons
 * in charge and their office numbers, the milestones, the co-operating units, and — for the city's items, where the
 * work report names no unit — the lead unit. 西区's items are led by 西区 and the zone's by the zone, as the
 * documents state. The workflow state of each item (issued, acknowledged, reports, milestones done, closed) is
 * generated relative to the day the data is loaded, deterministically, and labelled generated too.
 */
import crypto from 'node:crypto';
import { addDays, daysBetween, monthOf, timeElapsedShare } from '../../../domain/lists/dates.ts';
import { DEFAULT_LIST_RULES } from '../../../domain/lists/rules.ts';
import type { ItemStatus, ListKind } from '../../../domain/lists/types.ts';
import { owedReports } from '../../../domain/lists/warnings.ts';
import type { SeedDocId, SeedSource } from '../seed-types.ts';

export interface SeedListItem {
  code: string;
  kind: ListKind;
  year: number;
  title: string;
  content: string;
  dimensionCode: string;
  leadUnitId: string;
  coUnitIds: string[];
  districtId: string | null;
  startDate: string;
  deadline: string;
  target: { unit: string; floor: number | null; stretch: number | null; indicatorCode: string | null } | null;
  leaderName: string;
  personInCharge: string;
  contact: string;
  milestones: { title: string; plannedDate: string }[];
  /** The item itself: the document and sentence it comes from. */
  source: SeedSource;
  /** What is not in the document: generated, and which fields. */
  generated: { source: SeedSource; fields: string[] };
}

const GENERATED: SeedSource = {
  doc: 'generated',
  quote: '责任领导（以职务表示）、具体责任人、联系电话、节点计划及配合单位为生成的演示数据，须按实际分工替换',
};

/** A deterministic pseudo-random number in [0, 1) for a text. */
function unit(text: string): number {
  return crypto.createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

const pick = <T>(xs: readonly T[], key: string): T => xs[Math.floor(unit(key) * xs.length)] as T;

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '罗',
  '高',
  '林',
];
const GIVEN = [
  '建国',
  '晓燕',
  '志强',
  '丽华',
  '海涛',
  '红梅',
  '永刚',
  '雪梅',
  '俊杰',
  '春燕',
  '国平',
  '小兰',
  '明辉',
  '静',
  '斌',
  '磊',
  '娟',
  '勇',
  '芳',
  '军',
];

function person(code: string, office: string): string {
  return `${pick(SURNAMES, `${code}:s`)}${pick(GIVEN, `${code}:g`)}（${office}）`;
}

function phone(code: string): string {
  return `0812-${String(3300000 + Math.floor(unit(`${code}:tel`) * 600000))}`;
}

/** Milestones at about a third, two thirds and the end of the span, titled for the kind of list. */
function milestonesFor(kind: ListKind, start: string, deadline: string): { title: string; plannedDate: string }[] {
  const span = Math.max(daysBetween(start, deadline), 3);
  const at = (share: number) => addDays(start, Math.max(1, Math.round(span * share)));
  const titles: Record<ListKind, [string, string, string]> = {
    upward: ['形成争取方案并对接上级部门', '完成申报材料报送', '获得批复或政策落地'],
    reform: ['制定改革实施方案', '开展试点并中期评估', '总结形成可复制推广经验'],
    project: ['完成前期手续', '主体工程形象进度过半', '完工验收（投产、投运）'],
    task: ['分解任务、明确责任', '完成阶段目标', '全面完成年度目标'],
  };
  const [a, b, c] = titles[kind];
  return [
    { title: a, plannedDate: at(0.25) },
    { title: b, plannedDate: at(0.6) },
    { title: c, plannedDate: deadline },
  ];
}

interface Spec {
  code: string;
  kind: ListKind;
  title: string;
  quote: string;
  dimension: string;
  content?: string;
  lead?: string;
  co?: string[];
  district?: string | null;
  start?: string;
  deadline?: string;
  target?: { unit: string; floor?: number; stretch?: number; indicator?: string };
}

function build(
  doc: SeedDocId,
  defaults: {
    lead: string;
    district: string | null;
    start: string;
    deadline: string;
    year: number;
    leaders: string[];
    office: string;
  },
  leadGenerated: boolean,
) {
  return (s: Spec): SeedListItem => {
    const start = s.start ?? defaults.start;
    const deadline = s.deadline ?? defaults.deadline;
    const fields = ['leaderName', 'personInCharge', 'contact', 'milestones'];
    if (s.co && s.co.length > 0) fields.push('coUnitIds');
    if (leadGenerated) fields.push('leadUnitId');
    return {
      code: s.code,
      kind: s.kind,
      year: defaults.year,
      title: s.title,
      content: s.content ?? s.quote,
      dimensionCode: s.dimension,
      leadUnitId: s.lead ?? defaults.lead,
      coUnitIds: s.co ?? [],
      districtId: s.district === undefined ? defaults.district : s.district,
      startDate: start,
      deadline,
      target: s.target
        ? {
            unit: s.target.unit,
            floor: s.target.floor ?? null,
            stretch: s.target.stretch ?? null,
            indicatorCode: s.target.indicator ?? null,
          }
        : null,
      leaderName: pick(defaults.leaders, `${s.code}:leader`),
      personInCharge: person(s.code, defaults.office),
      contact: phone(s.code),
      milestones: milestonesFor(s.kind, start, deadline),
      source: { doc, quote: s.quote },
      generated: { source: GENERATED, fields },
    };
  };
}

// ——— 西区 2025 ———

const xq = build(
  'xiqu2025',
  {
    lead: 'xiqu',
    district: 'xiqu',
    start: '2025-01-01',
    deadline: '2025-12-31',
    year: 2025,
    leaders: [
      '西区区长',
      '西区常务副区长',
      '西区副区长（工业和项目）',
      '西区副区长（城建和生态）',
      '西区副区长（社会事业）',
    ],
    office: '西区',
  },
  false,
);

const xiqu: SeedListItem[] = [
  // 三大行动
  xq({
    code: 'XQ2025-T01',
    kind: 'task',
    title: '项目攻坚行动',
    dimension: 'D2',
    quote:
      '确保项目储备规模动态保持在80亿元以上。统筹实施好43个省市重点项目，新开工17个以上、竣工8个以上，确保全年固定资产投资增长5%以上',
    co: ['dept-fgw'],
    target: { unit: '%（固定资产投资增速）', floor: 5, indicator: 'D2-04' },
  }),
  xq({
    code: 'XQ2025-T02',
    kind: 'task',
    title: '消费提振行动',
    dimension: 'D2',
    quote: '大力发展研学旅游、首发经济、银发经济和赛事经济，力争拉动消费5亿元以上',
    co: ['dept-swj', 'dept-wglj'],
    target: { unit: '亿元（拉动消费）', stretch: 5, indicator: 'D2-29' },
  }),
  xq({
    code: 'XQ2025-T03',
    kind: 'task',
    title: '营商环境优化行动',
    dimension: 'D1',
    quote: '深入落实优化营商环境举措，更大力度降低企业融资、物流、用地、用能等生产经营成本',
    content:
      '充分发挥惠企政策专窗作用；实行企业“直通车”联系制度；在工业、商贸企业中推广“叫一人办所有事”机制；开展规范涉企执法专项行动；用好“一站式”审批服务窗口，探索完善“容缺”审批，推动项目“落地即开工”。',
    co: ['dept-scjgj'],
  }),
  xq({
    code: 'XQ2025-T04',
    kind: 'task',
    title: '采煤沉陷区综合治理试点',
    dimension: 'D3',
    quote:
      '深入推动采煤沉陷区综合治理试点，统筹实施居民危房整治及避险搬迁等“四项工程”，加快缩小江南江北发展差距，力争为全国采煤沉陷区综合治理提供“西区样本”',
    co: ['dept-zjj', 'dept-zrzyj', 'dept-yjj'],
  }),
  xq({
    code: 'XQ2025-T05',
    kind: 'task',
    title: '化工园区D级资质评估',
    dimension: 'D2',
    quote: '推进龙洞片区(居)民搬迁，力争上半年通过化工园区D级资质评估',
    co: ['dept-jxj', 'dept-yjj'],
    deadline: '2025-06-30',
  }),
  xq({
    code: 'XQ2025-T06',
    kind: 'task',
    title: '农村集体经济收入提升至800万元以上',
    dimension: 'D4',
    quote: '促进“五良”融合，鼓励农户优化种植结构、提升种植收益，力争农村集体经济收入提升至800万元以上',
    co: ['xiqu-geliping'],
    target: { unit: '万元', stretch: 800, indicator: 'D4-06' },
  }),
  xq({
    code: 'XQ2025-T07',
    kind: 'task',
    title: '中等收入群体占比提升至45%',
    dimension: 'D5',
    quote: '扎实推动分层分类社会救助体系建设，切实兜牢基本民生底线。力争中等收入群体占比提升至45%',
    co: ['dept-tjj', 'dept-mzj'],
    target: { unit: '%', stretch: 45, indicator: 'D5-03' },
  }),
  xq({
    code: 'XQ2025-T08',
    kind: 'task',
    title: '新引进急需紧缺和高层次人才150名以上',
    dimension: 'D2',
    quote: '建立人才信息库和急需紧缺人才清单，新引进急需紧缺和高层次人才150名以上',
    co: ['dept-zzb'],
    target: { unit: '名', floor: 150, indicator: 'D2-22' },
  }),
  xq({
    code: 'XQ2025-T09',
    kind: 'task',
    title: '高新技术产业主营业务收入突破18亿元',
    dimension: 'D2',
    quote:
      '围绕钒钛及储能、钛、氢能等重点领域，着力培育和引进一批科技成果中试熟化、孵化和转化项目，力争高新技术产业主营业务收入突破18亿元',
    co: ['dept-kjj'],
    target: { unit: '亿元', stretch: 18, indicator: 'D2-21' },
  }),
  xq({
    code: 'XQ2025-T10',
    kind: 'task',
    title: '新建雨污管道不低于20公里',
    dimension: 'D6',
    quote: '完成西区城市燃气管网更新改造和格理坪片区、清香坪片区排水管网建设项目，全年新建雨污管道不低于20公里',
    co: ['dept-zjj'],
    target: { unit: '公里', floor: 20, indicator: 'D6-06' },
  }),
  xq({
    code: 'XQ2025-T11',
    kind: 'task',
    title: '河门口公园提档升级改造',
    dimension: 'D6',
    quote: '5月底前完成河门口公园提档升级改造，将其建设为集婚嫁旅拍、户外研学、休闲运动于一体的城市微度假公园',
    co: ['xiqu-hemenkou'],
    deadline: '2025-05-31',
  }),
  xq({
    code: 'XQ2025-T12',
    kind: 'task',
    title: '环境空气质量优良率保持在95%以上',
    dimension: 'D2',
    quote: '抓好工业源、移动源、扬尘源治理，确保环境空气质量优良率保持在95%以上',
    co: ['dept-sthjj'],
    target: { unit: '%', floor: 95, indicator: 'D2-25' },
  }),
  xq({
    code: 'XQ2025-T13',
    kind: 'task',
    title: '文化馆评估定级达到国家一级标准',
    dimension: 'D7',
    quote: '扎实做好第六次全国文化馆评估定级有关工作，力争年底前达到国家一级标准',
    co: ['dept-wglj'],
  }),
  xq({
    code: 'XQ2025-T14',
    kind: 'task',
    title: '招商引资：新签约亿元以上项目8个，到位资金65亿元以上',
    dimension: 'D2',
    quote: '力争新签约亿元以上项目8个，其中5亿元以上项目5个，实现招商引资总到位资金65亿元以上',
    co: ['dept-tcj'],
    target: { unit: '亿元（到位资金）', floor: 65 },
  }),
  xq({
    code: 'XQ2025-T15',
    kind: 'task',
    title: '新庄村、金桥村创建市级和美村庄',
    dimension: 'D4',
    quote: '持续做好和美乡村建设、村容村貌改造、农村厕所整治等工作，力争将新庄村、金桥村创建成市级和美村庄',
    co: ['xiqu-geliping', 'dept-nyj'],
  }),
  // 改革事项
  xq({
    code: 'XQ2025-R01',
    kind: 'reform',
    title: '低保家庭就业帮扶',
    dimension: 'D5',
    quote: '精心谋划实施“低保家庭就业帮扶”“企业+社区+农村”抱团共富”“共富超市进社区”等改革事项',
    co: ['dept-rsj', 'dept-mzj'],
  }),
  xq({
    code: 'XQ2025-R02',
    kind: 'reform',
    title: '“企业+社区+农村”抱团共富',
    dimension: 'D4',
    quote: '精心谋划实施“低保家庭就业帮扶”“企业+社区+农村”抱团共富”“共富超市进社区”等改革事项',
    co: ['dept-nyj'],
  }),
  xq({
    code: 'XQ2025-R03',
    kind: 'reform',
    title: '共富超市进社区',
    dimension: 'D5',
    quote: '精心谋划实施“低保家庭就业帮扶”“企业+社区+农村”抱团共富”“共富超市进社区”等改革事项',
    co: ['dept-swj'],
  }),
  xq({
    code: 'XQ2025-R04',
    kind: 'reform',
    title: '集体经济补助城乡居民基本养老保险试点',
    dimension: 'D5',
    quote: '健全低收入群体动态监测体系，开展集体经济补助城乡居民基本养老保险、新业态就业群体补充工伤保险等试点',
    co: ['dept-rsj'],
  }),
  xq({
    code: 'XQ2025-R05',
    kind: 'reform',
    title: '新业态就业群体补充工伤保险试点',
    dimension: 'D5',
    quote: '健全低收入群体动态监测体系，开展集体经济补助城乡居民基本养老保险、新业态就业群体补充工伤保险等试点',
    co: ['dept-rsj'],
  }),
  xq({
    code: 'XQ2025-R06',
    kind: 'reform',
    title: '公共服务均等化改革',
    dimension: 'D6',
    quote:
      '聚焦“放管服”、城乡治理、消底提低等重点领域，加力推进公共服务均等化、政务服务增值化、低收入群体托底、农贸市场和公厕精细化管理等改革',
  }),
  xq({
    code: 'XQ2025-R07',
    kind: 'reform',
    title: '政务服务增值化改革',
    dimension: 'D1',
    quote:
      '聚焦“放管服”、城乡治理、消底提低等重点领域，加力推进公共服务均等化、政务服务增值化、低收入群体托底、农贸市场和公厕精细化管理等改革',
  }),
  xq({
    code: 'XQ2025-R08',
    kind: 'reform',
    title: '低收入群体托底改革',
    dimension: 'D5',
    quote:
      '聚焦“放管服”、城乡治理、消底提低等重点领域，加力推进公共服务均等化、政务服务增值化、低收入群体托底、农贸市场和公厕精细化管理等改革',
    co: ['dept-mzj'],
  }),
  xq({
    code: 'XQ2025-R09',
    kind: 'reform',
    title: '农贸市场和公厕精细化管理改革',
    dimension: 'D8',
    quote:
      '聚焦“放管服”、城乡治理、消底提低等重点领域，加力推进公共服务均等化、政务服务增值化、低收入群体托底、农贸市场和公厕精细化管理等改革',
  }),
  xq({
    code: 'XQ2025-R10',
    kind: 'reform',
    title: '国企改革提升行动',
    dimension: 'D1',
    quote:
      '持续实施国企改革提升行动，强化制度、资产、安全等方面监管，深度融入辖区重点企业、重点项目的供应链、保障链，力争完成营业收入8.8亿元以上',
    co: ['dept-gzw'],
    target: { unit: '亿元（营业收入）', stretch: 8.8 },
  }),
  // 向上争取
  xq({
    code: 'XQ2025-U01',
    kind: 'upward',
    title: '格理坪特色产业园区纳入新一轮省级开发区布局和国家开发区目录',
    dimension: 'D2',
    quote: '全力推动格理坪特色产业园区纳入新一轮省级开发区布局和国家开发区目录',
    co: ['dept-fgw', 'dept-jxj'],
  }),
  xq({
    code: 'XQ2025-U02',
    kind: 'upward',
    title: '争取钒钛及储能、钛等重点产业链电价支持政策',
    dimension: 'D2',
    quote: '用好弃水电量消纳试点政策，争取钒钛及储能、钛等重点产业链电价支持政策',
    co: ['dept-fgw'],
  }),
  // 重大项目
  xq({
    code: 'XQ2025-P01',
    kind: 'project',
    title: '统筹实施43个省市重点项目（新开工17个以上、竣工8个以上）',
    dimension: 'D2',
    quote: '统筹实施好43个省市重点项目，新开工17个以上、竣工8个以上',
    co: ['dept-fgw'],
    target: { unit: '个（新开工）', floor: 17, indicator: 'D2-31' },
  }),
  ...(
    [
      [
        'XQ2025-P02',
        '攀盐高速西区段',
        '推动攀盐高速西区段、编气入攀西区段、园区渣场等重点项目建设进度',
        'D3',
        ['dept-jtj'],
        undefined,
      ],
      [
        'XQ2025-P03',
        '编气入攀西区段',
        '推动攀盐高速西区段、编气入攀西区段、园区渣场等重点项目建设进度',
        'D2',
        ['dept-fgw'],
        undefined,
      ],
      [
        'XQ2025-P04',
        '园区渣场',
        '推动攀盐高速西区段、编气入攀西区段、园区渣场等重点项目建设进度',
        'D2',
        ['dept-sthjj'],
        undefined,
      ],
      [
        'XQ2025-P05',
        '清香坪苏铁中路老旧小区改造',
        '确保清香坪苏铁中路老旧小区改造、梅子管水库灌区续建配套与节水改造等4个项目年底前竣工',
        'D6',
        ['dept-zjj', 'xiqu-qingxiangping'],
        undefined,
      ],
      [
        'XQ2025-P06',
        '梅子管水库灌区续建配套与节水改造',
        '确保清香坪苏铁中路老旧小区改造、梅子管水库灌区续建配套与节水改造等4个项目年底前竣工',
        'D4',
        ['dept-slj'],
        undefined,
      ],
      [
        'XQ2025-P07',
        '25万吨焦油加工项目',
        '提速建设25万吨焦油加工项目，确保三季度试生产',
        'D2',
        ['dept-jxj'],
        '2025-09-30',
      ],
      [
        'XQ2025-P08',
        '40条成箱生产线项目',
        '协助、引导40条成箱生产线、10万吨新能源石墨材料项目上半年分步竣工投产',
        'D2',
        ['dept-jxj'],
        '2025-06-30',
      ],
      [
        'XQ2025-P09',
        '10万吨新能源石墨材料项目',
        '协助、引导40条成箱生产线、10万吨新能源石墨材料项目上半年分步竣工投产',
        'D2',
        ['dept-jxj'],
        '2025-06-30',
      ],
      [
        'XQ2025-P10',
        '“源网荷储”协同项目',
        '用好近零碳排放园区试点招牌，力争“源网荷储”协同项目上半年进场施工',
        'D2',
        ['dept-fgw'],
        '2025-06-30',
      ],
      ['XQ2025-P11', '6万立方米钒电解液项目', '推动6万立方米钒电解液项目上半年开工', 'D2', ['dept-jxj'], '2025-06-30'],
      [
        'XQ2025-P12',
        '国家物流枢纽（格理坪）物流仓储配套设施项目',
        '全速推进国家物流枢纽(格理坪)物流仓储配套设施项目、攀枝花国际铁路港承载转运中心二期，确保年内建成投运',
        'D3',
        ['dept-swj'],
        undefined,
      ],
      [
        'XQ2025-P13',
        '攀枝花国际铁路港承载转运中心二期',
        '全速推进国家物流枢纽(格理坪)物流仓储配套设施项目、攀枝花国际铁路港承载转运中心二期，确保年内建成投运',
        'D3',
        ['dept-swj', 'dept-jtj'],
        undefined,
      ],
      [
        'XQ2025-P14',
        '文化岛四期湿地公园',
        '加快文化岛四期湿地公园建设进度，联动星瑞时代广场、福广金城构建高品质商圈',
        'D7',
        ['dept-zjj'],
        undefined,
      ],
      [
        'XQ2025-P15',
        '西区养老服务中心',
        '加快西区养老服务服务中心项目建设，推动便民设施适老化适儿化改造',
        'D6',
        ['dept-mzj'],
        undefined,
      ],
      [
        'XQ2025-P16',
        '市十二中、市十八小新建教学综合楼',
        '加快完成市十二中、市十八小新建教学综合楼项目收尾工程，确保秋季学期投入使用',
        'D6',
        ['dept-jyj'],
        '2025-08-31',
      ],
      [
        'XQ2025-P17',
        '西区全民健身中心',
        '加快西区全民健身中心建设，积极推动“国球进社区”“国球进公园”',
        'D6',
        ['dept-jyj'],
        undefined,
      ],
    ] as const
  ).map(([code, title, quote, dimension, co, deadline]) =>
    xq({ code, kind: 'project', title, quote, dimension, co: [...co], ...(deadline ? { deadline } : {}) }),
  ),
];

// ——— 钒钛高新区 行动方案 (2022-2025) ———

const gx = build(
  'hitechActionPlan2023',
  {
    lead: 'hitech',
    district: 'hitech',
    start: '2023-02-27',
    deadline: '2025-12-31',
    year: 2023,
    leaders: [
      '钒钛高新区党工委书记',
      '钒钛高新区管委会主任',
      '钒钛高新区管委会副主任（经济发展）',
      '钒钛高新区管委会副主任（社会事业）',
    ],
    office: '钒钛高新区科技创新和经济发展局',
  },
  false,
);

const hitech: SeedListItem[] = [
  gx({
    code: 'GX2023-R01',
    kind: 'reform',
    title: '“一区多园”管理考核、利益分配、日常运行机制改革',
    dimension: 'D3',
    quote: '制定“一区多园”管理考核机制、利益分配机制、日常运行机制，推动系统性、整体性、协同性改革先行先试',
    co: ['dept-fgw', 'dept-czj'],
  }),
  gx({
    code: 'GX2023-R02',
    kind: 'reform',
    title: '推行项目容缺承诺审批',
    dimension: 'D1',
    quote: '建立健全重大项目督办考核机制，推行项目容缺承诺审批，优化项目审批流程，提高项目履约率、开工率和投资完成率',
  }),
  gx({
    code: 'GX2023-R03',
    kind: 'reform',
    title: '深化国资国企改革',
    dimension: 'D1',
    quote: '深化国资国企改革，促进民营经济发展壮大，落实落细助企纾困政策措施',
    co: ['dept-gzw'],
  }),
  gx({
    code: 'GX2023-R04',
    kind: 'reform',
    title: '“放管服”改革和商事制度改革',
    dimension: 'D1',
    quote: '推进“放管服”改革、商事制度改革，健全信用体系建设，营造良好的营商环境',
    co: ['dept-scjgj'],
  }),
  gx({
    code: 'GX2023-R05',
    kind: 'reform',
    title: '乡镇赋权扩能与“五社联动”',
    dimension: 'D8',
    quote: '推进乡镇赋权扩能,探索“五社联动”机制,开展全科网格建设,创新基层民主协商方式',
    co: ['hitech-jinjiang', 'dept-mzj'],
  }),
  gx({
    code: 'GX2023-U01',
    kind: 'upward',
    title: '争取国家级（储能）试点示范',
    dimension: 'D2',
    quote: '加快发展光伏+储能、氢能+储能、钒电池储能等清洁能源产业，着力构建新型能源体系，争取国家级（储能）试点示范',
    co: ['dept-fgw'],
  }),
  gx({
    code: 'GX2023-U02',
    kind: 'upward',
    title: '争取国家、省延续对攀枝花水电优惠政策',
    dimension: 'D2',
    quote: '强化重点项目要素保障，争取国家、省延续对攀枝花水电优惠政策',
    co: ['dept-fgw'],
  }),
  gx({
    code: 'GX2023-U03',
    kind: 'upward',
    title: '争创国家级“百强高新区”',
    dimension: 'D2',
    quote:
      '推动打造钒钛新材料战略性新兴产业集群，加快建设区域创新驱动发展示范区、高质量发展先行区，争创国家级“百强高新区”',
    co: ['dept-kjj'],
  }),
  gx({
    code: 'GX2023-U04',
    kind: 'upward',
    title: '积极争取中央和省、市各项改革试点',
    dimension: 'D1',
    quote:
      '积极争取中央和省、市各项改革试点、探索示范任务、探索容缺审批机制、营商环境对标创新等优化发展环境、高质量发展促进共同富裕的改革举措',
  }),
  ...(
    [
      [
        'GX2023-P01',
        '移动信息中心、呼叫产业园',
        '加快数字产业化和产业数字化，完成移动信息中心、呼叫产业园等项目建设',
        'D2',
        ['dept-jxj'],
        undefined,
      ],
      [
        'GX2023-P02',
        '阳光大道北延线',
        '完成阳光大道北延线、攀西科技产业园、花城新医院、三线文化广场、城市生活美学中心等重大基础设施和公共服务设施项目建设',
        'D3',
        ['dept-jtj'],
        '2023-12-31',
      ],
      [
        'GX2023-P03',
        '攀西科技产业园',
        '完成阳光大道北延线、攀西科技产业园、花城新医院、三线文化广场、城市生活美学中心等重大基础设施和公共服务设施项目建设',
        'D2',
        ['dept-kjj'],
        undefined,
      ],
      [
        'GX2023-P04',
        '花城新区医院',
        '加快花城新区医院建设，推进城区优质医疗资源向基层延伸',
        'D6',
        ['dept-wjw'],
        undefined,
      ],
      [
        'GX2023-P05',
        '三线文化广场',
        '完成阳光大道北延线、攀西科技产业园、花城新医院、三线文化广场、城市生活美学中心等重大基础设施和公共服务设施项目建设',
        'D7',
        ['dept-wglj'],
        undefined,
      ],
      [
        'GX2023-P06',
        '城市生活美学中心',
        '完成阳光大道北延线、攀西科技产业园、花城新医院、三线文化广场、城市生活美学中心等重大基础设施和公共服务设施项目建设',
        'D7',
        ['dept-wglj'],
        undefined,
      ],
      [
        'GX2023-P07',
        '天星中小学',
        '促进义务教育优质均衡发展，加快天星中小学建设，提升辖区学校教育整体质量',
        'D6',
        ['dept-jyj'],
        undefined,
      ],
      [
        'GX2023-P08',
        '保税物流中心（B型）',
        '依托保税物流中心（B型）建设，对接中国—中南半岛、孟中印缅经济走廊',
        'D3',
        ['dept-swj'],
        undefined,
      ],
    ] as const
  ).map(([code, title, quote, dimension, co, deadline]) =>
    gx({ code, kind: 'project', title, quote, dimension, co: [...co], ...(deadline ? { deadline } : {}) }),
  ),
  gx({
    code: 'GX2023-T01',
    kind: 'task',
    title: '“一区多园”工业总产值2500亿元、核心区1000亿元',
    dimension: 'D2',
    quote: '力争到2025年，“一区多园”工业总产值实现2500亿元，核心区工业总产值实现1000亿元',
    target: { unit: '亿元', stretch: 2500, indicator: 'D2-13' },
  }),
  gx({
    code: 'GX2023-T02',
    kind: 'task',
    title: '培育专精特新企业18家、引培“链主”企业3家',
    dimension: 'D2',
    quote: '力争到2025年，培育专精特新企业18家，引培重点领域“链主”企业3家',
    target: { unit: '家', stretch: 18, indicator: 'D2-18' },
  }),
  gx({
    code: 'GX2023-T03',
    kind: 'task',
    title: '建成省级及以上研发机构20家',
    dimension: 'D2',
    quote: '力争到2025年，建成省级及以上研发机构20家',
    co: ['dept-kjj'],
    target: { unit: '家', stretch: 20, indicator: 'D2-20' },
  }),
  gx({
    code: 'GX2023-T04',
    kind: 'task',
    title: '累计培育高新技术企业60家、科技型中小企业150家、瞪羚企业3家',
    dimension: 'D2',
    quote: '力争到2025年，累计培育高新技术企业60家，科技型中小企业150家，引培3家瞪羚企业',
    co: ['dept-kjj'],
    target: { unit: '家（高新技术企业）', stretch: 60, indicator: 'D2-15' },
  }),
  gx({
    code: 'GX2023-T05',
    kind: 'task',
    title: '工业投资和技改投资年均增长12%以上',
    dimension: 'D2',
    quote: '着力提高工业投资比重，工业投资和技改投资年均增长12%以上',
    target: { unit: '%', floor: 12, indicator: 'D2-09' },
  }),
  gx({
    code: 'GX2023-T06',
    kind: 'task',
    title: '50%的村集体经济年收入达到10万元以上',
    dimension: 'D4',
    quote: '农民增收渠道进一步拓宽，50%的村集体经济年收入达到10万元以上',
    co: ['hitech-jinjiang'],
    target: { unit: '%', floor: 50, indicator: 'D4-04' },
  }),
  gx({
    code: 'GX2023-T07',
    kind: 'task',
    title: '中等收入群体占比超50%',
    dimension: 'D5',
    quote: '三口之家家庭年收入10~50万元的中等收入群体占比超50%',
    target: { unit: '%', floor: 50, indicator: 'D5-03' },
  }),
  gx({
    code: 'GX2023-T08',
    kind: 'task',
    title: '消除标准监测底线以下家庭，动态消除零就业家庭',
    dimension: 'D5',
    quote:
      '全面消除全省低保标准低限以下城市困难群体家庭、省防止返贫监测收入标准线以下农村困难群体家庭，确保“不落一户，不落一人”。动态消除零就业家庭',
    co: ['dept-mzj', 'dept-rsj'],
  }),
  gx({
    code: 'GX2023-T09',
    kind: 'task',
    title: '文化创意产业产值达到15亿元',
    dimension: 'D7',
    quote: '力争到2025年，文化创意产业产值达到15亿元',
    target: { unit: '亿元', stretch: 15, indicator: 'D7-01' },
  }),
  gx({
    code: 'GX2023-T10',
    kind: 'task',
    title: '社会治安安全感满意度达到96%以上',
    dimension: 'D8',
    quote: '万人犯罪率逐年下降，社会治安安全感满意度达到96%以上',
    co: ['dept-gaj'],
    target: { unit: '%', floor: 96, indicator: 'D8-01' },
  }),
];

// ——— 市政府工作报告 2024 ———

const sj = build(
  'cityWorkReport2024',
  {
    lead: 'dept-fgw',
    district: null,
    start: '2024-01-01',
    deadline: '2024-12-31',
    year: 2024,
    leaders: [
      '市长',
      '常务副市长',
      '副市长（发展改革、工业）',
      '副市长（农业农村）',
      '副市长（民政、人社）',
      '副市长（政法、公安）',
    ],
    office: '牵头单位业务科室',
  },
  true,
);

const city: SeedListItem[] = [
  sj({
    code: 'SJ2024-R01',
    kind: 'reform',
    title: '“新型农村集体经济发展方式创新”专项改革',
    dimension: 'D4',
    quote:
      '探索实施“新型农村集体经济发展方式创新”“农民工市民化”等专项改革，形成一批可在全省乃至全国复制推广的特色经验做法',
    lead: 'dept-nyj',
    co: ['dept-czj'],
  }),
  sj({
    code: 'SJ2024-R02',
    kind: 'reform',
    title: '“农民工市民化”专项改革',
    dimension: 'D3',
    quote:
      '探索实施“新型农村集体经济发展方式创新”“农民工市民化”等专项改革，形成一批可在全省乃至全国复制推广的特色经验做法',
    lead: 'dept-rsj',
    co: ['dept-gaj', 'dept-zjj'],
  }),
  sj({
    code: 'SJ2024-R03',
    kind: 'reform',
    title: '优化“一区多园”建设模式',
    dimension: 'D3',
    quote: '聚焦缩小地区差距，优化“一区多园”建设模式',
    lead: 'hitech',
    co: ['dept-jxj'],
    district: 'hitech',
  }),
  sj({
    code: 'SJ2024-R04',
    kind: 'reform',
    title: '支持西区振兴发展、与全市同步共富的专项政策措施',
    dimension: 'D3',
    quote: '研究制定支持西区振兴发展、与全市同步共富的专项政策措施，实施强镇带弱乡、强村带弱村行动',
    lead: 'dept-fgw',
    co: ['xiqu'],
    district: 'xiqu',
  }),
  sj({
    code: 'SJ2024-R05',
    kind: 'reform',
    title: '强镇带弱乡、强村带弱村行动',
    dimension: 'D4',
    quote: '研究制定支持西区振兴发展、与全市同步共富的专项政策措施，实施强镇带弱乡、强村带弱村行动',
    lead: 'dept-nyj',
  }),
  sj({
    code: 'SJ2024-R06',
    kind: 'reform',
    title: '工会进村、企村联建、社村共建机制',
    dimension: 'D4',
    quote: '聚焦缩小城乡差距，建立健全工会进村、企村联建、社村共建机制，加快打造农村创富共同体',
    lead: 'dept-gfb',
    co: ['dept-nyj'],
  }),
  sj({
    code: 'SJ2024-R07',
    kind: 'reform',
    title: '动态精准“消底”工作机制，探索推进“扩中提低”',
    dimension: 'D5',
    quote:
      '聚焦缩小收入差距，健全动态精准“消底”工作机制，探索推进“扩中提低”……力争全市三口之家家庭年收入10万—50万元的中等收入群体占比达到48.5%',
    lead: 'dept-mzj',
    co: ['dept-rsj', 'dept-tjj'],
    target: { unit: '%', stretch: 48.5, indicator: 'D5-03' },
  }),
  sj({
    code: 'SJ2024-R08',
    kind: 'reform',
    title: '国有企业改革深化提升行动',
    dimension: 'D1',
    quote: '深入实施国有企业改革深化提升行动，开展民营企业历史遗留问题大排查',
    lead: 'dept-gzw',
  }),
  sj({
    code: 'SJ2024-R09',
    kind: 'reform',
    title: '“综合查一次”联合执法机制',
    dimension: 'D8',
    quote: '推行“综合查一次”联合执法机制，强力整治营商环境领域突出问题',
    lead: 'dept-scjgj',
  }),
  sj({
    code: 'SJ2024-R10',
    kind: 'reform',
    title: '深化“府院联动”，开展“府检联动”试点',
    dimension: 'D8',
    quote: '深化“府院联动”探索，开展“府检联动”试点',
    lead: 'dept-zfw',
  }),
  sj({
    code: 'SJ2024-R11',
    kind: 'reform',
    title: '先进钒钛钢铁材料和清洁能源人力资源支持综合试点',
    dimension: 'D2',
    quote: '深入实施人才兴攀战略，开展先进钒钛钢铁材料和清洁能源人力资源支持综合试点',
    lead: 'dept-rsj',
    co: ['dept-zzb'],
  }),
  sj({
    code: 'SJ2024-U01',
    kind: 'upward',
    title: '力促大丽攀铁路开工、昭攀铁路和宜西攀铁路纳入国家规划',
    dimension: 'D3',
    quote:
      '力促大丽攀铁路2025年前开工建设、昭攀铁路进入国家铁路“十五五”发展规划重点开工建设类项目清单、宜西攀铁路全段按高铁标准纳入国家《中长期铁路网规划》',
    lead: 'dept-fgw',
    co: ['dept-jtj'],
  }),
  sj({
    code: 'SJ2024-U02',
    kind: 'upward',
    title: '争取省政府支持优化攀枝花学院保障体制',
    dimension: 'D6',
    quote: '整合资源启动规划建设一所高水平高职院校，争取省政府支持优化攀枝花学院保障体制',
    lead: 'dept-jyj',
  }),
  sj({
    code: 'SJ2024-U03',
    kind: 'upward',
    title: '力争落户国家区域医疗中心',
    dimension: 'D6',
    quote: '全面加强紧密型城市医疗集团建设，加快发展“互联网+医疗健康”，力争落户国家区域医疗中心',
    lead: 'dept-wjw',
  }),
  sj({
    code: 'SJ2024-U04',
    kind: 'upward',
    title: '争取纳入生产服务型国家物流枢纽年度建设名单',
    dimension: 'D3',
    quote: '加快攀枝花国际铁路物流港等项目建设，争取纳入生产服务型国家物流枢纽年度建设名单',
    lead: 'dept-fgw',
    co: ['dept-swj'],
  }),
  sj({
    code: 'SJ2024-U05',
    kind: 'upward',
    title: '力促仁和抽水蓄能电站尽快核准开工',
    dimension: 'D2',
    quote: '力促仁和抽水蓄能电站尽快核准开工、红格南矿采选项目年底前开工建设、仁和60万千瓦光伏项目年底部分并网发电',
    lead: 'dept-fgw',
    co: ['renhe'],
    district: 'renhe',
  }),
  sj({
    code: 'SJ2024-P01',
    kind: 'project',
    title: '统筹实施200个以上省市重点项目，完成投资290亿元',
    dimension: 'D2',
    quote: '统筹实施200个以上省市重点项目，新开工80个以上、竣工30个以上……力争全市重点项目完成投资290亿元、增长10%以上',
    lead: 'dept-fgw',
    target: { unit: '亿元', floor: 290, indicator: 'D2-33' },
  }),
  sj({
    code: 'SJ2024-P02',
    kind: 'project',
    title: '红格南矿采选项目年底前开工建设',
    dimension: 'D2',
    quote: '力促仁和抽水蓄能电站尽快核准开工、红格南矿采选项目年底前开工建设、仁和60万千瓦光伏项目年底部分并网发电',
    lead: 'dept-jxj',
    co: ['yanbian'],
    district: 'yanbian',
  }),
  sj({
    code: 'SJ2024-P03',
    kind: 'project',
    title: '仁和60万千瓦光伏项目年底部分并网发电',
    dimension: 'D2',
    quote: '力促仁和抽水蓄能电站尽快核准开工、红格南矿采选项目年底前开工建设、仁和60万千瓦光伏项目年底部分并网发电',
    lead: 'renhe',
    co: ['dept-fgw'],
    district: 'renhe',
  }),
  sj({
    code: 'SJ2024-P04',
    kind: 'project',
    title: '推动银江水电站下闸蓄水',
    dimension: 'D2',
    quote: '统筹发展清洁能源产业，推动银江水电站下闸蓄水，有序推出一批风电光伏开发项目',
    lead: 'dept-fgw',
  }),
  sj({
    code: 'SJ2024-P05',
    kind: 'project',
    title: '建好龙滩路、龙滩箐隧道',
    dimension: 'D3',
    quote: '深入实施“纽扣计划”，建好龙滩路、龙滩箐隧道等重点基础设施',
    lead: 'dept-zjj',
    co: ['dept-jtj'],
  }),
  sj({
    code: 'SJ2024-T01',
    kind: 'task',
    title: '城镇新增就业1.8万人',
    dimension: 'D5',
    quote: '城镇新增就业1.8万人',
    lead: 'dept-rsj',
    target: { unit: '万人', floor: 1.8, indicator: 'D5-06' },
  }),
  sj({
    code: 'SJ2024-T02',
    kind: 'task',
    title: '确保“零就业”家庭动态清零',
    dimension: 'D5',
    quote: '促进青年特别是高校毕业生、退役军人等重点群体高质量充分就业，确保“零就业”家庭动态清零',
    lead: 'dept-rsj',
    co: ['dept-mzj'],
  }),
  sj({
    code: 'SJ2024-T03',
    kind: 'task',
    title: '新（改）建462套（间）保障性租赁住房',
    dimension: 'D6',
    quote: '强化既有房屋建筑C、D级危房整治，新（改）建462套（间）保障性租赁住房',
    lead: 'dept-zjj',
    target: { unit: '套（间）', floor: 462, indicator: 'D6-04' },
  }),
  sj({
    code: 'SJ2024-T04',
    kind: 'task',
    title: '加快推进采煤沉陷区综合治理',
    dimension: 'D3',
    quote: '加快推进采煤沉陷区综合治理',
    lead: 'dept-fgw',
    co: ['xiqu', 'dept-zjj'],
    district: 'xiqu',
  }),
  sj({
    code: 'SJ2024-T05',
    kind: 'task',
    title: '新增5G基站400个以上',
    dimension: 'D2',
    quote: '开展城市基础设施智能化改造和智慧城市建设，新增5G基站400个以上',
    lead: 'dept-jxj',
    target: { unit: '个', floor: 400, indicator: 'D2-24' },
  }),
  sj({
    code: 'SJ2024-T06',
    kind: 'task',
    title: '新（改）建3.2万亩高标准农田，粮食播种面积68万亩、产量26万吨以上',
    dimension: 'D4',
    quote: '新（改）建3.2万亩高标准农田……确保粮食播种面积68万亩、产量26万吨以上',
    lead: 'dept-nyj',
    target: { unit: '万亩（高标准农田）', floor: 3.2, indicator: 'D4-09' },
  }),
  sj({
    code: 'SJ2024-T07',
    kind: 'task',
    title: '环境空气质量优良天数达到97%以上',
    dimension: 'D2',
    quote: '确保环境空气质量优良天数达到97%以上、水环境质量稳居全国全省前列、重点建设用地安全利用率保持100%',
    lead: 'dept-sthjj',
    target: { unit: '%', floor: 97, indicator: 'D2-25' },
  }),
  sj({
    code: 'SJ2024-T08',
    kind: 'task',
    title: '外贸进出口额突破58亿元',
    dimension: 'D3',
    quote: '力争外贸进出口额突破58亿元、增长7%以上',
    lead: 'dept-swj',
    target: { unit: '亿元', stretch: 58, indicator: 'D3-03' },
  }),
  sj({
    code: 'SJ2024-T09',
    kind: 'task',
    title: '国家高新技术企业突破90家，高新技术产业营业收入突破750亿元',
    dimension: 'D2',
    quote:
      '力争瞪羚企业实现“零”的突破、国家高新技术企业突破90家、备案入库国家科技型中小企业突破200户，高新技术产业年营业收入突破750亿元',
    lead: 'dept-kjj',
    target: { unit: '家', stretch: 90, indicator: 'D2-15' },
  }),
  sj({
    code: 'SJ2024-T10',
    kind: 'task',
    title: '完成生态综合治理11.76万亩、水土流失综合治理90平方公里',
    dimension: 'D2',
    quote: '完成生态综合治理11.76万亩以上、水土流失综合治理面积90平方公里',
    lead: 'dept-lyj',
    target: { unit: '万亩', floor: 11.76, indicator: 'D2-27' },
  }),
];

/** Every default item. */
export const listItems: SeedListItem[] = [...xiqu, ...hitech, ...city];

/** The work team of a dimension's items. */
export const DIMENSION_TEAM = (code: string) => `team-${code.toLowerCase()}`;

// ——— generated demo state ———

export interface DemoState {
  status: ItemStatus;
  issuedOn: string | null;
  acknowledgedOn: string | null;
  completionRequestedOn: string | null;
  closedOn: string | null;
  /** Completion day of each milestone (null: not done). */
  milestonesDone: (string | null)[];
  reports: { period: string; percent: number; late: boolean }[];
}

/**
 * Where each item plausibly stands on `today`, generated deterministically from its code so that the demo has every
 * state and colour: items not yet started are drafts; running items were issued a few days after their start,
 * acknowledged two days later, report each month (a few behind schedule, a few with a report missing or a milestone
 * late). Once the deadline has passed, an item's fate is what a real city's would be: most were completed on time
 * and closed (销号); some were completed late, one to four months after the deadline, their last step done then; a
 * few are still open and overdue — the last step not done, progress stuck below 100 % — until, a year late, they too
 * are completed. Nothing past its deadline is shown as done on time when it was not.
 */
export function demoState(item: SeedListItem, today: string): DemoState {
  const r = (k: string) => unit(`${item.code}:${k}`);
  const none: DemoState = {
    status: 'drafted',
    issuedOn: null,
    acknowledgedOn: null,
    completionRequestedOn: null,
    closedOn: null,
    milestonesDone: item.milestones.map(() => null),
    reports: [],
  };
  if (today < item.startDate) return none;
  const issuedOn = addDays(item.startDate, 3 + Math.floor(r('issue') * 5));
  if (today < issuedOn) return none;
  const acknowledgedOn = addDays(issuedOn, 1 + Math.floor(r('ack') * 3));
  if (today < acknowledgedOn) return { ...none, status: 'issued', issuedOn };
  const behind = r('behind') < 0.2;
  const skipsReport = r('skip') < 0.12;
  // The day the lead unit asks for completion: before the deadline for 70 % of items, 20–120 days after it for
  // 18 %, a year after it for the rest (until then they are open and overdue).
  const fate = r('close');
  const lateBy =
    fate < 0.7
      ? -Math.floor(r('done') * 20)
      : fate < 0.88
        ? 20 + Math.floor(r('done') * 100)
        : 365 + Math.floor(r('done') * 90);
  const requestOn = addDays(item.deadline, lateBy);
  const closes = requestOn < today && today > item.deadline;
  const completionRequestedOn = closes ? requestOn : null;
  const closedOn = completionRequestedOn ? addDays(completionRequestedOn, 2 + Math.floor(r('review') * 5)) : null;
  const end = completionRequestedOn ?? today;
  const overdue = !closes && today > item.deadline;
  const finishedLate = completionRequestedOn !== null && completionRequestedOn > item.deadline;
  const last = item.milestones.length - 1;
  const milestonesDone = item.milestones.map((m, i) => {
    if (m.plannedDate >= end && !closes) return null;
    // Overdue: the last step is what is not done.
    if (overdue && i === last) return null;
    if (
      behind &&
      !closes &&
      i === item.milestones.findIndex((x) => x.plannedDate < today && x.plannedDate >= addDays(today, -120))
    )
      return null;
    if (finishedLate && i === last) return completionRequestedOn;
    const done = addDays(m.plannedDate, -Math.floor(r(`m${i}`) * 10));
    return done <= end ? done : end;
  });
  const subject = {
    status: 'inProgress' as const,
    startDate: item.startDate,
    deadline: item.deadline,
    issuedOn,
    milestones: [],
    reports: [],
  };
  const owed = owedReports(subject, end, DEFAULT_LIST_RULES).filter(
    (o) => o.dueDate < end || (closes && o.period <= monthOf(end)),
  );
  // Past the deadline and not done: progress stays where it stuck.
  const stuck = 88 + Math.floor(r('stuck') * 8);
  const reports: DemoState['reports'] = [];
  owed.forEach((o, n) => {
    const final = n === owed.length - 1;
    if (final && skipsReport && !closes) return;
    const elapsed = timeElapsedShare(item.startDate, item.deadline, o.dueDate) * 100;
    const factor = behind && !closes ? 0.6 : 0.95 + r(`p${n}`) * 0.15;
    const cap = closes && final ? 100 : o.dueDate > item.deadline || finishedLate ? stuck : 98;
    const percent = closes && final ? 100 : Math.min(cap, Math.round(elapsed * factor));
    reports.push({ period: o.period, percent, late: r(`late${n}`) < 0.08 });
  });
  const status: ItemStatus =
    closedOn && closedOn <= today
      ? 'closed'
      : completionRequestedOn
        ? 'completionRequested'
        : reports.length > 0
          ? 'inProgress'
          : 'acknowledged';
  return {
    status,
    issuedOn,
    acknowledgedOn,
    completionRequestedOn,
    closedOn: status === 'closed' ? closedOn : null,
    milestonesDone,
    reports,
  };
}
