import { useMemo } from 'react';
import { comparePeriods } from '../../../domain/periods.ts';
import type { z } from 'zod';
import type { roundSchema } from '../../../shared/api/rounds.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { frameworkRoutes } from '../../../shared/api/frameworks.ts';
import { roundRoutes } from '../../../shared/api/rounds.ts';

export type Round = z.infer<typeof roundSchema>;

export interface ReportingCalendar {
  /** The year of the framework in force: every period offered belongs to it. */
  year: number | undefined;
  frameworkId: string | undefined;
  rounds: Round[];
  /** The open round of the framework in force, the latest one first. */
  openRound: Round | undefined;
  /** The period a page starts on: the open round's, else the latest round's, else January. */
  defaultPeriod: string | undefined;
  loading: boolean;
  reloadRounds: () => void;
}

/** The framework in force (the server's rule: the first published version, else the newest) and its rounds. */
export function useReportingCalendar(): ReportingCalendar {
  const frameworks = useRoute(frameworkRoutes.list, {}, { cache: true });
  const rounds = useRoute(roundRoutes.list, {});
  return useMemo(() => {
    const list = frameworks.data ?? [];
    const current = list.find((f) => f.status === 'published') ?? list[0];
    const ofCurrent = (rounds.data ?? []).filter((r) => current === undefined || r.frameworkId === current.id);
    const sorted = [...ofCurrent].sort((a, b) => comparePeriods(b.period, a.period));
    const openRound = sorted.find((r) => r.status === 'open');
    const defaultPeriod = openRound?.period ?? sorted[0]?.period ?? (current ? `${current.year}-01` : undefined);
    return {
      year: current?.year,
      frameworkId: current?.id,
      rounds: rounds.data ?? [],
      openRound,
      defaultPeriod,
      loading: frameworks.loading || rounds.loading,
      reloadRounds: rounds.reload,
    };
  }, [frameworks.data, frameworks.loading, rounds.data, rounds.loading, rounds.reload]);
}
