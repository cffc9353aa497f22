import { QuestionCircleOutlined } from '@ant-design/icons';
import { Space, Tooltip, Typography } from 'antd';
import { INEQUALITY_HELP } from '../../domain/inequality.ts';
import type { UnitStatisticsDto } from '../../shared/api/household-statistics.ts';
import { useI18n } from '../i18n.ts';

const MEASURES = ['gini', 's80s20', 'palma', 'theil', 'mld'] as const;
const DECIMALS: Record<(typeof MEASURES)[number], number> = { gini: 3, s80s20: 2, palma: 2, theil: 3, mld: 3 };

/**
 * The inequality measures of a unit's per-capita incomes, each with its definition one tap away (the help the
 * issue asks for: how the Palma ratio and S80/S20 are cut on the Lorenz curve, how zeros count). A measure computed
 * with bracket-only households says it is an estimate.
 */
export function InequalityMeasures({ unit }: { unit: UnitStatisticsDto }) {
  const { t, lang } = useI18n();
  const shown = MEASURES.filter((m) => unit[m]?.value !== null && unit[m]?.value !== undefined);
  if (shown.length === 0) return null;
  const estimated = shown.some((m) => unit[m]?.basis === 'estimate');
  return (
    <div data-testid="inequality-measures" style={{ marginTop: 8 }}>
      <Typography.Text strong>{t('cockpit.incomeBounds.inequality')}</Typography.Text>
      <Space wrap size={[16, 4]} style={{ marginLeft: 12 }}>
        {shown.map((m) => (
          <span key={m} data-testid={`inequality-${m}`}>
            {t(`inequality.${m}`)} {unit[m]!.value!.toFixed(DECIMALS[m])}
            {unit[m]!.basis === 'estimate' ? '*' : ''}{' '}
            <Tooltip title={INEQUALITY_HELP[m][lang]} trigger={['hover', 'click']}>
              <QuestionCircleOutlined
                data-testid={`inequality-help-${m}`}
                aria-label={INEQUALITY_HELP[m][lang]}
                style={{ color: 'rgba(0,0,0,0.45)', cursor: 'help' }}
              />
            </Tooltip>
          </span>
        ))}
      </Space>
      {estimated && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          * {t('cockpit.incomeBounds.estimate')}
        </Typography.Text>
      )}
    </div>
  );
}
