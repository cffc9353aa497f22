import { Card, Space } from 'antd';
import { Link } from 'react-router-dom';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { InfoTip } from '../../components/InfoTip.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { UnpublishedTag } from '../../components/PreviewSwitch.tsx';
import { TargetText } from '../../components/TargetText.tsx';
import { fmtFigure, fmtNum, fmtPeriod, fmtValue, shortOrgName } from '../../format.ts';
import { useDepartmentName } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { COLOURS } from '../../status.ts';
import type { CockpitCard } from '../../types.ts';
import { unitName } from '../../units.ts';

export function indicatorLink(code: string, orgUnitId: string): string {
  return `/indicators/${encodeURIComponent(code)}?orgUnitId=${encodeURIComponent(orgUnitId)}`;
}

/** What the "?" says: the definition, the lead department, the period of the figure and the baseline. */
export function CardDefinition({ card }: { card: CockpitCard }) {
  const { t, lang } = useI18n();
  const deptName = useDepartmentName();
  return (
    <div style={{ fontSize: 12, lineHeight: 1.7 }}>
      <div>
        <strong>{t('common.definition')}：</strong>
        {card.definition || '—'}
      </div>
      <div>
        <strong>{t('common.leadUnit')}：</strong>
        {deptName(card.leadDepartment)}
      </div>
      <div>
        <strong>{t('common.asOf')}：</strong>
        {fmtPeriod(card.period, lang)}
      </div>
      {card.baseline ? (
        <div>
          <strong>{t('common.baseline')}：</strong>
          {card.baseline.year} · {fmtValue(card.baseline.value, card.unit)}
        </div>
      ) : null}
    </div>
  );
}

/** One headline indicator: value with unit, 确保/力争 target, status colour, score, "data as of", lead department. */
export function IndicatorCard({ card }: { card: CockpitCard }) {
  const { t, lang, pick } = useI18n();
  const deptName = useDepartmentName();
  const colour = COLOURS[card.colour];
  return (
    <Card className="kpi-card" style={{ borderTopColor: colour.solid }}>
      <div className="kpi-name">
        <Link to={indicatorLink(card.code, card.orgUnitId)}>{pick(card.name, card.nameEn)}</Link>
        <InfoTip title={<CardDefinition card={card} />} />
      </div>
      <div className="kpi-value" style={{ color: card.actual === null ? undefined : colour.text }}>
        {fmtFigure(card.actual, card.unit)}
        {card.actual !== null && card.unit ? <span className="kpi-unit">{unitName(card.unit)}</span> : null}
      </div>
      <div className="kpi-target">
        <TargetText target={card.target} unit={card.unit} />
      </div>
      <Space size={8} style={{ marginTop: 8 }} wrap>
        <StatusTag status={card.status} colour={card.colour} label={card.label} />
        {card.score !== null ? (
          <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)' }}>
            {t('common.score')} <strong>{fmtNum(card.score, 1)}</strong>
          </span>
        ) : null}
        {card.generated ? <GeneratedTag /> : null}
        {card.unpublished ? <UnpublishedTag /> : null}
      </Space>
      {card.projection ? (
        <div
          className="kpi-projection"
          data-testid="card-projection"
          style={{
            marginTop: 6,
            fontSize: 12,
            color: card.projection.floorMet === false ? COLOURS.yellow.text : 'rgba(0,0,0,0.65)',
          }}
        >
          {card.projection.text[lang]}
        </div>
      ) : null}
      <div className="kpi-foot">
        <span>{t('common.asOfValue', { period: fmtPeriod(card.period, lang) })}</span>
        <span title={deptName(card.leadDepartment)}>
          {card.leadDepartment
            ? lang === 'zh'
              ? shortOrgName(card.leadDepartment)
              : deptName(card.leadDepartment)
            : ''}
        </span>
      </div>
    </Card>
  );
}
