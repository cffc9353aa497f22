/**
 * A generated population for the whole city (示例数据, issue 8: "one CLI command generates the whole city, about
 * 450,000 households and 1.2 million people, for benchmarks and demos"). Every household, and every township and
 * village it adds to the org tree, is labelled generated.
 *
 * Calibrated to the same assumptions as the districts' generated indicator values (profiles.ts): households per
 * district in proportion to its residents, its urban share by its urbanisation rate, per-capita incomes log-normal
 * around its 2024 urban (D5-02) and rural (D4-02) levels — so the city's figures are its districts' weighted means,
 * as the indicators' are. Sizes average 2.7 persons (1.2 million people in 450,000 households). Incomes of one
 * household in six are known only by their 10,000-yuan bracket; about 0.4 % of households fall below 10,000 yuan
 * per capita and about 0.5 % are zero-employment families (the open cases being cleared).
 *
 * Deterministic (a seeded generator): the same count gives the same city.
 */
import { idCheckCharacter } from '../../domain/households/id-number.ts';
import { assessHousehold, flagCode, type MemberFacts, type Relation } from '../../domain/households/registry.ts';
import { RELATION_LABELS, SOURCE_LABELS, SURVEY_COLUMNS, type SurveyKey } from '../../domain/households/survey.ts';
import type { OrgIndex } from '../access/org-index.ts';
import type { OrgUnitTable } from '../db/schema.ts';
import { districtProfiles } from './panzhihua/profiles.ts';
import { mulberry32 } from './random.ts';

export const GENERATED_LABEL = '示例数据';

/** The districts' 2024 per-capita disposable incomes (profiles.ts: D5-02 urban, D4-02 rural), yuan. */
const LEVELS: Readonly<Record<string, { urban: number; rural: number; region: string }>> = {
  dongqu: { urban: 60_630, rural: 28_570, region: '510402' },
  xiqu: { urban: 53_830, rural: 28_440, region: '510403' },
  renhe: { urban: 54_400, rural: 27_760, region: '510411' },
  miyi: { urban: 51_000, rural: 28_070, region: '510421' },
  yanbian: { urban: 52_130, rural: 25_480, region: '510422' },
  // The zone was carved out of 仁和区: its residents' ID numbers carry 仁和's region code.
  hitech: { urban: 58_370, rural: 31_150, region: '510411' },
};
/**
 * Dispersion of log per-capita income; the mean of a log-normal is its median × e^(σ²/2). 0.8 puts the city's
 * middle-income share (per capita 33,333–166,667 yuan) near the 2024 target of 48.5 % with the districts' mean
 * incomes and urbanisation as they are (0.5 would give about 62 %).
 */
const SIGMA = 0.8;
const HOUSEHOLDS_PER_VILLAGE = 600;
const VILLAGES_PER_TOWNSHIP = 12;

export interface CityVillage {
  id: string;
  code: string;
  urban: boolean;
  townshipId: string;
  districtId: string;
  households: number;
}

export interface CityPlan {
  units: OrgUnitTable[];
  villages: CityVillage[];
  /** Per district: households, and the urban and rural mean per-capita incomes aimed at. */
  districts: { id: string; households: number; urbanShare: number; urbanMean: number; ruralMean: number }[];
}

/**
 * The generated townships and villages of each district and how many households each holds. `district` maps a
 * district id to its org unit (id, code, path) as the tree has it.
 */
export function planCity(
  count: number,
  districts: ReadonlyMap<string, { id: string; code: string; path: string }>,
): CityPlan {
  const ids = Object.keys(districtProfiles).filter((d) => districts.has(d));
  const population = ids.reduce((s, d) => s + (districtProfiles[d]?.population ?? 0), 0);
  const units: OrgUnitTable[] = [];
  const villages: CityVillage[] = [];
  const plan: CityPlan['districts'] = [];
  let given = 0;
  ids.forEach((d, di) => {
    const p = districtProfiles[d] as (typeof districtProfiles)[string];
    const node = districts.get(d) as { id: string; code: string; path: string };
    const households = di === ids.length - 1 ? count - given : Math.round((count * p.population) / population);
    given += households;
    const urbanShare = p.urbanisation / 100;
    const level = LEVELS[d] as (typeof LEVELS)[string];
    plan.push({ id: d, households, urbanShare, urbanMean: level.urban, ruralMean: level.rural });
    const villageCount = Math.max(2, Math.ceil(households / HOUSEHOLDS_PER_VILLAGE));
    const urbanVillages = Math.max(1, Math.round(villageCount * urbanShare));
    const townships = Math.ceil(villageCount / VILLAGES_PER_TOWNSHIP);
    const digits = node.code.replace(/\D/g, '').slice(0, 6).padEnd(6, '0');
    let placed = 0;
    for (let t = 0; t < townships; t++) {
      const tid = `gen-${d}-t${t + 1}`;
      const tcode = `${digits}9${String(t + 1).padStart(2, '0')}`;
      const tpath = `${node.path}${tid}/`;
      units.push({
        id: tid,
        parent_id: node.id,
        code: tcode,
        name: `示例乡镇${t + 1}（${GENERATED_LABEL}）`,
        name_en: `Generated township ${t + 1}`,
        kind: 'township',
        urban: null,
        sort: 900 + t,
        path: tpath,
      });
      for (let v = 0; v < VILLAGES_PER_TOWNSHIP && placed < villageCount; v++, placed++) {
        const urban = placed < urbanVillages;
        const vid = `${tid}-v${v + 1}`;
        const vcode = `${tcode}${String(v + 1).padStart(3, '0')}`;
        units.push({
          id: vid,
          parent_id: tid,
          code: vcode,
          name: `示例${urban ? '社区' : '村'}${t + 1}-${v + 1}（${GENERATED_LABEL}）`,
          name_en: `Generated ${urban ? 'community' : 'village'} ${t + 1}-${v + 1}`,
          kind: urban ? 'community' : 'village',
          urban: urban ? 1 : 0,
          sort: v,
          path: `${tpath}${vid}/`,
        });
        villages.push({ id: vid, code: vcode, urban, townshipId: tid, districtId: d, households: 0 });
      }
    }
    // Households: urban ones over the communities, rural ones over the villages, evenly.
    const mine = villages.filter((v) => v.districtId === d);
    const urbanUnits = mine.filter((v) => v.urban);
    const ruralUnits = mine.filter((v) => !v.urban);
    const urbanHouseholds = ruralUnits.length === 0 ? households : Math.round(households * urbanShare);
    const spread = (list: CityVillage[], n: number) =>
      list.forEach((v, i) => (v.households = Math.floor(n / list.length) + (i < n % list.length ? 1 : 0)));
    spread(urbanUnits, urbanHouseholds);
    spread(ruralUnits, households - urbanHouseholds);
  });
  return { units, villages, districts: plan };
}

/** One generated household in clear, as the survey file writes it: members with their facts and the income. */
export interface CityHousehold {
  key: string;
  village: CityVillage;
  address: string;
  members: {
    name: string;
    idNumber: string;
    relation: Relation;
    sex: 'male' | 'female';
    birthDate: string;
    phone: string | null;
    inSchool: boolean;
    retired: boolean;
    ableToWork: boolean;
    willingToWork: boolean;
    employed: boolean;
    employedSince: string | null;
  }[];
  income: { year: number; exact: boolean; total: number; low: number; high: number };
  flags: { below10k: number; zeroEmployment: number; noLabour: number; nearLine: number };
  classBits: number;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '建国华明丽芳军平秀英志强海燕玉兰红梅桂珍文杰德福春生金凤永兴晓东小龙雪婷家豪宇航子涵欣怡浩然梓轩思远嘉琪';

/**
 * The households of the plan, one at a time (a million never sit in memory together). `today` dates the survey
 * (incomes of the year before). ID numbers are valid and unique (the sequence digits number the people of a birth
 * date and region); names, phones and addresses are generated.
 */
export function* cityHouseholds(plan: CityPlan, today: string): Generator<CityHousehold> {
  const r = mulberry32(450_000);
  const year = Number(today.slice(0, 4)) - 1;
  const pick = (s: string) => s.charAt(Math.floor(r() * s.length));
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const used = new Map<string, number>();
  const means = new Map(plan.districts.map((d) => [d.id, d]));
  let serial = 0;
  for (const v of plan.villages) {
    const d = means.get(v.districtId) as CityPlan['districts'][number];
    const region = (LEVELS[v.districtId] as (typeof LEVELS)[string]).region;
    const median = (v.urban ? d.urbanMean : d.ruralMean) / Math.exp((SIGMA * SIGMA) / 2);
    for (let n = 1; n <= v.households; n++) {
      serial++;
      const size = Math.min(6, 1 + Math.floor(-Math.log(1 - r()) * 1.7));
      const headAge = 25 + Math.floor(r() * 50);
      const people: { relation: Relation; sex: 'male' | 'female'; age: number }[] = [
        { relation: 'head', sex: r() < 0.75 ? 'male' : 'female', age: headAge },
      ];
      if (size >= 2)
        people.push({ relation: 'spouse', sex: people[0]?.sex === 'male' ? 'female' : 'male', age: headAge - 2 });
      while (people.length < size) {
        const parent = people.length === size - 1 && size >= 5 && headAge < 55;
        people.push(
          parent
            ? { relation: 'parent', sex: r() < 0.5 ? 'male' : 'female', age: Math.min(95, headAge + 26) }
            : {
                relation: 'child',
                sex: r() < 0.5 ? 'male' : 'female',
                age: Math.max(1, headAge - 22 - Math.floor(r() * 10)),
              },
        );
      }
      const special = serial % 250 === 17 ? 'below' : serial % 200 === 11 ? 'zeroEmployment' : null;
      const surname = pick(SURNAMES);
      const members: CityHousehold['members'] = people.map((p, i) => {
        const birthYear = Number(today.slice(0, 4)) - p.age;
        const birth = `${birthYear}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
        const key = `${region}${birth}${p.sex}`;
        const k = used.get(key) ?? 0;
        used.set(key, k + 1);
        // 400 people per region, birth date and sex: the sequence's digits from 200 up (the default data's
        // households use 000–099), parity giving the sex.
        const seq = String(200 + (k % 400) * 2 + (p.sex === 'male' ? 1 : 0));
        const first = `${region}${birth}${seq}`;
        const working = p.age >= 16 && p.age < (p.sex === 'male' ? 60 : 55);
        const inSchool = p.age >= 6 && p.age < 22 && p.relation === 'child';
        const retired = !working && p.age >= 55;
        const employed =
          working &&
          !inSchool &&
          special !== 'zeroEmployment' &&
          (special !== 'below' || i > 0) &&
          r() < (i === 0 ? 0.96 : 0.86);
        return {
          name: `${p.relation === 'spouse' ? pick(SURNAMES) : surname}${pick(GIVEN)}${r() < 0.6 ? pick(GIVEN) : ''}`,
          idNumber: first + idCheckCharacter(first),
          relation: p.relation,
          sex: p.sex,
          birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
          phone: working || retired ? `1${pick('3589')}${String(Math.floor(r() * 1e9)).padStart(9, '0')}` : null,
          inSchool,
          retired,
          ableToWork: working,
          willingToWork: working,
          employed,
          employedSince: employed ? `${year - Math.floor(r() * 8)}-03-01` : null,
        };
      });
      let perCapita = median * Math.exp(SIGMA * normal());
      if (special === null && perCapita < 10_800) perCapita = 10_800 + r() * 2_400;
      if (special === 'below') perCapita = 5_500 + r() * 4_000;
      const total = Math.round((perCapita * size) / 100) * 100;
      const exact = special !== null || r() >= 1 / 6;
      const low = Math.floor(total / 10_000) * 10_000;
      const facts: MemberFacts[] = members.map((m) => ({
        label: m.relation,
        sex: m.sex,
        birthDate: m.birthDate,
        inSchool: m.inSchool,
        retired: m.retired,
        disabilityGrade: null,
        seriouslyIll: false,
        ableToWork: m.ableToWork,
        willingToWork: m.willingToWork,
        employed: m.employed,
      }));
      const a = assessHousehold(
        facts,
        exact ? { kind: 'exact', total } : { kind: 'bracket', low, high: low + 10_000 },
        today,
      );
      yield {
        key: `G${serial}`,
        village: v,
        address: `${v.urban ? `${1 + Math.floor(r() * 30)}栋` : `${1 + Math.floor(r() * 12)}组`}（${GENERATED_LABEL}）`,
        members,
        income: { year, exact, total, low: exact ? total : low, high: exact ? total : low + 10_000 },
        flags: {
          below10k: flagCode(a.flags.below10k.state),
          zeroEmployment: flagCode(a.flags.zeroEmployment.state),
          noLabour: flagCode(a.flags.noLabour.state),
          nearLine: flagCode(a.flags.nearLine.state),
        },
        classBits: a.classBits,
      };
    }
  }
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The household as rows of the survey template (one per member; the income on the head's row), CSV-quoted. */
export function surveyCsvRows(h: CityHousehold, recordedOn: string): string {
  const yn = (b: boolean) => (b ? '是' : '否');
  let out = '';
  h.members.forEach((m, i) => {
    const v: Partial<Record<SurveyKey, string>> = {
      householdKey: h.key,
      villageCode: h.village.code,
      address: h.address,
      name: m.name,
      idNumber: m.idNumber,
      relation: RELATION_LABELS[m.relation],
      phone: m.phone ?? '',
      inSchool: yn(m.inSchool),
      retired: yn(m.retired),
      seriouslyIll: '否',
      ableToWork: yn(m.ableToWork),
      willingToWork: yn(m.willingToWork),
      employed: yn(m.employed),
      employedSince: m.employedSince ?? '',
    };
    if (i === 0) {
      v.incomeYear = String(h.income.year);
      if (h.income.exact) v.incomeTotal = String(h.income.total);
      else {
        v.bracketLow = String(h.income.low);
        v.bracketHigh = String(h.income.high);
      }
      v.incomeSource = SOURCE_LABELS.survey;
      v.recordedOn = recordedOn;
    }
    out += SURVEY_COLUMNS.map((c) => csvCell(v[c.key] ?? '')).join(',') + '\n';
  });
  return out;
}

/** The header line of the survey CSV. */
export function surveyCsvHeader(): string {
  return SURVEY_COLUMNS.map((c) => c.zh).join(',') + '\n';
}

/**
 * Adds the generated townships and villages of a city of `count` households to the org tree (once: units already
 * there are kept) and answers the plan. The districts are the tree's county-level units.
 */
export async function addCityUnits(
  ctx: {
    org(): OrgIndex;
    orgRepo: { addUnits(rows: OrgUnitTable[]): Promise<void> };
    reloadOrg(): Promise<void>;
  },
  count: number,
): Promise<CityPlan> {
  const org = ctx.org();
  const districts = new Map<string, { id: string; code: string; path: string }>();
  for (const id of Object.keys(districtProfiles)) {
    const node = org.get(id);
    if (node) districts.set(id, { id, code: node.code, path: `/${[...org.lineage(id)].reverse().join('/')}/` });
  }
  if (districts.size === 0) throw new Error('The org tree has no districts: load the default data first (serve once).');
  const plan = planCity(count, districts);
  const fresh = plan.units.filter((u) => org.get(u.id) === undefined);
  if (fresh.length > 0) await ctx.orgRepo.addUnits(fresh);
  await ctx.reloadOrg();
  return plan;
}
