/** Small pieces shared by the lists' pages: tags for lists, states and colours, and running an act on an item. */
import { Badge, Tag, Tooltip } from 'antd';
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { callRoute, toApiError } from '../../api.ts';
import type { RouteContract, RouteInput } from '../../../shared/contract.ts';
import {
  ITEM_COLOUR_NAMES,
  ITEM_STATUS_NAMES,
  LIST_KIND_NAMES,
  type ItemColour,
  type ItemStatus,
  type ListKind,
} from '../../../domain/lists/types.ts';
import { useI18n, useT } from '../../i18n.ts';
import { actDone } from './actDone.ts';
import { unitName } from '../../units.ts';
import { apiErrorText } from '../../apiErrors.ts';

export const COLOUR_HEX: Record<ItemColour, string> = {
  red: '#f5222d',
  yellow: '#faad14',
  blue: '#1677ff',
  green: '#52c41a',
  none: '#d9d9d9',
};

const STATUS_COLOR: Record<ItemStatus, string> = {
  drafted: 'default',
  issued: 'cyan',
  acknowledged: 'geekblue',
  inProgress: 'processing',
  completionRequested: 'gold',
  closed: 'success',
  cancelled: 'default',
};

/** 红牌 / 黄牌 / 蓝牌 / 正常: a dot and the word. */
export function ColourTag({ colour }: { colour: ItemColour }) {
  const { lang } = useI18n();
  if (colour === 'none') return <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
  return <Badge color={COLOUR_HEX[colour]} text={ITEM_COLOUR_NAMES[colour][lang]} data-testid={`colour-${colour}`} />;
}

export function StatusTag({ status }: { status: ItemStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid={`status-${status}`}>
      {ITEM_STATUS_NAMES[status][lang]}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: ListKind }) {
  const { lang } = useI18n();
  const color: Record<ListKind, string> = { upward: 'purple', reform: 'magenta', project: 'volcano', task: 'blue' };
  return (
    <Tag color={color[kind]} style={{ marginInlineEnd: 0 }}>
      {LIST_KIND_NAMES[kind][lang]}
    </Tag>
  );
}

/** A target as the city writes it: 确保 5、力争 6（%）. */
export function TargetText({
  target,
}: {
  target: { unit: string; floor: number | null; stretch: number | null } | null;
}) {
  const t = useT();
  if (!target || (target.floor === null && target.stretch === null)) return <>—</>;
  const parts = [
    target.floor !== null ? `${t('lists.floor')} ${target.floor}` : null,
    target.stretch !== null ? `${t('lists.stretch')} ${target.stretch}` : null,
  ].filter(Boolean);
  return (
    <Tooltip title={unitName(target.unit)}>
      <span>
        {parts.join(' / ')}
        {target.unit ? <span style={{ color: 'rgba(0,0,0,0.45)' }}> {unitName(target.unit)}</span> : null}
      </span>
    </Tooltip>
  );
}

/**
 * Runs an act (a POST of the lists' route table) and reports the outcome: success, a conflict (someone else changed the item: reload), or the
 * server's message in the user's language. Returns whether it succeeded.
 */
export function useAct(onDone: () => void) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <C extends RouteContract>(contract: C, input: RouteInput<C>): Promise<boolean> => {
      setBusy(true);
      try {
        await callRoute(contract, input);
        void message.success(t(actDone(contract.path, (input as { body?: unknown }).body)));
        onDone();
        return true;
      } catch (e) {
        const error = toApiError(e);
        if (error.code === 'CONFLICT') {
          void message.warning(t('item.conflict'));
          onDone();
        } else {
          void message.error(apiErrorText(error, lang, t));
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [lang, t, message, onDone],
  );
  return { run, busy };
}
