import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { fmtNum, fmtPeriod, fmtPoints, fmtShare, fmtValue } from '../format.ts';
import { useRoute } from '../hooks/useApi.ts';
import { useI18n, type MsgId } from '../i18n.ts';
import type { Colour, Explanation } from '../types.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { UnpublishedTag } from './PreviewSwitch.tsx';
import { StatusTag } from './StatusTag.tsx';
import { evaluationRoutes } from '../../shared/api/evaluation.ts';

export type ExplainTarget = {
  indicatorCode: string;
  orgUnitId: string;
  asOf: string | null | undefined;
  /** Another year's framework than the one in force. */
  frameworkId?: string;
  /** Explain the preview's cell (approved but unpublished figures included). */
  preview?: boolean;
};

export interface IndicatorLabel {
  name: string;
  nameEn: string;
  unit: string;
}

interface Props {
  target: ExplainTarget | null;
  /** Names and units of indicators, to label a formula's inputs. */
  indicators?: ReadonlyMap<string, IndicatorLabel>;
  onClose: () => void;
}

const ALERT_TYPE: Record<Colour, 'success' | 'warning' | 'error' | 'info'> = {
  green: 'success',
  yellow: 'warning',
  red: 'error',
  grey: 'info',
};

const COMPARISON: Record<string, MsgId> = {
  atLeast: 'comparison.atLeast',
  atMost: 'comparison.atMost',
  between: 'comparison.between',
};

type Input = Explanation['formulaInputs'][number];

/** How the shape of the year was taken, said after the projection. */
const PROJECTION_SHAPE: Record<NonNullable<Explanation['projection']>['shape'], MsgId> = {
  lastYear: 'explain.projectionLastYear',
  seasonalProfile: 'explain.projectionProfile',
  evenMonths: 'explain.projectionEven',
};

/** Why a cell has its colour: the rule in words, the actual against floor and stretch, pace, thresholds, formula. */
export function ExplainDrawer({ target, indicators, onClose }: Props) {
  const { t, lang, pick } = useI18n();
  const { data, error, loading, reload } = useRoute(
    evaluationRoutes.explain,
    target === null
      ? null
      : {
          query: {
            indicatorCode: target.indicatorCode,
            orgUnitId: target.orgUnitId,
            ...(target.asOf ? { asOf: target.asOf } : {}),
            ...(target.frameworkId ? { frameworkId: target.frameworkId } : {}),
            ...(target.preview ? { preview: 'true' as const } : {}),
          },
        },
  );
  const shown =
    data && target && data.indicatorCode === target.indicatorCode && data.orgUnitId === target.orgUnitId
      ? data
      : undefined;

  const inputColumns: TableColumnsType<Input> = [
    {
      title: t('common.indicator'),
      dataIndex: 'code',
      render: (_: string, i) => pick(i.name, i.nameEn),
    },
    { title: t('common.orgUnit'), dataIndex: 'orgUnitName', width: 110 },
    {
      title: t('common.period'),
      dataIndex: 'period',
      width: 130,
      render: (p: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtPeriod(p, lang)}</span>,
    },
    {
      title: t('common.actual'),
      key: 'value',
      width: 140,
      align: 'right',
      render: (_: unknown, i) => fmtValue(i.value, i.unit || (indicators?.get(i.code)?.unit ?? '')),
    },
  ];

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      loading={loading && !shown}
      title={shown ? `${shown.indicatorName} · ${shown.orgUnitName}` : t('explain.title')}
      extra={
        shown ? (
          <Space size={6}>
            <StatusTag status={shown.status} colour={shown.colour} label={shown.label} />
            {shown.unpublished ? <UnpublishedTag /> : null}
          </Space>
        ) : null
      }
    >
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {shown ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div data-testid="explain-text">
            <Alert
              type={ALERT_TYPE[shown.colour]}
              showIcon
              title={t('explain.verdict', {
                label: pick(shown.label.zh, shown.label.en),
                score: fmtNum(shown.score, 1),
              })}
              description={shown.text[lang]}
            />
          </div>
          {shown.projection ? (
            <div data-testid="explain-projection">
              <Alert
                type={shown.projection.floorMet === false ? 'warning' : 'info'}
                showIcon
                title={t('explain.projection')}
                description={`${shown.projection.text[lang]}${t(PROJECTION_SHAPE[shown.projection.shape])}`}
              />
            </div>
          ) : null}
          {shown.missingMembers.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="explain-missing-members"
              title={t('evaluation.missingMembers', { count: shown.missingMembers.length })}
              description={t('evaluation.missingMembersHint', {
                units: shown.missingMembers.map((m) => m.name).join(lang === 'zh' ? '、' : ', '),
              })}
            />
          ) : null}
          {shown.rollup?.matches === false ? (
            <Alert
              type="warning"
              showIcon
              data-testid="explain-rollup"
              title={t('evaluation.rollupMismatch')}
              description={t('evaluation.rollupMismatchHint', {
                reported: fmtNum(shown.rollup.reported),
                computed: fmtNum(shown.rollup.computed),
              })}
            />
          ) : shown.rollup && shown.rollup.reported === null && shown.rollup.computed !== null ? (
            <Alert
              type="info"
              showIcon
              title={t('evaluation.rollupComputed')}
              description={shown.cityFormulaText ? shown.cityFormulaText[lang] : shown.cityFormula}
            />
          ) : null}
          <Descriptions
            size="small"
            bordered
            column={2}
            styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
            items={[
              {
                key: 'actual',
                label: t('common.actual'),
                children: <Typography.Text strong>{fmtValue(shown.actual, shown.unit)}</Typography.Text>,
              },
              { key: 'period', label: t('common.period'), children: fmtPeriod(shown.period, lang) },
              { key: 'floor', label: t('common.floor'), children: fmtValue(shown.target?.floor, shown.unit) },
              { key: 'stretch', label: t('common.stretch'), children: fmtValue(shown.target?.stretch, shown.unit) },
              ...(shown.target?.upper !== null && shown.target?.upper !== undefined
                ? [{ key: 'upper', label: t('explain.upper'), children: fmtValue(shown.target.upper, shown.unit) }]
                : []),
              {
                key: 'comparison',
                label: t('explain.comparison'),
                children: shown.target ? t(COMPARISON[shown.target.comparison] ?? 'comparison.atLeast') : '—',
              },
              // Time-elapsed progress decides only cumulative indicators, the ones with a deviation.
              ...(shown.deviationPoints !== null
                ? [
                    { key: 'elapsed', label: t('explain.elapsed'), children: fmtShare(shown.elapsedShare) },
                    {
                      key: 'deviation',
                      label: t('common.deviation'),
                      children: t('common.deviationPoints', { value: fmtPoints(shown.deviationPoints) }),
                    },
                  ]
                : []),
              { key: 'score', label: t('common.score'), children: fmtNum(shown.score, 1) },
              { key: 'baseline', label: t('common.baseline'), children: fmtValue(shown.baseline, shown.unit) },
              {
                key: 'asOf',
                label: t('common.asOf'),
                children: fmtPeriod(shown.asOf, lang),
              },
              ...(shown.thresholds
                ? [
                    {
                      key: 'thresholds',
                      label: t('explain.thresholds'),
                      span: 2,
                      children: t('explain.thresholdsText', {
                        yellow: shown.thresholds.yellowPoints,
                        red: shown.thresholds.redPoints,
                        rate: fmtShare(shown.thresholds.rateYellowRelative, 0),
                      }),
                    },
                  ]
                : []),
            ]}
          />
          {shown.formula ? (
            <div>
              <Typography.Title level={5}>{t('explain.formula')}</Typography.Title>
              <pre className="formula" data-testid="explain-formula">
                {shown.formulaText ? shown.formulaText[lang] : shown.formula}
              </pre>
              <Typography.Title level={5}>{t('explain.inputs')}</Typography.Title>
              <Table<Input>
                size="small"
                rowKey={(i) => `${i.code}|${i.orgUnitId}|${i.period}`}
                columns={inputColumns}
                dataSource={shown.formulaInputs}
                pagination={false}
              />
            </div>
          ) : null}
          <Link
            to={`/indicators/${encodeURIComponent(shown.indicatorCode)}?orgUnitId=${encodeURIComponent(shown.orgUnitId)}`}
          >
            <Button icon={<HistoryOutlined />}>{t('common.seeHistory')}</Button>
          </Link>
        </Space>
      ) : null}
    </Drawer>
  );
}
