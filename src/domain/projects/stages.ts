/**
 * Stage transitions: forwards freely (a project may skip a stage — a filed project can start without a separate
 * 前期 entry), never backwards unless an adjustment (调整) has been approved; each stage reached carries its date,
 * and dates never run backwards along the stages.
 */
import type { LocalizedText } from '../text.ts';
import { PROJECT_STAGES, PROJECT_STAGE_NAMES, type ProjectStage } from './types.ts';

export function stageIndex(stage: ProjectStage): number {
  return PROJECT_STAGES.indexOf(stage);
}

export interface StageMove {
  from: ProjectStage;
  to: ProjectStage;
  /** The day the new stage was reached. */
  on: string;
  /** The day the current stage was reached (null for a project created in it without a date). */
  currentSince: string | null;
  /** Whether an adjustment allowing a backward move has been approved. */
  adjustmentApproved: boolean;
  today: string;
}

/**
 * Whether a stage move is allowed; the reason in words when not.
 *
 * @example checkStageMove({ from: 'newlyStarted', to: 'preparation', adjustmentApproved: false, … })
 * // → { zh: '项目阶段不能从「新开工」退回「前期」，除非调整已获批准', … }
 */
export function checkStageMove(move: StageMove): LocalizedText | null {
  const from = PROJECT_STAGE_NAMES[move.from];
  const to = PROJECT_STAGE_NAMES[move.to];
  if (move.from === move.to) {
    return { zh: `项目已处于「${to.zh}」阶段`, en: `the project is already at the stage "${to.en}"` };
  }
  if (stageIndex(move.to) < stageIndex(move.from) && !move.adjustmentApproved) {
    return {
      zh: `项目阶段不能从「${from.zh}」退回「${to.zh}」，除非调整已获批准`,
      en: `a project cannot move back from "${from.en}" to "${to.en}" without an approved adjustment`,
    };
  }
  if (move.on > move.today) {
    return { zh: `进入「${to.zh}」的日期不能晚于今天`, en: `the day "${to.en}" was reached cannot be in the future` };
  }
  if (stageIndex(move.to) > stageIndex(move.from) && move.currentSince !== null && move.on < move.currentSince) {
    return {
      zh: `进入「${to.zh}」的日期不能早于进入「${from.zh}」的日期 ${move.currentSince}`,
      en: `the day "${to.en}" was reached cannot precede the day "${from.en}" was reached (${move.currentSince})`,
    };
  }
  return null;
}

/** Whether a project counts as started (the main works began: 新开工 and every stage after). */
export function hasStarted(stage: ProjectStage): boolean {
  return stageIndex(stage) >= stageIndex('newlyStarted');
}

/** Whether a project counts as completed (竣工 or 投产). */
export function hasCompleted(stage: ProjectStage): boolean {
  return stageIndex(stage) >= stageIndex('completed');
}
