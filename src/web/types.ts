/**
 * The API's response and request types, inferred from the shared zod schemas (the contract). Type-only: nothing
 * from zod reaches the browser bundle.
 */
import type { z } from 'zod';
import type { Me, SessionResponse } from '../shared/api/auth.ts';
import type { CockpitCard, CockpitResponse } from '../shared/api/cockpit.ts';
import type { roleSchema } from '../shared/api/common.ts';
import type {
  Explanation,
  MatrixCell,
  MatrixResponse,
  RankingRow,
  thresholdsSchema,
} from '../shared/api/evaluation.ts';
import type {
  BaselineRow,
  Dimension,
  FrameworkDetail,
  FrameworkSummary,
  Indicator,
  IndicatorInput,
  TargetRow,
  formulaCheckResponseSchema,
} from '../shared/api/frameworks.ts';
import type { OrgUnit, WorkTeam } from '../shared/api/org.ts';
import type { historyEntrySchema, seriesPointSchema, Value } from '../shared/api/values.ts';

export type {
  BaselineRow,
  CockpitCard,
  CockpitResponse,
  Dimension,
  Explanation,
  FrameworkDetail,
  FrameworkSummary,
  Indicator,
  IndicatorInput,
  MatrixCell,
  MatrixResponse,
  Me,
  OrgUnit,
  RankingRow,
  SessionResponse,
  TargetRow,
  Value,
  WorkTeam,
};

export type Role = z.infer<typeof roleSchema>;
export type Colour = MatrixCell['colour'];
export type EvaluationStatus = MatrixCell['status'];
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type FormulaCheckResponse = z.infer<typeof formulaCheckResponseSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type SeriesPoint = z.infer<typeof seriesPointSchema>;
export type RedListItem = CockpitResponse['redList'][number];
export type CockpitDistrict = CockpitResponse['districts'][number];
export type CockpitTrend = CockpitResponse['trends'][number];
export type TargetBrief = NonNullable<CockpitCard['target']>;
