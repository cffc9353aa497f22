/**
 * Pieces shared by the household monitoring pages (issue 8): the flag, class and case-status tags, income in the
 * survey's 10,000-yuan steps, the verification steps of a case, and the reason asked before a named view.
 */
import { App, Form, Grid, Input, Modal, Steps, Tag, Tooltip } from 'antd';
import { useCallback, useState } from 'react';
import { useOrgUnits } from '../../hooks/useReference.ts';
import {
  CASE_STATUS_NAMES,
  CASE_STEP_NAMES,
  LIVE_CASE_STATUSES,
  type CaseStatus,
  type CaseStep,
} from '../../../domain/households/cases.ts';
import { FLAG_NAMES, INCOME_CLASS_NAMES } from '../../../domain/households/registry.ts';
import type { StatFlag } from '../../../domain/households/statistics.ts';
import type { IncomeClass } from '../../../domain/inequality.ts';
import type { HouseholdRow } from '../../../shared/api/households.ts';
import { toApiError } from '../../api.ts';
import { apiErrorText } from '../../apiErrors.ts';
import { useI18n, type Lang, type MsgId } from '../../i18n.ts';
import type { Role } from '../../types.ts';

export const HOUSEHOLD_ROLES: readonly Role[] = ['villageCadre', 'townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'];
export const CASE_ACTORS = HOUSEHOLD_ROLES;
export const DATA_MATCH_ROLES: readonly Role[] = ['townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'];

const FLAG_ORDER: readonly StatFlag[] = ['below10k', 'zeroEmployment', 'noLabour', 'nearLine'];
const FLAG_COLOR: Record<StatFlag, string> = {
  below10k: 'red',
  zeroEmployment: 'volcano',
  noLabour: 'purple',
  nearLine: 'gold',
};

/** The flags that hold (yes) or may hold (possibly) on a household, each as a tag; "possibly" is dashed. */
export function FlagTags({
  flags,
  explain,
}: {
  flags: Partial<Record<StatFlag, 'yes' | 'possibly' | 'no'>>;
  explain?: Partial<Record<StatFlag, string>>;
}) {
  const { lang, t } = useI18n();
  const shown = FLAG_ORDER.filter((f) => flags[f] === 'yes' || flags[f] === 'possibly');
  if (shown.length === 0) return <span className="hh-muted">{t('hh.noFlag')}</span>;
  return (
    <span className="hh-tags">
      {shown.map((f) => {
        const possibly = flags[f] === 'possibly';
        const tag = (
          <Tag
            key={f}
            color={possibly ? undefined : FLAG_COLOR[f]}
            variant={possibly ? 'outlined' : undefined}
            style={possibly ? { borderStyle: 'dashed', marginInlineEnd: 0 } : { marginInlineEnd: 0 }}
            data-testid={`flag-${f}`}
          >
            {FLAG_NAMES[f][lang]}
            {possibly ? ` · ${t('hh.possibly')}` : ''}
          </Tag>
        );
        const why = explain?.[f];
        return why ? (
          <Tooltip key={f} title={why}>
            {tag}
          </Tooltip>
        ) : (
          tag
        );
      })}
    </span>
  );
}

const CLASS_COLOR: Record<IncomeClass, string> = { below10k: 'red', low: 'orange', middle: 'green', high: 'blue' };

/** The income class; two classes when a bracket straddles a boundary (可能 …). */
export function ClassTags({ classes }: { classes: readonly IncomeClass[] }) {
  const { lang, t } = useI18n();
  if (classes.length === 0) return <span className="hh-muted">{t('hh.noIncome')}</span>;
  return (
    <span className="hh-tags">
      {classes.map((c) => (
        <Tag key={c} color={classes.length > 1 ? undefined : CLASS_COLOR[c]} style={{ marginInlineEnd: 0 }}>
          {INCOME_CLASS_NAMES[c][lang]}
        </Tag>
      ))}
      {classes.length > 1 ? <span className="hh-muted">{t('hh.classUndecided')}</span> : null}
    </span>
  );
}

const STATUS_COLOR: Record<CaseStatus, string> = {
  warning: 'red',
  visited: 'orange',
  compared: 'gold',
  reviewed: 'gold',
  noticed: 'cyan',
  townshipApproved: 'geekblue',
  confirmed: 'blue',
  riskRemoved: 'green',
  closed: 'default',
  dismissed: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid={`case-status-${status}`}>
      {CASE_STATUS_NAMES[status][lang]}
    </Tag>
  );
}

export function stepName(step: CaseStep, lang: Lang): string {
  return CASE_STEP_NAMES[step][lang];
}

/** 万元 with up to two decimals: 23456 → "2.35万元" (zh) / "23,456 yuan" (en). */
export function fmtYuan(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (lang === 'en') return `${Math.round(value).toLocaleString('en-US')} yuan`;
  if (Math.abs(value) < 10_000) return `${Math.round(value).toLocaleString('zh-CN')}元`;
  return `${(value / 10_000).toFixed(2).replace(/\.?0+$/, '')}万元`;
}

/** A 10,000-yuan step: [2, 3) → "2–3万元"; the open top step → "50万元以上". */
export function fmtBracket(low: number, high: number | null, lang: Lang): string {
  const w = (v: number) => (v / 10_000).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
  if (lang === 'en') return high === null ? `${w(low)}0k yuan and more` : `${w(low)}–${w(high)} × 10,000 yuan`;
  return high === null ? `${w(low)}万元以上` : `${w(low)}–${w(high)}万元`;
}

/** The per-capita income of a row: exact, or the range of its bracket (labelled as a range). */
export function perCapitaText(pc: HouseholdRow['perCapita'], lang: Lang): string {
  if (!pc) return '—';
  if (pc.exact) return fmtYuan(pc.low, lang);
  if (pc.high === null) return lang === 'en' ? `≥ ${fmtYuan(pc.low, lang)}` : `${fmtYuan(pc.low, lang)}以上`;
  return `${fmtYuan(pc.low, lang)}–${fmtYuan(pc.high, lang)}`;
}

/** The six verification steps in the order of the practice, and how far a case has come along them. */
export const VERIFY_STEPS: readonly CaseStep[] = ['visit', 'compare', 'review', 'notice', 'township', 'county'];
const STATUS_DONE: Record<CaseStatus, number> = {
  warning: 0,
  visited: 1,
  compared: 2,
  reviewed: 3,
  noticed: 4,
  townshipApproved: 5,
  confirmed: 6,
  riskRemoved: 6,
  closed: 6,
  dismissed: -1,
};

/** 入户核查 → 信息比对 → 民主评议 → 村级公示 → 乡镇审核 → 县级审定, the current one highlighted. */
export function CaseSteps({ status, due }: { status: CaseStatus; due?: string | null }) {
  const { lang, t } = useI18n();
  const screens = Grid.useBreakpoint();
  const done = STATUS_DONE[status];
  if (done < 0) return null;
  if (!screens.md) {
    // On a phone: the six steps as a row of dots, the current one named below (a vertical list is a screen long).
    return (
      <div data-testid="case-steps">
        <div className="hh-dots">
          {VERIFY_STEPS.map((s, i) => (
            <span
              key={s}
              className={i < done ? 'hh-dot-done' : i === done ? 'hh-dot-current' : 'hh-dot'}
              title={stepName(s, lang)}
            />
          ))}
        </div>
        <div className="hh-muted">
          {done < VERIFY_STEPS.length
            ? t('hh.stepOf', { n: done + 1, step: stepName(VERIFY_STEPS[done] as CaseStep, lang) }) +
              (due ? ` · ${t('hh.dueOn', { date: due })}` : '')
            : t('hh.stepsDone')}
        </div>
      </div>
    );
  }
  return (
    <Steps
      size="small"
      current={done}
      data-testid="case-steps"
      items={VERIFY_STEPS.map((s, i) => ({
        title: stepName(s, lang),
        description: i === done && due ? t('hh.dueOn', { date: due }) : undefined,
      }))}
    />
  );
}

const REASON_PRESETS: readonly MsgId[] = [
  'hh.reason.visit',
  'hh.reason.verify',
  'hh.reason.review',
  'hh.reason.match',
  'hh.reason.help',
];

/**
 * Asks the reason for a named view (kept in the audit trail with the view) and gives it to `onOk`. Presets of the
 * usual reasons, free text allowed.
 */
export function ReasonModal({
  open,
  title,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  onOk: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const ok = reason.trim().length > 0;
  return (
    <Modal
      open={open}
      title={title}
      okText={t('hh.confirm')}
      okButtonProps={{ disabled: !ok, 'data-testid': 'reason-ok' }}
      onOk={() => ok && onOk(reason.trim())}
      onCancel={onCancel}
      destroyOnHidden
    >
      <p className="hh-muted">{t('hh.reasonHint')}</p>
      <Form layout="vertical">
        <Form.Item label={t('hh.reason')} required>
          <Input
            data-testid="reason-input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onPressEnter={() => ok && onOk(reason.trim())}
            placeholder={t('hh.reasonPlaceholder')}
            maxLength={200}
          />
        </Form.Item>
        <div className="hh-tags">
          {REASON_PRESETS.map((id) => (
            <Tag.CheckableTag key={id} checked={reason === t(id)} onChange={() => setReason(t(id))}>
              {t(id)}
            </Tag.CheckableTag>
          ))}
        </div>
      </Form>
    </Modal>
  );
}

/** An org unit's name in the reader's language (the API sends the Chinese one beside its id). */
export function useUnitName(): (id: string, fallback: string) => string {
  const { byId } = useOrgUnits();
  const { pick } = useI18n();
  return useCallback(
    (id, fallback) => {
      const u = byId.get(id);
      return u ? pick(u.name, u.nameEn) : fallback;
    },
    [byId, pick],
  );
}

/**
 * A dialog's save: busy while it runs; on success its message, then `onDone` and `onClose`; a stale version (409)
 * says so and reloads; any other failure in the user's language, each field at fault named.
 */
export function useDialogSave(onDone: () => void, onClose: () => void) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const save = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      void message.success(await work());
      onDone();
      onClose();
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'CONFLICT') {
        void message.warning(t('hh.act.conflict'));
        onDone();
        onClose();
      } else void message.error(apiErrorText(error, lang, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, save };
}

/** A monitoring case of the household is being worked on (open, or under watch after the removal). */
export function hasLiveCase(row: Pick<HouseholdRow, 'caseStatuses'>): boolean {
  return (row.caseStatuses ?? []).some((s) => LIVE_CASE_STATUSES.includes(s));
}
