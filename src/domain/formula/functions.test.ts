import { describe, expect, it } from 'vitest';
import { COVERAGE_RULES, referencesOf, UNIT_SETS } from './ast.ts';
import { check } from './check.ts';
import { evaluateFormula, type FormulaContext } from './evaluate.ts';
import {
  FORMULA_FUNCTION_SPECS,
  FORMULA_FUNCTIONS_BY_NAME,
  periodsOfFormula,
  signatureOf,
  type ArgumentKindName,
  type FormulaFunctionSpec,
} from './functions.ts';
import { parse } from './parser.ts';
import { renderFormula } from './render.ts';

/**
 * The registry checked by generated formulas (a small seeded generator: the project has no property-testing
 * library). Formulas are built from the registry's entries — every function with arguments of its kinds, optional
 * ones sometimes left out — then mutated (wrong kinds, counts, names, codes, broken syntax). Whatever the checker
 * accepts must evaluate without throwing on a complete fact set, reading only periods the loader loads; whatever it
 * refuses must say what and where.
 */

/** mulberry32: a tiny deterministic generator, so that a failure replays with its seed. */
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

const CODES = ['A', 'B', 'GDP', 'D1-01'];
const KNOWN = new Set(CODES);

interface Gen {
  rand: () => number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

function gen(seed: number): Gen {
  const rand = random(seed);
  return {
    rand,
    int: (n) => Math.floor(rand() * n),
    pick: (items) => items[Math.floor(rand() * items.length)] as never,
  };
}

/** One generator per argument kind of the registry: the type makes a new kind need its generator here. */
const ARGUMENT: Record<ArgumentKindName, (g: Gen, depth: number) => string> = {
  reference: (g) => `{${g.pick(CODES)}}`,
  number: (g, depth) => expression(g, depth + 1),
  unitSet: (g) =>
    g.pick([
      () => g.pick(UNIT_SETS),
      () => g.pick(UNIT_SETS).toLowerCase(),
      () => `UNITS(${['u1', 'u2', 'u3'].slice(0, 1 + g.int(3)).join(', ')})`,
      () => 'GROUP(south)',
    ])(),
  coverage: (g) => g.pick([() => g.pick(COVERAGE_RULES), () => String(1 + g.int(4))])(),
  digits: (g) => String(g.int(13) - 6),
};

function call(g: Gen, spec: FormulaFunctionSpec, depth: number): string {
  const args: string[] = [];
  for (const a of spec.args) {
    if (a.optional && g.rand() < 0.5) break;
    args.push(ARGUMENT[a.kind](g, depth));
  }
  const name = g.rand() < 0.2 ? spec.name.toLowerCase() : spec.name;
  return `${name}(${args.join(', ')})`;
}

/** A formula the registry says is valid. */
function expression(g: Gen, depth = 0): string {
  const leaf = depth >= 3 || g.rand() < 0.3;
  if (leaf) {
    return g.pick([
      () => `{${g.pick(CODES)}}`,
      () => String(1 + g.int(99)),
      () => call(g, g.pick(FORMULA_FUNCTION_SPECS), depth),
    ])();
  }
  return g.pick([
    () => `${expression(g, depth + 1)} ${g.pick(['+', '-', '*', '/'])} ${expression(g, depth + 1)}`,
    () => `(${expression(g, depth + 1)})`,
    () => `-${expression(g, depth + 1)}`,
    () => call(g, g.pick(FORMULA_FUNCTION_SPECS), depth),
  ])();
}

/** A formula that is probably wrong in one place. */
function mutated(g: Gen): string {
  const spec = g.pick(FORMULA_FUNCTION_SPECS);
  const good = expression(g);
  const kinds = Object.keys(ARGUMENT) as ArgumentKindName[];
  return g.pick([
    // an argument of another kind, or a bare word
    () => `${spec.name}(${spec.args.map((a) => ARGUMENT[g.rand() < 0.5 ? a.kind : g.pick(kinds)](g, 2)).join(', ')})`,
    // too few or too many arguments
    () => `${spec.name}(${Array.from({ length: g.int(5) }, () => ARGUMENT[g.pick(spec.args).kind](g, 2)).join(', ')})`,
    () => `${spec.name}()`,
    // an unknown function or indicator, a bare name
    () => `${good} + NOPE_${g.int(9)}({A})`,
    () => `${good} * {UNKNOWN_${g.int(9)}}`,
    () => `${good} - ${g.pick(UNIT_SETS)}`,
    // broken syntax: cut short, a stray character, an unclosed brace
    () => good.slice(0, g.int(good.length)),
    () =>
      `${good.slice(0, g.int(good.length))}${g.pick(['#', ')', ',', '{', '}', '..', '(('])}${good.slice(g.int(good.length))}`,
    () => `${good} ${g.pick(['+', '*', '/'])}`,
  ])();
}

/** Every value present (1–9, never zero except where a formula subtracts), every set with members. */
function completeFacts(period: string): FormulaContext {
  return {
    value: (code, unit, p) => 1 + ((code.length * 7 + unit.length * 3 + p.charCodeAt(p.length - 1)) % 9),
    children: () => ['c1', 'c2', 'c3'],
    members: (set) => (set.kind === 'units' ? set.ids : ['m1', 'm2', 'm3', 'm4']),
    orgUnitId: 'city',
    period,
  };
}

const RUNS = 3000;
const PERIODS = ['2024-03', '2024-Q2', '2024', '2024-12'];

describe('the formula function registry', () => {
  it('every generated formula the checker accepts evaluates, reading only periods the loader loads', () => {
    let accepted = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      const g = gen(seed);
      const formula = expression(g);
      const result = check(formula, KNOWN);
      // Built from the registry's own kinds, so the checker must accept it.
      expect(result.ok, `seed ${seed}: ${formula}: ${result.ok ? '' : result.errors[0]?.message.en}`).toBe(true);
      if (!result.ok) continue;
      accepted++;
      const period = g.pick(PERIODS);
      const value = evaluateFormula(result.ast, completeFacts(period));
      // With every fact present the only way to no value is a zero divisor (`{A} - {A}` below a line).
      if (value.value === null) expect(value.reason, `seed ${seed}: ${formula}`).toBe('divisionByZero');
      else expect(Number.isFinite(value.value), `seed ${seed}: ${formula}`).toBe(true);
      const loaded = new Set(periodsOfFormula(result.ast, period));
      for (const input of value.inputs) expect(loaded, `seed ${seed}: ${formula}`).toContain(input.period);
    }
    expect(accepted).toBe(RUNS);
  });

  it('every generated formula the checker refuses names the problem and where it is', () => {
    let refused = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      const g = gen(seed);
      const formula = mutated(g);
      const result = check(formula, KNOWN);
      if (result.ok) {
        // A mutation that happens to be valid still evaluates.
        expect(() => evaluateFormula(result.ast, completeFacts('2024-03')), formula).not.toThrow();
        continue;
      }
      refused++;
      expect(result.errors.length, formula).toBeGreaterThan(0);
      for (const e of result.errors) {
        expect(e.message.zh.length, formula).toBeGreaterThan(0);
        expect(e.position.start, formula).toBeGreaterThanOrEqual(0);
        expect(e.position.end, formula).toBeLessThanOrEqual(formula.length);
        if (e.code === 'emptyFormula') continue;
        // The column the message names is where the problem is (the position's start, or inside it).
        const columns = [...e.message.en.matchAll(/column (\d+)/gi)].map((m) => Number(m[1]) - 1);
        expect(columns.length, `${formula}: ${e.message.en}`).toBeGreaterThan(0);
        expect(/第 \d+ 列/.test(e.message.zh), `${formula}: ${e.message.zh}`).toBe(true);
        expect(
          columns.some((c) => c >= e.position.start && c <= Math.max(e.position.end, e.position.start)),
          `${formula}: ${e.message.en} at ${JSON.stringify(e.position)}`,
        ).toBe(true);
      }
    }
    expect(refused).toBeGreaterThan(RUNS / 2);
  });

  it('each entry describes itself in both languages and reads in words', () => {
    for (const f of FORMULA_FUNCTION_SPECS) {
      expect(f.name).toBe(f.name.toUpperCase());
      expect(FORMULA_FUNCTIONS_BY_NAME.get(f.name)).toBe(f);
      expect(f.description.zh && f.description.en, f.name).toBeTruthy();
      const parsed = parse(f.example);
      expect(parsed.ok && check(f.example, new Set(referencesOf(parsed.ast))).ok, f.example).toBe(true);
      const optional = f.args.findIndex((a) => a.optional);
      if (optional >= 0)
        expect(
          f.args.slice(optional).every((a) => a.optional),
          f.name,
        ).toBe(true);
      expect(renderFormula(f.example, { nameOf: () => 'X', lang: 'zh' })).toContain(f.words.zh);
    }
    expect(signatureOf(FORMULA_FUNCTIONS_BY_NAME.get('MAX') as FormulaFunctionSpec)).toBe('MAX({X}, SET[, RULE])');
  });

  it('the periods each function reads are what the loader loads', () => {
    const parsed = (f: string) => {
      const r = check(f, KNOWN);
      if (!r.ok) throw new Error(f);
      return r.ast;
    };
    expect(periodsOfFormula(parsed('YTD({A})'), '2024-03').sort()).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(periodsOfFormula(parsed('GROWTH({A}) + LAST_YEAR({B})'), '2024-Q2').sort()).toEqual(['2023-Q2', '2024-Q2']);
    expect(periodsOfFormula(parsed('{A} / {B}'), '2024')).toEqual(['2024']);
  });

  it('ROUND(x, n): half away from zero, on the digits as written; missing inputs propagate', () => {
    const round = (f: string, values: Record<string, number> = {}) => {
      const r = check(f, KNOWN);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message.en).join('; '));
      const ctx: FormulaContext = {
        value: (code, unit, p) => values[`${code}|${p}`] ?? null,
        children: () => [],
        orgUnitId: 'city',
        period: '2024',
      };
      return evaluateFormula(r.ast, ctx);
    };
    expect(round('ROUND(2.675, 2)').value).toBe(2.68);
    expect(round('round(-2.5, 0)').value).toBe(-3);
    expect(round('ROUND(1250, -2)').value).toBe(1300);
    expect(round('ROUND(0.0000001, 2)').value).toBe(0);
    // The urban–rural income ratio as the bulletin prints it: 51,000 / 24,500 = 2.0816… → 2.08.
    expect(round('ROUND({A} / {B}, 2)', { 'A|2024': 51000, 'B|2024': 24500 })).toMatchObject({
      value: 2.08,
      inputs: [
        { code: 'A', period: '2024', value: 51000 },
        { code: 'B', period: '2024', value: 24500 },
      ],
    });
    expect(round('ROUND(GROWTH({A}), 1)', { 'A|2024': 107.2, 'A|2023': 100 }).value).toBe(7.2);
    expect(round('ROUND({A}, 1)')).toMatchObject({ value: null, reason: 'missingInput' });
    expect(round('ROUND({A} / 0, 1)', { 'A|2024': 3 })).toMatchObject({ value: null, reason: 'divisionByZero' });

    const refused = (f: string) => {
      const r = check(f, KNOWN);
      return r.ok ? [] : r.errors.map((e) => [e.code, e.position.start, e.message.en]);
    };
    expect(refused('ROUND({A}, 7)')).toEqual([
      [
        'invalidArgument',
        11,
        'ROUND expects a whole number from -6 to 6 (decimal places) second, got a number at column 12',
      ],
    ]);
    expect(refused('ROUND({A}, {B})')[0]?.[0]).toBe('invalidArgument');
    expect(refused('ROUND({A})')[0]?.slice(0, 2)).toEqual(['wrongArity', 0]);
    expect(refused('ROUND(COUNTIES, 2)')[0]?.slice(0, 2)).toEqual(['invalidArgument', 6]);
  });
});
