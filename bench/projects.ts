/**
 * Project ledger benchmark (issue 9): a province-sized ledger held in memory — N projects (default 10,000) over 21
 * districts, five years of monthly returns (≈ 600,000 for N = 10,000) — and the two computations every ledger read
 * repeats: the lights of every project (the filtered table), and the aggregates per district and for the province
 * (what the framework's feed and the cockpit read). Run: `node bench/projects.ts [projects]`.
 *
 * What this measures is the pure domain over rows already loaded (src/domain/projects); the queries that load the
 * rows, the HTTP layer and concurrency are not in it.
 */
import os from 'node:os';
import { aggregateLedger, type AggregateProject } from '../src/domain/projects/aggregates.ts';
import { projectLights, type LightSubject } from '../src/domain/projects/lights.ts';
import { DEFAULT_PROJECT_RULES } from '../src/domain/projects/rules.ts';
import { PROJECT_STAGES } from '../src/domain/projects/types.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const rand = rng(9);
const years = [2021, 2022, 2023, 2024, 2025];
const today = '2025-12-15';
const subjects: LightSubject[] = [];
const projects: AggregateProject[] = [];
const planned = new Map<string, number>();
const ytd = new Map<string, number>();
let returnsCount = 0;
for (let i = 0; i < n; i++) {
  const stage = PROJECT_STAGES[Math.floor(rand() * PROJECT_STAGES.length)]!;
  const started = stage !== 'reserve' && stage !== 'preparation';
  const startYear = years[Math.floor(rand() * 4)]!;
  const returns = [];
  let y = 0;
  if (started) {
    for (const year of years.filter((x) => x >= startYear)) {
      y = 0;
      for (let m = 1; m <= 12; m++) {
        y += 100 + rand() * 500;
        returns.push({ month: `${year}-${String(m).padStart(2, '0')}`, status: 'approved' as const, ytd: y });
      }
    }
  }
  returnsCount += returns.length;
  const plan = 3_000 + rand() * 6_000;
  subjects.push({
    stage,
    plannedStart: `${startYear}-03-01`,
    actualStart: started ? `${startYear}-03-01` : null,
    plannedCompletion: '2026-12-31',
    actualCompletion: stage === 'completed' || stage === 'inProduction' ? '2025-10-01' : null,
    plans: [{ year: 2025, planned: plan, profile: null, startMonth: null, completionMonth: null }],
    returns,
  });
  const id = `p${i}`;
  projects.push({
    id,
    unitId: `d${i % 21}`,
    level: rand() < 0.3 ? 'provincial' : 'city',
    chain: `c${i % 9}`,
    stage,
    totalInvestment: 50_000 + rand() * 100_000,
    actualStart: started ? `${startYear}-03-01` : null,
    actualCompletion: null,
  });
  planned.set(id, plan);
  ytd.set(id, y);
}

function time(label: string, runs: number, fn: () => unknown) {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  console.log(`${label}: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms (${runs} runs)`);
}

console.log(`${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}`);
console.log(`${n} projects, ${returnsCount} monthly returns`);
time('lights of every project', 20, () => {
  for (const s of subjects) projectLights(s, today, DEFAULT_PROJECT_RULES, { ledgerStart: '2025-01' });
});
time('aggregates (21 districts + province)', 50, () =>
  aggregateLedger('province', { month: '2025-11', projects, planned, ytd }),
);

if (process.argv.includes('--http')) {
  const { benchLedgerHttp } = await import('./projects-http.ts');
  console.log(JSON.stringify(await benchLedgerHttp(n), null, 2));
}
