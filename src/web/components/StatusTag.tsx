import { Tag } from 'antd';
import { useI18n } from '../i18n.ts';
import { COLOURS, STATUS_LABELS } from '../status.ts';
import type { Colour, EvaluationStatus } from '../types.ts';

/**
 * The evaluation status as a coloured tag, named for the kind of indicator when the server sends the `label`
 * (接近确保目标 for a rate short of its floor, 滞后序时进度 only for a cumulative one): 达到确保目标 in green…
 */
export function StatusTag({
  status,
  colour,
  label,
}: {
  status: EvaluationStatus;
  colour: Colour;
  label?: { zh: string; en: string } | null | undefined;
}) {
  const { t, pick } = useI18n();
  return (
    <Tag color={COLOURS[colour].tag} style={{ marginInlineEnd: 0 }}>
      {label ? pick(label.zh, label.en) : t(STATUS_LABELS[status])}
    </Tag>
  );
}

/** A small round marker in the status colour. */
export function ColourDot({ colour, size = 10 }: { colour: Colour; size?: number }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: '50%',
        background: COLOURS[colour].solid,
        flex: 'none',
      }}
    />
  );
}

/** Red/yellow/green counts as three small numbers. */
export function ColourCounts({ red, yellow, green }: { red: number; yellow: number; green: number }) {
  const cell = (colour: Colour, n: number) => (
    <span style={{ color: COLOURS[colour].text, display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <ColourDot colour={colour} size={8} />
      {n}
    </span>
  );
  return (
    <span style={{ display: 'inline-flex', gap: 10 }}>
      {cell('red', red)}
      {cell('yellow', yellow)}
      {cell('green', green)}
    </span>
  );
}
