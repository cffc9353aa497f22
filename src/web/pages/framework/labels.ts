import type { MsgId } from '../../i18n.ts';
import type { Indicator } from '../../types.ts';

export const DIRECTION_LABELS: Record<Indicator['direction'], MsgId> = {
  higher: 'framework.direction.higher',
  lower: 'framework.direction.lower',
};
export const FREQUENCY_LABELS: Record<Indicator['frequency'], MsgId> = {
  monthly: 'framework.frequency.monthly',
  quarterly: 'framework.frequency.quarterly',
  yearly: 'framework.frequency.yearly',
};
export const VALUE_KIND_LABELS: Record<Indicator['valueKind'], MsgId> = {
  cumulative: 'framework.valueKind.cumulative',
  rate: 'framework.valueKind.rate',
  level: 'framework.valueKind.level',
};
export const SCOPE_LABELS: Record<Indicator['scope'], MsgId> = {
  city: 'framework.scope.city',
  cityAndDistricts: 'framework.scope.cityAndDistricts',
};
export const GAP_LABELS: Record<NonNullable<Indicator['gap']>, MsgId> = {
  regional: 'cockpit.gap.regional',
  urbanRural: 'cockpit.gap.urbanRural',
  income: 'cockpit.gap.income',
};
