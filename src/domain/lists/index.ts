/**
 * The four lists with responsibility (四张清单 + 责任制, DOMAIN.md §2.3), pure: vocabulary, calendar days, the
 * configurable rules, the warning rules, the workflow state machine and the unit record.
 */
export * from './types.ts';
export * from './dates.ts';
export * from './rules.ts';
export * from './warnings.ts';
export * from './workflow.ts';
export * from './record.ts';
