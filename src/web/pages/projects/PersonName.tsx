import type { Person } from '../../../shared/api/projects.ts';
import { useI18n } from '../../i18n.ts';
import { useDistrictName } from './common.tsx';

/**
 * Who did something: the user's name and, in brackets, the unit of their scope in the page's language; 系统 (the
 * system) when nobody did — the seed or the daily run.
 */
export function PersonName({ person, system }: { person: Person | null; system?: string }) {
  const { lang, t } = useI18n();
  const unitName = useDistrictName();
  if (!person) return <span>{system ?? t('pj.system')}</span>;
  const unit = person.unitId ? unitName(person.unitId, person.unitName ?? '') : '';
  return (
    <span>
      {person.name}
      {unit ? (lang === 'en' ? ` (${unit})` : `（${unit}）`) : ''}
    </span>
  );
}
