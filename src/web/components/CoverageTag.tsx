import { Tag, Tooltip } from 'antd';
import { useOrgUnits } from '../hooks/useReference.ts';
import { useI18n } from '../i18n.ts';
import type { MatrixResponse } from '../types.ts';

/**
 * "11月：1/7 单位已报送": how many of the evaluated units have reported the month shown, green when all have, with
 * the ones that have not in the tooltip. A matrix or ranking of an incomplete month has no data for them.
 */
export function CoverageTag({ coverage }: { coverage: MatrixResponse['coverage'] }) {
  const { t, lang, pick } = useI18n();
  const org = useOrgUnits();
  if (!coverage) return null;
  const month = Number(coverage.asOf.slice(5, 7));
  const complete = coverage.reported === coverage.expected;
  const missing = coverage.missingUnitIds
    .map((id) => {
      const u = org.byId.get(id);
      return u ? pick(u.name, u.nameEn) : id;
    })
    .join(lang === 'zh' ? '、' : ', ');
  return (
    <Tooltip title={complete ? t('coverage.allReported') : t('coverage.missing', { units: missing })}>
      <Tag color={complete ? 'green' : 'orange'} data-testid="coverage-tag" style={{ marginInlineEnd: 0 }}>
        {t('coverage.tag', {
          month: lang === 'zh' ? `${month}月` : coverage.asOf,
          reported: coverage.reported,
          expected: coverage.expected,
        })}
      </Tag>
    </Tooltip>
  );
}
