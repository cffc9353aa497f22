/**
 * Generated households for the default data (示例数据, issue 8): a sample of the villages and communities of the org
 * tree, every household labelled generated (`generated = 1`, note 示例数据) and dated from the load day. Calibrated
 * to what the seeds say: rural per-capita income around 24,000 yuan and urban around 52,000 (攀枝花 2024 statistical
 * communiqué: urban 53,600, rural 24,300 — rounded), a middle-income share near the 2024 target of 48.5 % over the
 * sample, a handful of households below 10,000 per capita and of zero-employment families, and about one in six
 * incomes known only as the survey's 10,000-yuan bracket.
 *
 * Deterministic (a seeded generator), so every load of the same day gives the same households. Names, ID numbers
 * and phones are generated (valid check digits, birth dates consistent with the ID); they are written in clear with
 * placeholder indexes and sealed — encrypted and indexed — by the household service when the server starts.
 */
import crypto from 'node:crypto';
import { idCheckCharacter } from '../../../domain/households/id-number.ts';
import { assessHousehold, flagCode, type MemberFacts, type Relation } from '../../../domain/households/registry.ts';
import { chinaDate } from '../../../domain/lists/dates.ts';
import type { HouseholdIncomeTable, HouseholdMemberTable, HouseholdTable } from '../../db/household-tables.ts';
import { HouseholdRepository } from '../../modules/households/household.repository.ts';
import type { SeedStep } from '../seed-step.ts';
import { mulberry32 } from '../random.ts';

/** The sample: the seeded villages and communities of 西区 (region code 510403), households per unit. */
const SAMPLE: readonly { id: string; code: string; urban: boolean; township: string; households: number }[] = [
  { id: 'xiqu-geliping-xinzhuang', code: '510403100201', urban: false, township: 'xiqu-geliping', households: 40 },
  { id: 'xiqu-geliping-jinqiao', code: '510403100202', urban: false, township: 'xiqu-geliping', households: 40 },
  { id: 'xiqu-geliping-zhuangshang', code: '510403100203', urban: false, township: 'xiqu-geliping', households: 40 },
  { id: 'xiqu-geliping-community', code: '510403100001', urban: true, township: 'xiqu-geliping', households: 40 },
  {
    id: 'xiqu-qingxiangping-community',
    code: '510403001001',
    urban: true,
    township: 'xiqu-qingxiangping',
    households: 40,
  },
  { id: 'xiqu-hemenkou-community', code: '510403003001', urban: true, township: 'xiqu-hemenkou', households: 40 },
];
const DISTRICT = 'xiqu';
export const GENERATED_NOTE = '示例数据';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = '建国华明丽芳军平秀英志强海燕玉兰红梅桂珍文杰德福春生金凤永兴晓东小龙雪婷家豪宇航';

export interface GeneratedHousehold {
  household: HouseholdTable;
  members: HouseholdMemberTable[];
  income: HouseholdIncomeTable;
}

/** The generated households of the sample, as rows (clear personal values, placeholder indexes). */
export function generateHouseholds(now: Date): GeneratedHousehold[] {
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4)) - 1;
  const stamp = now.toISOString();
  const r = mulberry32(20_241_231);
  const pick = (s: string) => s.charAt(Math.floor(r() * s.length));
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const out: GeneratedHousehold[] = [];
  let serial = 0;
  for (const unit of SAMPLE) {
    for (let n = 1; n <= unit.households; n++) {
      serial++;
      const id = crypto.createHash('sha256').update(`household-${unit.id}-${n}`).digest('hex').slice(0, 32);
      const surname = pick(SURNAMES);
      const size = 1 + Math.min(5, Math.floor(-Math.log(1 - r()) * 2.2));
      const headAge = 28 + Math.floor(r() * 45);
      const people: { relation: Relation; sex: 'male' | 'female'; age: number }[] = [
        { relation: 'head', sex: r() < 0.8 ? 'male' : 'female', age: headAge },
      ];
      if (size >= 2)
        people.push({ relation: 'spouse', sex: people[0]?.sex === 'male' ? 'female' : 'male', age: headAge - 2 });
      while (people.length < size) {
        const parent = people.length === size - 1 && size >= 5 && headAge < 55;
        people.push(
          parent
            ? { relation: 'parent', sex: r() < 0.5 ? 'male' : 'female', age: headAge + 25 + Math.floor(r() * 5) }
            : {
                relation: 'child',
                sex: r() < 0.5 ? 'male' : 'female',
                age: Math.max(1, headAge - 22 - Math.floor(r() * 10)),
              },
        );
      }
      // A few cases the monitoring must find: below 10,000 per capita, a zero-employment family.
      const special = serial % 47 === 5 ? 'below' : serial % 61 === 7 ? 'zeroEmployment' : null;
      const members: HouseholdMemberTable[] = people.map((p, i) => {
        const birthYear = Number(today.slice(0, 4)) - p.age;
        const birth = `${birthYear}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
        const seq = String(Math.floor(r() * 50) * 2 + (p.sex === 'male' ? 1 : 0)).padStart(3, '0');
        const first = `510403${birth}${seq}`;
        const idNumber = first + idCheckCharacter(first);
        const age = p.age;
        const working = age >= 16 && age < (p.sex === 'male' ? 60 : 55);
        const inSchool = age >= 6 && age < 22 && p.relation === 'child';
        const retired = !working && age >= 55;
        const employed =
          working &&
          !inSchool &&
          special !== 'zeroEmployment' &&
          (special !== 'below' || i > 0) &&
          r() < (i === 0 ? 0.97 : 0.88);
        const memberId = crypto.createHash('sha256').update(`member-${id}-${i}`).digest('hex').slice(0, 32);
        return {
          id: memberId,
          household_id: id,
          seq: i + 1,
          name: `${p.relation === 'spouse' ? pick(SURNAMES) : surname}${pick(GIVEN)}${r() < 0.6 ? pick(GIVEN) : ''}`,
          name_index: `pending:${memberId}`,
          id_number: idNumber,
          id_index: `pending:${memberId}`,
          id_tail: idNumber.slice(-4),
          phone: working || retired ? `1${pick('3589')}${String(Math.floor(r() * 1e9)).padStart(9, '0')}` : null,
          phone_index: null,
          relation: p.relation,
          sex: p.sex,
          birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
          in_school: inSchool ? 1 : 0,
          retired: retired ? 1 : 0,
          disability_grade: null,
          seriously_ill: 0,
          able_to_work: working ? 1 : 0,
          willing_to_work: working ? 1 : 0,
          employed: employed ? 1 : 0,
          employed_since: employed ? `${year - Math.floor(r() * 5)}-03-01` : null,
          employer: null,
          removed_at: null,
          removed_reason: null,
        };
      });
      for (const m of members) m.phone_index = m.phone === null ? null : `pending:${m.id}`;
      // Per-capita income: log-normal around the seeds' urban and rural figures.
      const median = unit.urban ? 49_000 : 24_000;
      let perCapita = median * Math.exp(0.55 * normal());
      // The city cleared the bottom in 2023 (动态清零): outside the few open cases, households sit above the line.
      if (special === null && perCapita < 10_800) perCapita = 10_800 + r() * 2_400;
      if (special === 'below') perCapita = 6_000 + r() * 3_500;
      const total = Math.round((perCapita * size) / 100) * 100;
      const bracket = special === null && r() < 0.17;
      const low = Math.floor(total / 10_000) * 10_000;
      const income: HouseholdIncomeTable = {
        id: crypto.createHash('sha256').update(`income-${id}`).digest('hex').slice(0, 32),
        household_id: id,
        year,
        kind: bracket ? 'bracket' : 'exact',
        total: bracket ? null : total,
        wages: bracket ? null : Math.round(total * 0.62),
        business: bracket ? null : Math.round(total * 0.18),
        property: bracket ? null : Math.round(total * 0.04),
        transfers: bracket
          ? null
          : total - Math.round(total * 0.62) - Math.round(total * 0.18) - Math.round(total * 0.04),
        bracket_low: bracket ? low : null,
        bracket_high: bracket ? low + 10_000 : null,
        source: 'survey',
        source_detail: `${year}年家庭收入摸底（${GENERATED_NOTE}）`,
        recorded_on: today,
        recorded_by: null,
        created_at: stamp,
      };
      const facts: MemberFacts[] = members.map((m) => ({
        label: m.relation,
        sex: m.sex,
        birthDate: m.birth_date,
        inSchool: m.in_school === 1,
        retired: m.retired === 1,
        disabilityGrade: null,
        seriouslyIll: false,
        ableToWork: m.able_to_work === 1,
        willingToWork: m.willing_to_work === 1,
        employed: m.employed === 1,
      }));
      const a = assessHousehold(
        facts,
        bracket ? { kind: 'bracket', low, high: low + 10_000 } : { kind: 'exact', total },
        today,
      );
      const head = members[0] as HouseholdMemberTable;
      out.push({
        household: {
          id,
          code: `${unit.code}-${String(n).padStart(4, '0')}`,
          village_id: unit.id,
          township_id: unit.township,
          district_id: DISTRICT,
          urban: unit.urban ? 1 : 0,
          address: `${unit.urban ? `${1 + Math.floor(r() * 12)}栋` : `${1 + Math.floor(r() * 8)}组`}（${GENERATED_NOTE}）`,
          head_name: head.name,
          head_name_index: `pending:${id}`,
          status: 'active',
          size,
          income_year: year,
          income_low: bracket ? low : total,
          income_high: bracket ? low + 10_000 : total,
          income_exact: bracket ? 0 : 1,
          class_bits: a.classBits,
          flag_below10k: flagCode(a.flags.below10k.state),
          flag_zero_employment: flagCode(a.flags.zeroEmployment.state),
          flag_no_labour: flagCode(a.flags.noLabour.state),
          flag_near_line: flagCode(a.flags.nearLine.state),
          assessed_on: today,
          generated: 1,
          note: GENERATED_NOTE,
          created_at: stamp,
          created_by: null,
          updated_at: stamp,
          updated_by: null,
          version: 1,
        },
        members,
        income,
      });
    }
  }
  return out;
}

/** The seed step: writes the generated households through the registry's repository, in the loader's transaction. */
export const loadHouseholds: SeedStep = async (tx, { now }) => {
  const repo = new HouseholdRepository(tx);
  const q = repo.q(tx);
  for (const g of generateHouseholds(now)) {
    await repo.insertHousehold(q, g.household);
    await repo.insertMembers(q, g.members);
    await repo.insertIncome(q, g.income);
  }
};
