/** Small pieces shared by the ledger's pages: the light with its reasons, stage and level tags, amounts in 亿元. */
import { Badge, Space, Tag, Tooltip } from 'antd';
import { useCallback } from 'react';
import {
  LIGHT_COLOUR_NAMES,
  LIGHT_KIND_NAMES,
  PROJECT_LEVEL_NAMES,
  PROJECT_STAGE_NAMES,
  type LightColour,
  type ProjectLevel,
  type ProjectStage,
} from '../../../domain/projects/types.ts';
import type { z } from 'zod';
import type { lightSchema } from '../../../shared/api/projects.ts';
import { projectRoutes } from '../../../shared/api/projects.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';

export type Light = z.infer<typeof lightSchema>;

export const LIGHT_HEX: Record<LightColour, string> = {
  red: '#f5222d',
  yellow: '#faad14',
  green: '#52c41a',
  none: '#d9d9d9',
};

const STAGE_COLOR: Record<ProjectStage, string> = {
  reserve: 'default',
  preparation: 'blue',
  newlyStarted: 'cyan',
  underConstruction: 'processing',
  completed: 'green',
  inProduction: 'success',
};

/** The light as a dot and its word; on hover, every light that is not green with its reason in words. */
export function LightBadge({
  colour,
  lights,
  testId,
}: {
  colour: LightColour;
  lights: readonly Light[];
  testId?: string;
}) {
  const { lang, t } = useI18n();
  const shown = lights.filter((l) => l.colour !== 'green' && l.colour !== 'none');
  const reasons = (shown.length > 0 ? shown : lights).map((l) => (
    <div key={l.kind} style={{ marginBottom: 4 }}>
      <Badge color={LIGHT_HEX[l.colour]} />
      <b>{LIGHT_KIND_NAMES[l.kind][lang]}</b>：{l.explanation[lang]}
    </div>
  ));
  const word = colour === 'none' ? t('pj.noLight') : LIGHT_COLOUR_NAMES[colour][lang];
  return (
    <Tooltip title={reasons.length > 0 ? <div>{reasons}</div> : undefined}>
      <span data-testid={testId ?? `light-${colour}`} style={{ cursor: reasons.length > 0 ? 'help' : undefined }}>
        <Badge color={LIGHT_HEX[colour]} text={word} />
      </span>
    </Tooltip>
  );
}

/** Every light of a project, each with its reason, for the project page. */
export function LightList({ lights }: { lights: readonly Light[] }) {
  const { lang, t } = useI18n();
  // The server names every light the project is watched by, green ones too; none when nothing is watched yet.
  if (lights.length === 0) return <Badge color={LIGHT_HEX.none} text={t('pj.allGreen')} data-testid="lights-none" />;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      {lights.map((l) => (
        <div key={l.kind} data-testid={`light-${l.kind}-${l.colour}`}>
          <Badge color={LIGHT_HEX[l.colour]} />
          <b>{LIGHT_KIND_NAMES[l.kind][lang]}</b>
          {l.colour === 'none' ? '' : `（${LIGHT_COLOUR_NAMES[l.colour][lang]}）`}：{l.explanation[lang]}
        </div>
      ))}
    </Space>
  );
}

export function StageTag({ stage }: { stage: ProjectStage }) {
  const { lang } = useI18n();
  return (
    <Tag color={STAGE_COLOR[stage]} style={{ marginInlineEnd: 0 }}>
      {PROJECT_STAGE_NAMES[stage][lang]}
    </Tag>
  );
}

/** 省重点 / 市重点 / 区县重点, short. */
export function levelName(level: ProjectLevel, lang: 'zh' | 'en'): string {
  return PROJECT_LEVEL_NAMES[level][lang].replace('项目', '').replace(' project', '');
}

/** An amount in 万元 as 亿元 with two decimals (or 万元 when small). */
export function fmtWan(wan: number | null | undefined, lang: 'zh' | 'en'): string {
  if (wan === null || wan === undefined) return '—';
  if (Math.abs(wan) >= 10_000) {
    const yi = (wan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
    return lang === 'en'
      ? `${(wan / 100_000).toLocaleString('en', { maximumFractionDigits: 3 })} billion yuan`
      : `${yi}亿元`;
  }
  const w = wan.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
  return lang === 'en' ? `${(wan / 100).toLocaleString('en', { maximumFractionDigits: 2 })} million yuan` : `${w}万元`;
}

export function fmtRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** The district's name in the current language (the rows carry the Chinese name). */
export function useDistrictName(): (id: string, name: string) => string {
  const { byId } = useOrgUnits();
  const { lang } = useI18n();
  return useCallback(
    (id, name) => (lang === 'en' ? byId.get(id)?.nameEn || name : byId.get(id)?.name || name),
    [byId, lang],
  );
}

/** The city's industry chains with their names (the server's settings). */
export function useChains() {
  const settings = useRoute(projectRoutes.settings, {}, { cache: true });
  return { chains: settings.data?.chains ?? [], settings: settings.data };
}
