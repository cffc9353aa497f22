/**
 * The red/yellow/green of the evaluation, defined once: every tag, cell, chart and map in the app takes its colours
 * from here, so "red" means the same thing on every page.
 */
import type { Colour, EvaluationStatus } from './types.ts';
import type { MsgId } from './i18n.ts';

export interface ColourStyle {
  /** Solid colour for charts, the map and markers. */
  solid: string;
  /** Text on a light background. */
  text: string;
  /** Light background of a table cell. */
  background: string;
  /** Border of a cell or tag. */
  border: string;
  /** antd Tag preset colour. */
  tag: string;
  /** Fill of a large area (the district map), softer than `solid`. */
  fill: string;
  label: MsgId;
  /** What the colour means, for legends: 达标, 滞后, 未达标, 无数据. */
  meaning: MsgId;
}

export const COLOURS: Readonly<Record<Colour, ColourStyle>> = {
  green: {
    solid: '#52c41a',
    text: '#237804',
    background: '#f6ffed',
    border: '#b7eb8f',
    tag: 'success',
    fill: '#95de64',
    label: 'colour.green',
    meaning: 'colourMeaning.green',
  },
  yellow: {
    solid: '#faad14',
    text: '#ad6800',
    background: '#fffbe6',
    border: '#ffe58f',
    tag: 'warning',
    fill: '#ffd666',
    label: 'colour.yellow',
    meaning: 'colourMeaning.yellow',
  },
  red: {
    solid: '#f5222d',
    text: '#a8071a',
    background: '#fff1f0',
    border: '#ffa39e',
    tag: 'error',
    fill: '#ff7875',
    label: 'colour.red',
    meaning: 'colourMeaning.red',
  },
  grey: {
    solid: '#bfbfbf',
    text: '#595959',
    background: '#fafafa',
    border: '#d9d9d9',
    tag: 'default',
    fill: '#e8e8e8',
    label: 'colour.grey',
    meaning: 'colourMeaning.grey',
  },
};

export const COLOUR_ORDER: readonly Colour[] = ['red', 'yellow', 'green', 'grey'];

export const STATUS_LABELS: Readonly<Record<EvaluationStatus, MsgId>> = {
  stretchMet: 'status.stretchMet',
  floorMet: 'status.floorMet',
  behindSchedule: 'status.behindSchedule',
  belowFloor: 'status.belowFloor',
  noData: 'status.noData',
  noTarget: 'status.noTarget',
};

/** The colour of a composite score, as the server colours the districts on the cockpit map. */
export function scoreColour(score: number | null | undefined): Colour {
  if (score === null || score === undefined) return 'grey';
  return score >= 100 ? 'green' : score >= 85 ? 'yellow' : 'red';
}
