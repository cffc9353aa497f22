import { ArrowLeftOutlined, ExperimentOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { call, errorText, fieldErrors, toApiError } from '../../api.ts';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EvidenceCard } from './Evidence.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { isMsgId, useI18n, type MsgId } from '../../i18n.ts';
import { fmtPeriod, fmtTime } from '../../format.ts';
import {
  FUNDING_SOURCE_NAMES,
  PLAN_STATUS_NAMES,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
  RETURN_STATUS_NAMES,
  type ReturnStatus,
} from '../../../domain/projects/types.ts';
import { projectRoutes, type ProjectDetail, type ProjectReturn } from '../../../shared/api/projects.ts';
import { OrgUnitTreeSelect } from '../workflow/OrgUnitTreeSelect.tsx';
import { PersonName } from './PersonName.tsx';
import { StageCard } from './StageCard.tsx';
import '../workflow/workflow.css';
import { fmtRate, fmtWan, levelName, LightBadge, LightList, StageTag, useChains, useDistrictName } from './common.tsx';

/** A history entry's action in words (the server keeps its code). */
function actionName(action: string, t: (id: MsgId) => string): string {
  const id = `pj.act.${action}`;
  return isMsgId(id) ? t(id) : action;
}

/**
 * A history entry's detail in the page's language: the fields an edit changed by their labels, the stage names of a
 * stage move; other details are the text the act recorded.
 */
function historyDetail(action: string, detail: string, lang: 'zh' | 'en', t: (id: MsgId) => string): string {
  if (action === 'update') {
    return detail
      .split(', ')
      .filter((f) => f !== '')
      .map((f) => {
        const id = `pj.field.${f}`;
        return isMsgId(id) ? t(id) : f;
      })
      .join(lang === 'en' ? ', ' : '、');
  }
  if (lang === 'en') {
    let out = detail;
    for (const s of PROJECT_STAGES) out = out.split(PROJECT_STAGE_NAMES[s].zh).join(PROJECT_STAGE_NAMES[s].en);
    return out.replace(/（/g, ' (').replace(/）/g, ')').replace(/：/g, ': ');
  }
  return detail;
}

const RETURN_COLOR: Record<ReturnStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
};

/**
 * One project: its facts (code, owner, level, chain, district, investment and funding, stages with the day each was
 * reached, planned and actual dates), its lights with their reasons, the plan against the actual investment by
 * month, the monthly returns with their review state, the problems needing co-ordination, evidence and history; and
 * filing a return (the district's reporter) or approving and returning it (the district's reviewer).
 */
const PROJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ProjectPage() {
  const { id = '' } = useParams();
  const { lang, t } = useI18n();
  // Project ids are UUIDs: /projects/returns or /projects/settings would otherwise ask the API's routes of those
  // names for a project, and draw whatever they answer as one.
  const valid = PROJECT_ID.test(id);
  const detail = useRoute(projectRoutes.detail, valid ? { params: { id } } : null);
  const { settings } = useChains();
  const districtName = useDistrictName();
  const [filing, setFiling] = useState(false);
  const d = detail.data;

  if (!valid) return <NotFoundPage />;
  if (detail.error && !d) return <ErrorAlert error={detail.error} onRetry={detail.reload} />;
  if (!d) return <FullPageSpin />;
  const judged = settings?.judgedMonth ?? '';
  const year = Number((judged || new Date().toISOString()).slice(0, 4));

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="project-title">{d.name}</span>
            <span data-testid={`project-stage-${d.stage}`}>
              <StageTag stage={d.stage} />
            </span>
            <LightBadge colour={d.light} lights={d.lights} testId="project-light" />
            {d.generated ? (
              <Tooltip title={t('pj.generatedHint')}>
                <Tag color="purple" icon={<ExperimentOutlined />}>
                  {t('common.generated')}
                </Tag>
              </Tooltip>
            ) : null}
          </Space>
        }
        subtitle={
          <Link to="/projects">
            <ArrowLeftOutlined /> {t('menu.projects')}
          </Link>
        }
        extra={
          d.mayFile ? (
            <Button type="primary" onClick={() => setFiling(true)} data-testid="project-file">
              {t('pj.file')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <FactsCard d={d} districtName={districtName(d.districtId, d.districtName)} />
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('pj.lightsHint')} size="small" style={{ marginBottom: 16 }}>
            <LightList lights={d.lights} />
          </Card>
          <Card title={t('pj.stages')} size="small" data-testid="project-stages">
            <StageCard d={d} today={settings?.today ?? ''} onChanged={detail.reload} />
          </Card>
        </Col>
        <Col xs={24}>
          <InvestmentChart d={d} year={year} />
        </Col>
        <Col xs={24}>
          <ReturnsCard d={d} onChanged={detail.reload} />
        </Col>
        <Col xs={24} xl={14}>
          <ProblemsCard d={d} />
        </Col>
        <Col xs={24} xl={10}>
          <EvidenceCard d={d} onChanged={detail.reload} />
        </Col>
        <Col xs={24}>
          <Card title={t('pj.history')} size="small">
            <Table
              rowKey={(h) => `${h.at}-${h.action}-${h.detail}`}
              size="small"
              dataSource={[...d.history].reverse()}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 860 }}
              locale={{ emptyText: t('pj.none') }}
              data-testid="project-history"
              columns={[
                { title: t('pj.time'), dataIndex: 'at', width: 150, render: (v: string) => fmtTime(v) },
                { title: t('pj.action'), dataIndex: 'action', width: 140, render: (v: string) => actionName(v, t) },
                {
                  title: t('pj.operator'),
                  dataIndex: 'person',
                  width: 200,
                  render: (_: unknown, h) => <PersonName person={h.person} />,
                },
                {
                  title: t('pj.detail'),
                  dataIndex: 'detail',
                  render: (_: unknown, h) => historyDetail(h.action, h.detail, lang, t),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <ReturnModal
        open={filing}
        d={d}
        month={judged}
        onClose={() => setFiling(false)}
        onSaved={() => {
          setFiling(false);
          detail.reload();
        }}
      />
    </>
  );
}

function FactsCard({ d, districtName }: { d: ProjectDetail; districtName: string }) {
  const { lang, t } = useI18n();
  const date = (v: string | null) => v ?? '—';
  return (
    <Card title={t('pj.facts')} size="small">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('pj.code')}>
          <span data-testid="project-code">{d.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('pj.owner')}>{d.owner}</Descriptions.Item>
        <Descriptions.Item label={t('pj.level')}>{levelName(d.level, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('pj.chain')}>{d.chainName[lang] || d.chain}</Descriptions.Item>
        <Descriptions.Item label={t('pj.district')}>{districtName}</Descriptions.Item>
        <Descriptions.Item label={t('pj.statistics')}>
          {d.statisticsStatus === 'entered' ? t('pj.entered') : t('pj.notEntered')}
        </Descriptions.Item>
        <Descriptions.Item label={t('pj.total')}>{fmtWan(d.totalInvestment, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('pj.funding')}>
          {d.funding.length === 0
            ? '—'
            : d.funding.map((f) => (
                <div key={f.source}>
                  {FUNDING_SOURCE_NAMES[f.source][lang]}：{fmtWan(f.amount, lang)}
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('pj.planned')}>{fmtWan(d.planned, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('pj.ytd')}>
          {fmtWan(d.ytd, lang)}（{fmtRate(d.rate)}）
        </Descriptions.Item>
        <Descriptions.Item label={`${t('pj.start')}（${t('pj.plannedDate')}/${t('pj.actualDate')}）`}>
          {date(d.plannedStart)} / {date(d.actualStart)}
        </Descriptions.Item>
        <Descriptions.Item label={`${t('pj.completion')}（${t('pj.plannedDate')}/${t('pj.actualDate')}）`}>
          {date(d.plannedCompletion)} / {date(d.actualCompletion)}
        </Descriptions.Item>
        <Descriptions.Item label={`${t('pj.production')}（${t('pj.plannedDate')}/${t('pj.actualDate')}）`}>
          {date(d.plannedProduction)} / {date(d.actualProduction)}
        </Descriptions.Item>
        {d.responsibility ? (
          <>
            <Descriptions.Item label={t('pj.listItem')}>
              {d.listItemId ? (
                <Link to={`/lists/items/${d.listItemId}`}>{d.responsibility.listItemCode}</Link>
              ) : (
                d.responsibility.listItemCode
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('pj.leader')}>{d.responsibility.leaderName}</Descriptions.Item>
            <Descriptions.Item label={t('pj.leadUnit')}>{d.responsibility.leadUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('pj.personInCharge')}>{d.responsibility.personInCharge}</Descriptions.Item>
          </>
        ) : null}
        {d.content ? (
          <Descriptions.Item label={t('pj.content')} span={2}>
            {d.content}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

/** Planned cumulative (the plan × its monthly profile) against the approved returns' year to date, by month. */
function InvestmentChart({ d, year }: { d: ProjectDetail; year: number }) {
  const { lang, t } = useI18n();
  const plan = d.plans.find((p) => p.year === year) ?? d.plans.at(-1);
  const option = useMemo<ChartOption | null>(() => {
    if (!plan) return null;
    const months = Array.from({ length: 12 }, (_, i) => `${plan.year}-${String(i + 1).padStart(2, '0')}`);
    const byMonth = new Map(d.returns.filter((r) => r.month.startsWith(`${plan.year}-`)).map((r) => [r.month, r]));
    const yi = (wan: number) => Number((wan / 10_000).toFixed(4));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? fmtWan(v * 10_000, lang) : '—') },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => (lang === 'en' ? m : `${Number(m.slice(5))}月`)) },
      yAxis: { type: 'value', name: lang === 'en' ? '100 m yuan' : '亿元' },
      series: [
        {
          name: t('pj.chartPlanned'),
          type: 'line',
          data: plan.expected.map((share) => yi(share * plan.planned)),
          lineStyle: { type: 'dashed' },
        },
        {
          name: t('pj.chartActual'),
          type: 'line',
          data: months.map((m) => {
            const r = byMonth.get(m);
            return r ? yi(r.ytd) : null;
          }),
          connectNulls: false,
        },
        {
          name: t('pj.chartMonth'),
          type: 'bar',
          data: months.map((m) => {
            const r = byMonth.get(m);
            return r ? yi(r.thisMonth) : null;
          }),
          itemStyle: { opacity: 0.5 },
        },
      ],
    };
  }, [d.returns, plan, lang, t]);
  return (
    <Card
      title={t('pj.chart')}
      size="small"
      extra={plan ? `${plan.year} · ${PLAN_STATUS_NAMES[plan.status][lang]} · ${fmtWan(plan.planned, lang)}` : null}
    >
      {option ? (
        <Chart option={option} height={300} ariaLabel={t('pj.chart')} />
      ) : (
        <Empty description={t('pj.noPlan')} />
      )}
    </Card>
  );
}

function ReturnsCard({ d, onChanged }: { d: ProjectDetail; onChanged: () => void }) {
  const { lang, t } = useI18n();
  const { message, modal } = App.useApp();
  const review = (r: ProjectReturn, decision: 'approve' | 'return') => {
    let comment = '';
    modal.confirm({
      title: decision === 'approve' ? t('pj.approve') : t('pj.return'),
      content: <Input.TextArea rows={2} placeholder={t('pj.comment')} onChange={(e) => (comment = e.target.value)} />,
      onOk: async () => {
        try {
          await call(projectRoutes.reviewReturns, { body: { ids: [r.id], decision, comment } });
          void message.success(decision === 'approve' ? t('pj.approved') : t('pj.returned'));
          onChanged();
        } catch (e) {
          void message.error(errorText(e, lang));
        }
      },
    });
  };
  const rows = [...d.returns].sort((a, b) => b.month.localeCompare(a.month));
  const wide = Grid.useBreakpoint().md === true;
  // A generated return has no person behind it: say so rather than "system".
  const who = (r: ProjectReturn) => (r.generated ? t('pj.generatedBy') : undefined);
  return (
    <Card title={t('pj.returns')} size="small">
      <Table<ProjectReturn>
        rowKey="id"
        size="small"
        dataSource={rows}
        scroll={{ x: 1150 }}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        locale={{ emptyText: t('pj.none') }}
        data-testid="project-returns"
        columns={[
          { title: t('pj.month'), dataIndex: 'month', width: 84 },
          {
            title: t('pj.thisMonth'),
            dataIndex: 'thisMonth',
            width: 100,
            align: 'right',
            render: (v: number) => fmtWan(v, lang),
          },
          { title: t('pj.ytd'), dataIndex: 'ytd', width: 100, align: 'right', render: (v: number) => fmtWan(v, lang) },
          {
            title: t('pj.sinceStart'),
            dataIndex: 'sinceStart',
            width: 100,
            align: 'right',
            render: (v: number) => fmtWan(v, lang),
          },
          {
            title: t('pj.progress'),
            dataIndex: 'progressText',
            render: (_: unknown, r) => `${r.progressPercent}% ${r.progressText}`,
          },
          { title: t('pj.workers'), dataIndex: 'workers', width: 76, align: 'right' },
          {
            title: `${t('pj.filedBy')}/${t('pj.reviewedBy')}`,
            dataIndex: 'filedBy',
            width: 170,
            render: (_: unknown, r) => (
              <>
                <div>
                  <PersonName person={r.filedByPerson} system={who(r)} />
                </div>
                {r.reviewedAt ? (
                  <div>
                    <PersonName person={r.reviewedByPerson} system={who(r)} />
                  </div>
                ) : null}
              </>
            ),
          },
          {
            title: t('pj.warnings'),
            dataIndex: 'warnings',
            width: 90,
            render: (_: unknown, r) =>
              r.warnings.length === 0 ? (
                '—'
              ) : (
                <Tooltip title={r.warnings.map((w) => w.message[lang]).join('；')}>
                  <Tag color="orange">{r.warnings.length}</Tag>
                </Tooltip>
              ),
          },
          {
            title: t('pj.status'),
            dataIndex: 'status',
            width: 150,
            ...(wide ? { fixed: 'right' as const } : {}),
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <Tooltip title={r.comment || undefined}>
                  <Tag color={RETURN_COLOR[r.status]} data-testid={`return-${r.month}-${r.status}`}>
                    {RETURN_STATUS_NAMES[r.status][lang]}
                  </Tag>
                </Tooltip>
                {d.mayReview && r.status === 'submitted' ? (
                  <>
                    <Button size="small" type="link" onClick={() => review(r, 'approve')} data-testid="return-approve">
                      {t('pj.approve')}
                    </Button>
                    <Button size="small" type="link" danger onClick={() => review(r, 'return')}>
                      {t('pj.return')}
                    </Button>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function ProblemsCard({ d }: { d: ProjectDetail }) {
  const { t } = useI18n();
  const problems = d.returns.flatMap((r) => r.problems.map((p) => ({ ...p, month: r.month })));
  return (
    <Card title={t('pj.problems')} size="small">
      <Table
        rowKey="id"
        size="small"
        dataSource={problems}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: t('pj.none') }}
        columns={[
          { title: t('pj.problem'), dataIndex: 'description' },
          { title: t('pj.problemUnit'), dataIndex: 'ownerUnitName', width: 140 },
          { title: t('pj.dueDate'), dataIndex: 'dueDate', width: 104 },
          {
            title: t('pj.status'),
            dataIndex: 'status',
            width: 150,
            render: (_: unknown, p) =>
              p.status === 'resolved' ? (
                <Tag color="success">{t('pj.resolved')}</Tag>
              ) : p.late ? (
                <Tag color="red">{t('pj.late')}</Tag>
              ) : (
                <Tag>{t('pj.open')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

interface ReturnForm {
  month: string;
  thisMonth: number;
  ytd: number;
  sinceStart: number;
  progressText: string;
  progressPercent: number;
  workers: number;
  problems: { description: string; ownerUnitId: string; dueDate: string }[];
}

/** Files (saves and submits) the month's return; every field the server refuses is marked on the form. */
function ReturnModal({
  open,
  d,
  month,
  onClose,
  onSaved,
}: {
  open: boolean;
  d: ProjectDetail;
  month: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReturnForm>();
  const [saving, setSaving] = useState(false);
  const last = [...d.returns].sort((a, b) => b.month.localeCompare(a.month))[0];
  const existing = d.returns.find((r) => r.month === month);

  const save = async (v: ReturnForm) => {
    setSaving(true);
    try {
      const r = await call(projectRoutes.saveReturn, {
        params: { id: d.id, month: v.month },
        body: {
          version: d.returns.find((x) => x.month === v.month)?.version ?? null,
          thisMonth: v.thisMonth,
          ytd: v.ytd,
          sinceStart: v.sinceStart,
          progressText: v.progressText,
          progressPercent: v.progressPercent,
          workers: v.workers,
          problems: v.problems ?? [],
        },
      });
      await call(projectRoutes.submitReturns, { body: { ids: [r.id] } });
      if (r.warnings.length > 0) void message.warning(r.warnings.map((w) => w.message[lang]).join('；'), 8);
      void message.success(t('pj.saved'));
      onSaved();
    } catch (e) {
      const error = toApiError(e);
      form.setFields(
        fieldErrors(error, ['thisMonth', 'ytd', 'sinceStart', 'progressText', 'progressPercent', 'workers'], lang),
      );
      void message.error(error.text(lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('pj.fileFor', { month: fmtPeriod(month, lang) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pj.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form<ReturnForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{
          month,
          thisMonth: existing?.thisMonth,
          ytd: existing?.ytd,
          sinceStart: existing?.sinceStart,
          progressText: existing?.progressText ?? last?.progressText,
          progressPercent: existing?.progressPercent ?? last?.progressPercent,
          workers: existing?.workers ?? last?.workers,
          problems: [],
        }}
        data-testid="return-form"
      >
        <Form.Item name="month" label={t('pj.month')} rules={[{ required: true, pattern: /^\d{4}-\d{2}$/ }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Space wrap>
          {(['thisMonth', 'ytd', 'sinceStart'] as const).map((f) => (
            <Form.Item key={f} name={f} label={`${t(`pj.${f}`)}（${t('pj.unit.wan')}）`} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: 170 }} data-testid={`return-${f}`} />
            </Form.Item>
          ))}
        </Space>
        <Space wrap>
          <Form.Item name="progressPercent" label={`${t('pj.progress')}（%）`} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="workers" label={t('pj.workers')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="progressText" label={t('pj.progress')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Card key={field.key} size="small" style={{ marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'description']} label={t('pj.problem')} rules={[{ required: true }]}>
                    <Input maxLength={500} />
                  </Form.Item>
                  <Space wrap align="end">
                    <Form.Item
                      name={[field.name, 'ownerUnitId']}
                      label={t('pj.problemUnit')}
                      rules={[{ required: true }]}
                    >
                      <UnitField />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueDate']} label={t('pj.dueDate')} rules={[{ required: true }]}>
                      <DateField />
                    </Form.Item>
                    <Form.Item>
                      <Button danger onClick={() => remove(field.name)}>
                        {t('pj.delete')}
                      </Button>
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button onClick={() => add()}>{t('pj.addProblem')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function UnitField({ value, onChange }: { value?: string; onChange?: (v: string | undefined) => void }) {
  return <OrgUnitTreeSelect scope={null} value={value} onChange={(v) => onChange?.(v)} width={260} />;
}
