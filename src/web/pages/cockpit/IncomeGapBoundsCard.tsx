import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n.ts';
import { InequalityMeasures } from '../../components/InequalityMeasures.tsx';
import { householdStatisticsRoutes } from '../../../shared/api/household-statistics.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const n = (v: number | null | undefined) => (v === null || v === undefined ? '<5' : String(v));

/**
 * 收入差距 from the household registry (低收入家庭动态监测): the figures that feed D5-03, D5-04 and D5-05, with what
 * the bracket-only households leave open — "确定 12 户，可能 37 户", the middle-income share between its bounds.
 * Counts below 5 households show as "<5" for readers who may not see the households.
 */
export function IncomeGapBoundsCard() {
  const { t, lang } = useI18n();
  const { data, error } = useRoute(householdStatisticsRoutes.get, { query: {} }, { live: true });
  if (error) return null;
  const u = data?.unit;
  const zh = lang === 'zh';
  const range = (r: { certain: number | null; upTo: number | null }) =>
    zh ? `确定 ${n(r.certain)} 户，可能 ${n(r.upTo)} 户` : `certain ${n(r.certain)}, possibly up to ${n(r.upTo)}`;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('cockpit.incomeBounds.title')}
      extra={data?.generated ? <Tag color="orange">{t('cockpit.incomeBounds.generated')}</Tag> : null}
      loading={!data}
    >
      {u && (u.households ?? 0) === 0 ? (
        <Typography.Text type="secondary">{t('cockpit.incomeBounds.empty')}</Typography.Text>
      ) : u ? (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('cockpit.incomeBounds.middle')}>
              {u.middleShare
                ? zh
                  ? `确定 ${pct(u.middleShare.low)}，最高 ${pct(u.middleShare.high)}`
                  : `${pct(u.middleShare.low)} certain, up to ${pct(u.middleShare.high)}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('cockpit.incomeBounds.below10k')}>
              <span data-testid="income-bounds-below10k">{range(u.flags.below10k)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cockpit.incomeBounds.zeroEmployment')}>
              {range(u.flags.zeroEmployment)}
            </Descriptions.Item>
          </Descriptions>
          <InequalityMeasures unit={u} />
          {(u.income.bracket ?? 0) > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 8 }}
              message={
                zh
                  ? `${u.income.bracket} 户仅有收入档位（1万元一档），计入“可能”；考核指标“中等收入群体占比”“家庭人均年收入1万元以下户数”取确定数。`
                  : `${u.income.bracket} households are known only by their 10,000-yuan bracket and count as “possibly”; the indicators Middle-income share and Households below 10,000 yuan take the certain figures.`
              }
            />
          )}
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {zh ? data?.rule.zh : data?.rule.en}
          </Typography.Paragraph>
        </>
      ) : null}
    </Card>
  );
}
