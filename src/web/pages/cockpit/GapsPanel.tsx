import { Card, Col, Empty, Row, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { InfoTip } from '../../components/InfoTip.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { TargetText } from '../../components/TargetText.tsx';
import { fmtFigure, fmtPeriod } from '../../format.ts';
import { useI18n, type MsgId } from '../../i18n.ts';
import { COLOURS } from '../../status.ts';
import type { CockpitCard } from '../../types.ts';
import { CardDefinition, indicatorLink } from './IndicatorCard.tsx';
import { unitName } from '../../units.ts';

const GAPS: { key: string; title: MsgId; hint: MsgId; span: number }[] = [
  { key: 'regional', title: 'cockpit.gap.regional', hint: 'cockpit.gap.regionalHint', span: 6 },
  { key: 'urbanRural', title: 'cockpit.gap.urbanRural', hint: 'cockpit.gap.urbanRuralHint', span: 6 },
  { key: 'income', title: 'cockpit.gap.income', hint: 'cockpit.gap.incomeHint', span: 12 },
];

/** 三大差距: regional (county per-capita GDP max ÷ min), urban–rural income ratio, and the income gap indicators. */
export function GapsPanel({ gaps }: { gaps: CockpitCard[] }) {
  const { t } = useI18n();
  return (
    <Card title={t('cockpit.gaps')} styles={{ body: { padding: 0 } }}>
      <Row>
        {GAPS.map((g, idx) => {
          const cards = gaps.filter((c) => c.gap === g.key);
          return (
            <Col
              key={g.key}
              xs={24}
              lg={g.span}
              style={{ padding: '14px 20px', borderInlineStart: idx > 0 ? '1px solid #f0f0f0' : undefined }}
            >
              <div style={{ marginBottom: 10 }}>
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {t(g.title)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                  {t(g.hint)}
                </Typography.Text>
              </div>
              {cards.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />
              ) : (
                <Row gutter={16}>
                  {cards.map((c) => (
                    <Col key={c.code} span={24 / Math.min(cards.length, 3)}>
                      <GapFigure card={c} />
                    </Col>
                  ))}
                </Row>
              )}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

function GapFigure({ card }: { card: CockpitCard }) {
  const { t, lang, pick } = useI18n();
  const colour = COLOURS[card.colour];
  return (
    <div>
      <div
        style={{
          fontSize: 12,
          color: 'rgba(0,0,0,0.65)',
          display: 'flex',
          gap: 6,
          alignItems: 'flex-start',
          minHeight: 36,
        }}
      >
        <Link to={indicatorLink(card.code, card.orgUnitId)} style={{ color: 'inherit' }}>
          {pick(card.name, card.nameEn)}
        </Link>
        <InfoTip title={<CardDefinition card={card} />} />
      </div>
      <div className="kpi-value" style={{ fontSize: 26, color: card.actual === null ? undefined : colour.text }}>
        {fmtFigure(card.actual, card.unit)}
        {card.actual !== null && card.unit ? <span className="kpi-unit">{unitName(card.unit)}</span> : null}
      </div>
      <div className="kpi-target">
        <TargetText target={card.target} unit={card.unit} />
      </div>
      <Space size={6} style={{ marginTop: 6 }} wrap>
        <StatusTag status={card.status} colour={card.colour} label={card.label} />
        {card.generated ? <GeneratedTag /> : null}
      </Space>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 6 }}>
        {t('common.asOfValue', { period: fmtPeriod(card.period, lang) })}
        {card.baseline
          ? ` · ${t('common.baseline')} ${card.baseline.year}: ${fmtFigure(card.baseline.value, card.unit)}`
          : ''}
      </div>
    </div>
  );
}
