/**
 * Figures stated in the seed documents, as published values. They are facts shown as such: generated data never
 * overwrites them, and computed indicators (the 2.08 income ratio, the 1.89 regional gap, the 126.6 % completion
 * rate) keep their published figure even though the platform would otherwise compute them.
 *
 * Units follow the indicators (亿元, 万人, 万户, %, 个 …). Period `2023` is the year 2023; the 西区 congress summary
 * (September 2021) states the district's record at the end of 2016–2021, filed under `2021`.
 */
import type { SeedDocId, SeedPublishedValue } from '../seed-types.ts';

function fact(
  indicatorCode: string,
  orgUnitId: string,
  period: string,
  value: number,
  doc: SeedDocId,
  quote: string,
): SeedPublishedValue {
  return { indicatorCode, orgUnitId, period, value, source: { doc, quote } };
}

/** The city's 2023 actuals from the 2024 government work report. */
function city2023(indicatorCode: string, value: number, quote: string): SeedPublishedValue {
  return fact(indicatorCode, 'city', '2023', value, 'cityWorkReport2024', quote);
}

const Q_HEADLINE = '全市实现地区生产总值1303.8亿元，增长6.5%';
const Q_INCOME = '城乡居民人均可支配收入均稳居全省第2，分别增长3.9%、6.9%';
const Q_PROJECTS = '216个省市重点项目完成投资336.1亿元、达年度计划的126.6%';
const Q_TECH = '全市入库科技型中小企业182户、增长8.9%，有效高新技术企业81家、增加5家';
const Q_NEW_FIRMS = '新增规上工业企业51户、省级专精特新企业11户';
const Q_INVESTMENT = '工业投资、技改投资分别增长36.7%、29.6%';
const Q_GRAIN = '粮食播种面积68.7万亩、产量26.1万吨';
const Q_DIBAO = '城乡居民最低生活保障标准分别提高到790元/月、625元/月';
const Q_CARE = '新建社区养老服务综合体4个、普惠性托位300个';
const Q_CASES = '治安、刑事案件分别下降71.8%、34.5%';
const Q_ACCIDENTS = '生产安全事故起数、死亡人数分别持续下降3.1%、3.6%';
const Q_XIQU_CULTURE = '建成基层文化站（点）31个、（农家）书屋26个';

export const publishedValues: SeedPublishedValue[] = [
  // Headline economy, 2023.
  city2023('D2-01', 1303.8, Q_HEADLINE),
  city2023('D2-02', 6.5, Q_HEADLINE),
  city2023('D2-03', 7.8, '规上工业增加值增长7.8%'),
  city2023('D2-04', 6.1, '全社会固定资产投资增长6.1%'),
  city2023('D2-05', 10.5, '社会消费品零售总额增长10.5%'),
  city2023('D2-06', 101.2, '地方一般公共预算收入101.2亿元，增长20.5%'),
  city2023('D2-07', 20.5, '地方一般公共预算收入101.2亿元，增长20.5%'),
  city2023('D2-08', 7.3, '服务业增加值471亿元、增长7.3%'),
  city2023('D2-09', 36.7, Q_INVESTMENT),
  city2023('D2-10', 29.6, Q_INVESTMENT),
  city2023('D2-11', 51, Q_NEW_FIRMS),
  city2023('D2-17', 11, Q_NEW_FIRMS),
  city2023('D2-15', 81, Q_TECH),
  city2023('D2-16', 182, Q_TECH),
  city2023('D2-25', 97.3, '空气质量优良率达97.3%'),
  city2023('D2-26', 100, '建设用地安全利用率达100%'),
  // Projects, 2023.
  city2023('D2-30', 216, Q_PROJECTS),
  city2023('D2-33', 336.1, Q_PROJECTS),
  city2023('D2-35', 126.6, Q_PROJECTS),
  city2023('D2-36', 11300, '包装储备在库项目3276个、总投资额1.13万亿元'),
  // Reform exploration, 2023.
  city2023('D1-02', 20, '建成“零碳村庄”“幸福邻里”“共富农场”等共富基本单元和场景20个'),
  city2023('D1-03', 9, '9个共同富裕实践案例入选国家发展改革委《共同富裕动态》'),
  city2023('D1-04', 1.49, '新增市场主体1.49万户'),
  city2023('D1-05', 10.1, '340家规上工业企业参与评价，亩均税收10.1万元'),
  city2023('D1-06', 97, '“房地一体”宅基地确权登记率达97%'),
  city2023('D1-07', 60.3, '市属国有企业实现营业收入60.3亿元、增长25.2%'),
  // The three gaps, 2023.
  city2023('D3-02', 1.89, '县（区）人均GDP最高与最低的倍差缩小至1.89'),
  city2023('D4-03', 2.08, '城乡居民人均可支配收入之比缩小至2.08'),
  city2023('D5-04', 0, '年收入1万元以下家庭动态“清零”'),
  // Regional coordination, 2023.
  city2023('D3-03', 54.6, '全市贸易伙伴达128个、进出口总额54.6亿元'),
  city2023('D3-04', 362, '引进产业项目新增实际投资362亿元'),
  // Farmers and rural areas, 2023.
  city2023('D4-01', 6.9, Q_INCOME),
  city2023('D4-05', 100, '230个村集体经济收入全部突破5万元'),
  city2023('D4-07', 68.7, Q_GRAIN),
  city2023('D4-08', 26.1, Q_GRAIN),
  city2023('D4-09', 4, '新建高标准农田4万亩'),
  city2023('D4-10', 88.8, '农村供水水质合格率提升6个百分点、达88.8%'),
  city2023('D4-11', 292, '新（改）建农村公路292公里'),
  // Income distribution, 2023.
  city2023('D5-01', 3.9, Q_INCOME),
  city2023('D5-06', 2.06, '城镇新增就业2.06万人'),
  city2023('D5-10', 790, Q_DIBAO),
  city2023('D5-11', 625, Q_DIBAO),
  city2023('D5-12', 94.9, '大中专院校毕业生就业去向落实率94.9%'),
  // Public services, 2023.
  city2023('D6-02', 300, Q_CARE),
  city2023('D6-03', 6, '新（改）建公办幼儿园6所'),
  city2023('D6-04', 754, '新（改）建保障性租赁住房754套'),
  city2023('D6-05', 4, Q_CARE),
  city2023('D6-06', 90, '新建污水管网90公里'),
  city2023('D6-07', 46, '46个城镇老旧小区改造全面开工'),
  city2023('D6-08', 203, '加装既有住宅电梯203部'),
  city2023('D6-09', 28.67, '65项民生实事共投入资金28.67亿元'),
  // Spiritual prosperity, 2023.
  city2023('D7-02', 146, '来攀竞训的国内外专业运动队达146支4691人'),
  // Social governance, 2023.
  city2023('D8-02', -34.5, Q_CASES),
  city2023('D8-03', -71.8, Q_CASES),
  city2023('D8-04', -3.1, Q_ACCIDENTS),
  city2023('D8-05', -3.6, Q_ACCIDENTS),
  city2023('D8-06', 1.78, '全市银行机构不良贷款率降至1.78%'),

  // 西区, from the summary of its 11th party congress (record of 2016–2021).
  fact(
    'D2-15',
    'xiqu',
    '2021',
    3,
    'xiquCongress2021',
    '22家企业完成国家科技型中小企业评价入库，培育国家高新技术企业3家',
  ),
  fact('D7-03', 'xiqu', '2021', 31, 'xiquCongress2021', Q_XIQU_CULTURE),
  fact('D7-04', 'xiqu', '2021', 26, 'xiquCongress2021', Q_XIQU_CULTURE),
];
