/**
 * The major-project ledger (项目为王, DOMAIN.md §2.4), pure: vocabulary, rules, the national project code's shape,
 * stage transitions, lights, the monthly return's checks and the aggregates that feed the framework.
 */
export * from './types.ts';
export * from './rules.ts';
export * from './months.ts';
export * from './code.ts';
export * from './stages.ts';
export * from './lights.ts';
export * from './returns.ts';
export * from './aggregates.ts';
