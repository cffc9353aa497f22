/**
 * Panzhihua's org units: the city, its districts and counties, the high-tech zone, the townships and streets of
 * 西区 with a few of their villages and communities, and the city departments that lead indicators.
 *
 * Codes: the city and the districts/counties carry their GB/T 2260 codes. Codes BELOW county level (9-digit
 * township codes, 12-digit village/community codes) follow the statistical-division pattern (streets 0xx, towns
 * 1xx; communities 0xx, villages 2xx) but NEED VERIFICATION against the civil-affairs register before use in
 * production, as do the names of communities not named in the seeds. The zone and the departments carry codes of
 * our own (no GB/T 2260 code exists for them).
 */
import type { SeedOrgUnit } from '../seed-types.ts';

export const CITY_ID = 'city';

/** The five districts/counties and the zone that report district-level figures, in display order. */
export const DISTRICT_IDS = ['dongqu', 'xiqu', 'renhe', 'miyi', 'yanbian', 'hitech'] as const;
/** The five administrative districts/counties (without the zone): the units of the regional gap. */
export const COUNTY_IDS = ['dongqu', 'xiqu', 'renhe', 'miyi', 'yanbian'] as const;

const regions: SeedOrgUnit[] = [
  {
    id: CITY_ID,
    code: '510400',
    name: '攀枝花市',
    nameEn: 'Panzhihua City',
    kind: 'city',
    parentId: null,
    urban: null,
    sort: 0,
  },
  {
    id: 'dongqu',
    code: '510402',
    name: '东区',
    nameEn: 'Dong District',
    kind: 'district',
    parentId: CITY_ID,
    urban: null,
    sort: 1,
  },
  {
    id: 'xiqu',
    code: '510403',
    name: '西区',
    nameEn: 'Xi District',
    kind: 'district',
    parentId: CITY_ID,
    urban: null,
    sort: 2,
  },
  {
    id: 'renhe',
    code: '510411',
    name: '仁和区',
    nameEn: 'Renhe District',
    kind: 'district',
    parentId: CITY_ID,
    urban: null,
    sort: 3,
  },
  {
    id: 'miyi',
    code: '510421',
    name: '米易县',
    nameEn: 'Miyi County',
    kind: 'county',
    parentId: CITY_ID,
    urban: null,
    sort: 4,
  },
  {
    id: 'yanbian',
    code: '510422',
    name: '盐边县',
    nameEn: 'Yanbian County',
    kind: 'county',
    parentId: CITY_ID,
    urban: null,
    sort: 5,
  },
  {
    id: 'hitech',
    code: 'Z510400-01',
    name: '钒钛高新区',
    nameEn: 'Panzhihua Vanadium-Titanium High-tech Zone',
    kind: 'zone',
    parentId: CITY_ID,
    urban: null,
    sort: 6,
  },
];

/** 西区's five streets and one town. Codes below county level need verification (see the file comment). */
const xiquTownships: SeedOrgUnit[] = [
  {
    id: 'xiqu-qingxiangping',
    code: '510403001',
    name: '清香坪街道',
    nameEn: 'Qingxiangping Subdistrict',
    kind: 'street',
    parentId: 'xiqu',
    urban: true,
    sort: 10,
  },
  {
    id: 'xiqu-dabaoding',
    code: '510403002',
    name: '大宝鼎街道',
    nameEn: 'Dabaoding Subdistrict',
    kind: 'street',
    parentId: 'xiqu',
    urban: true,
    sort: 11,
  },
  {
    id: 'xiqu-hemenkou',
    code: '510403003',
    name: '河门口街道',
    nameEn: 'Hemenkou Subdistrict',
    kind: 'street',
    parentId: 'xiqu',
    urban: true,
    sort: 12,
  },
  {
    id: 'xiqu-taojiadu',
    code: '510403004',
    name: '陶家渡街道',
    nameEn: 'Taojiadu Subdistrict',
    kind: 'street',
    parentId: 'xiqu',
    urban: true,
    sort: 13,
  },
  {
    id: 'xiqu-yuquan',
    code: '510403005',
    name: '玉泉街道',
    nameEn: 'Yuquan Subdistrict',
    kind: 'street',
    parentId: 'xiqu',
    urban: true,
    sort: 14,
  },
  {
    id: 'xiqu-geliping',
    code: '510403100',
    name: '格里坪镇',
    nameEn: 'Geliping Town',
    kind: 'township',
    parentId: 'xiqu',
    urban: false,
    sort: 15,
  },
];

/**
 * A few villages and communities. 新庄村 and 金桥村 are named in 《"共富"策马行——西区全力推进2025年重点工作》
 * ("力争将新庄村、金桥村创建成市级和美村庄"), 庄上 in the 西区 congress summary; the communities are placeholders
 * whose names and codes need verification.
 */
const xiquVillages: SeedOrgUnit[] = [
  {
    id: 'xiqu-geliping-xinzhuang',
    code: '510403100201',
    name: '新庄村',
    nameEn: 'Xinzhuang Village',
    kind: 'village',
    parentId: 'xiqu-geliping',
    urban: false,
    sort: 100,
  },
  {
    id: 'xiqu-geliping-jinqiao',
    code: '510403100202',
    name: '金桥村',
    nameEn: 'Jinqiao Village',
    kind: 'village',
    parentId: 'xiqu-geliping',
    urban: false,
    sort: 101,
  },
  {
    id: 'xiqu-geliping-zhuangshang',
    code: '510403100203',
    name: '庄上村',
    nameEn: 'Zhuangshang Village',
    kind: 'village',
    parentId: 'xiqu-geliping',
    urban: false,
    sort: 102,
  },
  {
    id: 'xiqu-geliping-community',
    code: '510403100001',
    name: '格里坪社区',
    nameEn: 'Geliping Community',
    kind: 'community',
    parentId: 'xiqu-geliping',
    urban: true,
    sort: 103,
  },
  {
    id: 'xiqu-qingxiangping-community',
    code: '510403001001',
    name: '清香坪社区',
    nameEn: 'Qingxiangping Community',
    kind: 'community',
    parentId: 'xiqu-qingxiangping',
    urban: true,
    sort: 104,
  },
  {
    id: 'xiqu-hemenkou-community',
    code: '510403003001',
    name: '河门口社区',
    nameEn: 'Hemenkou Community',
    kind: 'community',
    parentId: 'xiqu-hemenkou',
    urban: true,
    sort: 105,
  },
];

/**
 * 金江镇 is administered by the zone (the zone's action plan is addressed to "金江镇"); code of our own under the
 * zone's code, to be replaced by its GB/T 2260 code once its administrative attachment is verified.
 */
const hitechTownships: SeedOrgUnit[] = [
  {
    id: 'hitech-jinjiang',
    code: 'Z510400-01-101',
    name: '金江镇',
    nameEn: 'Jinjiang Town',
    kind: 'township',
    parentId: 'hitech',
    urban: false,
    sort: 20,
  },
];

/** Shorthand for a city department (kind 'department', under the city). */
function dept(id: string, code: string, name: string, nameEn: string, sort: number): SeedOrgUnit {
  return { id, code, name, nameEn, kind: 'department', parentId: CITY_ID, urban: null, sort };
}

/**
 * Lead departments (牵头单位). 共富办 is the coordination centre: the pilot-plan news report places the
 * co-ordination work in "攀枝花市发改委社会建设事务中心".
 */
const departments: SeedOrgUnit[] = [
  dept(
    'dept-gfb',
    'DEPT-GFB',
    '市共同富裕试验区建设工作推进办公室（共富办）',
    'Common Prosperity Pilot Zone Office (coordination centre, at the DRC Social Development Affairs Centre)',
    200,
  ),
  dept('dept-fgw', 'DEPT-FGW', '市发展和改革委员会（市发改委）', 'Municipal Development and Reform Commission', 201),
  dept(
    'dept-jxj',
    'DEPT-JXJ',
    '市经济和信息化局（市经信局）',
    'Municipal Bureau of Economy and Information Technology',
    202,
  ),
  dept(
    'dept-rsj',
    'DEPT-RSJ',
    '市人力资源和社会保障局（市人社局）',
    'Municipal Human Resources and Social Security Bureau',
    203,
  ),
  dept('dept-mzj', 'DEPT-MZJ', '市民政局', 'Municipal Civil Affairs Bureau', 204),
  dept('dept-tjj', 'DEPT-TJJ', '市统计局', 'Municipal Statistics Bureau', 205),
  dept('dept-nyj', 'DEPT-NYJ', '市农业农村局', 'Municipal Agriculture and Rural Affairs Bureau', 206),
  dept('dept-czj', 'DEPT-CZJ', '市财政局', 'Municipal Finance Bureau', 207),
  dept('dept-jyj', 'DEPT-JYJ', '市教育和体育局（市教体局）', 'Municipal Education and Sports Bureau', 208),
  dept('dept-wjw', 'DEPT-WJW', '市卫生健康委员会（市卫健委）', 'Municipal Health Commission', 209),
  dept(
    'dept-zjj',
    'DEPT-ZJJ',
    '市住房和城乡建设局（市住建局）',
    'Municipal Housing and Urban-Rural Development Bureau',
    210,
  ),
  dept('dept-sthjj', 'DEPT-STHJJ', '市生态环境局', 'Municipal Ecology and Environment Bureau', 211),
  dept('dept-swj', 'DEPT-SWJ', '市商务局', 'Municipal Commerce Bureau', 212),
  dept('dept-kjj', 'DEPT-KJJ', '市科学技术局（市科技局）', 'Municipal Science and Technology Bureau', 213),
  dept(
    'dept-wglj',
    'DEPT-WGLJ',
    '市文化广播电视和旅游局（市文广旅局）',
    'Municipal Culture, Radio, Television and Tourism Bureau',
    214,
  ),
  dept('dept-zrzyj', 'DEPT-ZRZYJ', '市自然资源和规划局', 'Municipal Natural Resources and Planning Bureau', 215),
  dept('dept-gaj', 'DEPT-GAJ', '市公安局', 'Municipal Public Security Bureau', 216),
  dept('dept-ybj', 'DEPT-YBJ', '市医疗保障局（市医保局）', 'Municipal Healthcare Security Bureau', 217),
  dept(
    'dept-zfw',
    'DEPT-ZFW',
    '市委政法委员会（市委政法委）',
    'Political and Legal Affairs Commission of the CPC Municipal Committee',
    218,
  ),
  dept('dept-xcb', 'DEPT-XCB', '市委宣传部', 'Publicity Department of the CPC Municipal Committee', 219),
  dept(
    'dept-zzb',
    'DEPT-ZZB',
    '市委组织部（市委人才办）',
    'Organisation Department of the CPC Municipal Committee (Talent Office)',
    220,
  ),
  dept('dept-scjgj', 'DEPT-SCJGJ', '市市场监督管理局', 'Municipal Administration for Market Regulation', 221),
  dept(
    'dept-gzw',
    'DEPT-GZW',
    '市国有资产监督管理委员会（市国资委）',
    'Municipal State-owned Assets Supervision and Administration Commission',
    222,
  ),
  dept('dept-yjj', 'DEPT-YJJ', '市应急管理局', 'Municipal Emergency Management Bureau', 223),
  dept('dept-slj', 'DEPT-SLJ', '市水利局', 'Municipal Water Resources Bureau', 224),
  dept('dept-jtj', 'DEPT-JTJ', '市交通运输局', 'Municipal Transport Bureau', 225),
  dept('dept-lyj', 'DEPT-LYJ', '市林业局', 'Municipal Forestry Bureau', 226),
  dept('dept-tcj', 'DEPT-TCJ', '市投资促进局', 'Municipal Investment Promotion Bureau', 227),
  dept('dept-jrj', 'DEPT-JRJ', '市地方金融管理局', 'Municipal Local Financial Administration', 228),
];

export const orgUnits: SeedOrgUnit[] = [
  ...regions,
  ...xiquTownships,
  ...xiquVillages,
  ...hitechTownships,
  ...departments,
];
