import { EyeInvisibleOutlined, EyeOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { BUILTIN_CASE_KINDS, type CaseAction } from '../../../domain/households/cases.ts';
import {
  FLAG_NAMES,
  INCOME_PART_NAMES,
  INCOME_SOURCE_NAMES,
  RELATION_NAMES,
} from '../../../domain/households/registry.ts';
import { INCOME_SOURCES } from '../../../domain/households/registry.ts';
import { STAT_FLAGS } from '../../../domain/households/statistics.ts';
import { householdCaseRoutes, type CaseListRow } from '../../../shared/api/household-cases.ts';
import {
  householdRoutes,
  type HistoryEntry,
  type IncomeView,
  type MemberView,
} from '../../../shared/api/households.ts';
import { call } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import { fmtTime } from '../../format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { fieldName } from '../../fieldName.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { isMsgId, useI18n } from '../../i18n.ts';
import { CaseActModal, CaseActions, CaseDrawer, useServerToday } from './CaseParts.tsx';
import {
  CaseStatusTag,
  CaseSteps,
  ClassTags,
  fmtBracket,
  fmtYuan,
  perCapitaText,
  ReasonModal,
  stepName,
  useDialogSave,
  useUnitName,
} from './common.tsx';
import './households.css';

const FLAG_STATE_COLOR = { yes: 'red', possibly: 'gold', no: 'default' } as const;

/**
 * 家庭详情: one household — members (masked unless asked in clear with a reason), income by year in the survey's
 * 10,000-yuan steps with its source, the flags with their explanations, its monitoring cases with their step in the
 * workflow and the acts the reader may do, and every change kept.
 */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const { lang, t } = useI18n();
  const unitName = useUnitName();
  const [reason, setReason] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [openCase, setOpenCase] = useState<CaseListRow | null>(null);
  const [acting, setActing] = useState<{ row: CaseListRow; action: CaseAction } | null>(null);
  const [leadOpen, setLeadOpen] = useState(false);
  const [incomeOpen, setIncomeOpen] = useState(false);
  const detail = useRoute(householdRoutes.detail, {
    params: { id },
    query: reason ? { unmask: 'true', reason } : {},
  });
  const cases = useRoute(householdCaseRoutes.ofHousehold, { params: { id } });
  const mine = cases.data ?? [];
  const reload = () => {
    detail.reload();
    cases.reload();
  };

  if (detail.error && !detail.data) return <ErrorAlert error={detail.error} onRetry={detail.reload} />;
  const h = detail.data;
  if (!h) return <FullPageSpin />;

  const memberColumns = [
    {
      title: t('hh.member.name'),
      dataIndex: 'name',
      width: 90,
      fixed: 'left' as const,
      render: (v: string) => <span data-testid="member-name">{v}</span>,
    },
    {
      title: t('hh.member.relation'),
      dataIndex: 'relation',
      width: 80,
      render: (r: MemberView['relation']) => RELATION_NAMES[r][lang],
    },
    {
      title: t('hh.member.sex'),
      dataIndex: 'sex',
      width: 56,
      render: (s: MemberView['sex']) => t(s === 'male' ? 'hh.male' : 'hh.female'),
    },
    { title: t('hh.member.age'), dataIndex: 'age', width: 56, align: 'right' as const },
    {
      title: t('hh.member.idNumber'),
      dataIndex: 'idNumber',
      width: 190,
      render: (v: string) => <code data-testid="member-id">{v}</code>,
    },
    { title: t('hh.member.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('hh.member.work'),
      key: 'work',
      width: 200,
      render: (_: unknown, m: MemberView) => (
        <span>
          {m.employed ? (
            <Tag color="green">
              {t('hh.member.employed')}
              {m.employedSince ? ` · ${m.employedSince}` : ''}
            </Tag>
          ) : m.workingAge && m.ableToWork && m.willingToWork && !m.inSchool && !m.retired ? (
            <Tag color="volcano">{t('hh.member.unemployed')}</Tag>
          ) : null}
          {m.employer ? <div className="hh-muted">{m.employer}</div> : null}
        </span>
      ),
    },
    {
      title: t('hh.member.situation'),
      key: 'situation',
      width: 220,
      render: (_: unknown, m: MemberView) => {
        const tags: string[] = [];
        if (m.inSchool) tags.push(t('hh.member.inSchool'));
        if (m.retired) tags.push(t('hh.member.retired'));
        if (m.disabilityGrade !== null) tags.push(t('hh.member.disabled', { grade: m.disabilityGrade }));
        if (m.seriouslyIll) tags.push(t('hh.member.ill'));
        if (!m.ableToWork) tags.push(t('hh.member.noLabour'));
        else if (!m.willingToWork) tags.push(t('hh.member.unwilling'));
        return (
          <span className="hh-tags">
            {tags.length === 0 ? <span className="hh-muted">—</span> : tags.map((x) => <Tag key={x}>{x}</Tag>)}
            {m.notes.map((n, i) => (
              <div key={i} className="hh-muted">
                {n[lang]}
              </div>
            ))}
          </span>
        );
      },
    },
  ];

  const incomeColumns = [
    { title: t('hh.income.year'), dataIndex: 'year', width: 70 },
    {
      title: t('hh.income.total'),
      key: 'total',
      width: 170,
      render: (_: unknown, i: IncomeView) =>
        i.kind === 'exact' ? (
          fmtYuan(i.total, lang)
        ) : (
          <span>
            {fmtBracket(i.bracketLow ?? 0, i.bracketHigh, lang)}
            <div className="hh-muted">{t('hh.bracketOnly')}</div>
          </span>
        ),
    },
    {
      title: t('hh.income.step'),
      key: 'step',
      width: 120,
      render: (_: unknown, i: IncomeView) => {
        if (i.kind === 'bracket') return fmtBracket(i.bracketLow ?? 0, i.bracketHigh, lang);
        if (i.total === null) return '—';
        const low = Math.floor(i.total / 10_000) * 10_000;
        return fmtBracket(low, low + 10_000, lang);
      },
    },
    {
      title: t('hh.income.parts'),
      key: 'parts',
      width: 260,
      render: (_: unknown, i: IncomeView) => {
        const parts = (['wages', 'business', 'property', 'transfers'] as const).filter((p) => i[p] !== null);
        if (parts.length === 0) return <span className="hh-muted">—</span>;
        return parts.map((p) => (
          <div key={p}>
            {INCOME_PART_NAMES[p][lang]} {fmtYuan(i[p], lang)}
          </div>
        ));
      },
    },
    {
      title: t('hh.income.source'),
      key: 'source',
      width: 200,
      render: (_: unknown, i: IncomeView) => (
        <span>
          {INCOME_SOURCE_NAMES[i.source][lang]}
          {i.sourceDetail ? ` · ${i.sourceDetail}` : ''}
          <div className="hh-muted">{i.recordedOn}</div>
        </span>
      ),
    },
    {
      title: '',
      dataIndex: 'current',
      width: 80,
      render: (c: boolean) => (c ? <Tag color="blue">{t('hh.income.current')}</Tag> : null),
    },
  ];

  const historyColumns = [
    { title: t('hh.history.at'), dataIndex: 'at', width: 150, render: (v: string) => fmtTime(v) },
    {
      title: t('hh.history.user'),
      dataIndex: 'user',
      width: 120,
      render: (v: string | null) => v ?? t('hh.history.system'),
    },
    {
      title: t('hh.history.what'),
      key: 'what',
      width: 300,
      render: (_: unknown, e: HistoryEntry) => {
        const id = `hh.history.${e.action}`;
        const name = isMsgId(id) ? t(id) : e.action;
        const field = e.field ? fieldName(e.field, t) : '';
        return (
          <span>
            {name}
            {field ? ` · ${field}` : ''}
            {e.oldValue !== null || e.newValue !== null ? (
              <div className="hh-muted">
                {e.oldValue ?? '—'} → {e.newValue ?? '—'}
              </div>
            ) : null}
          </span>
        );
      },
    },
    { title: t('hh.history.reason'), dataIndex: 'reason', width: 200 },
  ];

  return (
    <div className="hh-page">
      <PageHeader
        title={
          <Space wrap>
            <span>{t('hh.page.title', { code: h.code })}</span>
            {h.generated ? <GeneratedTag /> : null}
            {h.status === 'closed' ? <Tag>{t('hh.closedHousehold')}</Tag> : null}
          </Space>
        }
        subtitle={`${unitName(h.districtId, h.districtName)} · ${unitName(h.townshipId, h.townshipName)} · ${unitName(h.villageId, h.villageName)}${h.urban ? `（${t('hh.urban')}）` : `（${t('hh.rural')}）`}`}
        extra={
          <Space wrap>
            {h.mayUnmask ? (
              h.unmasked ? (
                <Button icon={<EyeInvisibleOutlined />} onClick={() => setReason(null)} data-testid="mask">
                  {t('hh.mask')}
                </Button>
              ) : (
                <Button icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid="unmask">
                  {t('hh.unmask')}
                </Button>
              )
            ) : null}
            {h.mayEdit ? (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setIncomeOpen(true)} data-testid="add-income">
                  {t('hh.income.add')}
                </Button>
                <Button
                  type="primary"
                  icon={<FormOutlined />}
                  onClick={() => setLeadOpen(true)}
                  data-testid="open-lead"
                >
                  {t('hh.lead.open')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      {h.unmasked ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('hh.unmaskedNote', { reason: reason ?? '' })}
          data-testid="unmasked-note"
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('hh.maskedNote')}</Typography.Paragraph>
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('hh.head')}>
            <span data-testid="head-name">{h.headName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('hh.size')}>{t('hh.people', { n: h.size })}</Descriptions.Item>
          <Descriptions.Item label={t('hh.perCapita')}>
            {perCapitaText(h.perCapita, lang)}
            {h.incomeYear ? <span className="hh-muted">（{t('hh.yearOf', { year: h.incomeYear })}）</span> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('hh.incomeClass')}>
            <ClassTags classes={h.incomeClasses} />
          </Descriptions.Item>
          <Descriptions.Item label={t('hh.address')}>{h.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('hh.assessedOn')}>{h.assessedOn}</Descriptions.Item>
          <Descriptions.Item label={t('hh.incomeRule')} span={2}>
            {h.incomeRule[lang]}
          </Descriptions.Item>
          {h.note ? (
            <Descriptions.Item label={t('hh.note')} span={4}>
              {h.note}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>

      <Card size="small" title={t('hh.flags')} style={{ marginBottom: 16 }} data-testid="flag-card">
        {STAT_FLAGS.map((f) => {
          const d = h.flagDetails[f];
          if (!d) return null;
          return (
            <div key={f} className="hh-flag-line">
              <Tag color={FLAG_STATE_COLOR[d.state]} data-testid={`flag-${f}-${d.state}`}>
                {FLAG_NAMES[f][lang]}：{t(`hh.flagState.${d.state}`)}
              </Tag>
              <span>{d.explanation[lang]}</span>
            </div>
          );
        })}
      </Card>

      <Card size="small" title={t('hh.cases')} style={{ marginBottom: 16 }} data-testid="case-card">
        {cases.error ? <ErrorAlert error={cases.error} onRetry={cases.reload} /> : null}
        {mine.length === 0 ? (
          <Typography.Text type="secondary">{t('hh.noCase')}</Typography.Text>
        ) : (
          mine.map((c) => (
            <div key={c.id} className="hh-case" data-testid={`case-${c.code}`}>
              <Space wrap style={{ marginBottom: 8 }}>
                <b>{c.code}</b>
                <span>{c.kindName[lang]}</span>
                <CaseStatusTag status={c.status} />
                {c.step ? (
                  <span className={c.overdue ? 'hh-overdue' : 'hh-muted'}>
                    {t('hh.waitingFor', { step: stepName(c.step.step, lang), date: c.step.due })}
                    {c.overdue ? ` · ${t('hh.overdue')}` : ''}
                  </span>
                ) : null}
                {c.generated ? <GeneratedTag /> : null}
              </Space>
              <CaseSteps status={c.status} due={c.step?.due ?? null} />
              <Space wrap style={{ marginTop: 8 }}>
                <CaseActions row={c} onAct={(action) => setActing({ row: c, action })} />
                <Button type="link" onClick={() => setOpenCase(c)} data-testid={`case-open-${c.code}`}>
                  {t('hh.case.openFull')}
                </Button>
              </Space>
            </div>
          ))
        )}
      </Card>

      <Card size="small" title={t('hh.members')} style={{ marginBottom: 16 }}>
        <Table<MemberView>
          rowKey="id"
          size="small"
          pagination={false}
          columns={memberColumns}
          dataSource={h.members}
          scroll={{ x: 1020 }}
          data-testid="member-table"
        />
      </Card>
      <Card size="small" title={t('hh.incomes')} style={{ marginBottom: 16 }}>
        <Table<IncomeView>
          rowKey="id"
          size="small"
          pagination={false}
          columns={incomeColumns}
          dataSource={h.incomes}
          scroll={{ x: 900 }}
        />
      </Card>
      <Card size="small" title={t('common.history')}>
        <Table<HistoryEntry>
          rowKey={(e, i) => `${e.at}-${i ?? 0}`}
          size="small"
          columns={historyColumns}
          dataSource={[...h.history].reverse()}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 770 }}
        />
      </Card>

      <ReasonModal
        open={asking}
        title={t('hh.unmaskTitle')}
        onCancel={() => setAsking(false)}
        onOk={(r) => {
          setAsking(false);
          setReason(r);
        }}
      />
      <CaseDrawer row={openCase} onClose={() => setOpenCase(null)} onChanged={reload} />
      <CaseActModal
        target={
          acting
            ? { id: acting.row.id, code: acting.row.code, version: acting.row.version, action: acting.action }
            : null
        }
        onClose={() => setActing(null)}
        onDone={reload}
      />
      <LeadModal
        open={leadOpen}
        householdId={h.id}
        villageId={h.villageId}
        onClose={() => setLeadOpen(false)}
        onDone={reload}
      />
      <IncomeModal
        open={incomeOpen}
        householdId={h.id}
        version={h.version}
        onClose={() => setIncomeOpen(false)}
        onDone={reload}
      />
    </div>
  );
}

/** 登记线索: a cadre's visit or a household's own report opens a case (or joins the live one of that kind). */
export function LeadModal({
  open,
  householdId,
  villageId,
  onClose,
  onDone,
}: {
  open: boolean;
  householdId: string;
  villageId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { lang, t } = useI18n();
  const today = useServerToday();
  const [form] = Form.useForm<{ kind: string; source: 'visit' | 'selfReport'; reason: string; leadDate: string }>();
  const { busy, save } = useDialogSave(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      const r = await call(householdCaseRoutes.open, {
        body: { householdId, villageId, kind: v.kind, source: v.source, reason: v.reason.trim(), leadDate: v.leadDate },
      });
      return r.created ? t('hh.lead.created', { code: r.code }) : t('hh.lead.joined', { code: r.code });
    });
  };
  return (
    <Modal
      open={open}
      title={t('hh.lead.open')}
      okText={t('hh.confirm')}
      okButtonProps={{ loading: busy, 'data-testid': 'lead-ok' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ source: 'visit', kind: 'below10k', leadDate: today }}
      >
        <Form.Item name="source" label={t('hh.lead.source')}>
          <Radio.Group
            options={[
              { value: 'visit', label: t('hh.lead.visit') },
              { value: 'selfReport', label: t('hh.lead.selfReport') },
            ]}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('hh.case.kind')} rules={[{ required: true }]}>
          <Select
            options={BUILTIN_CASE_KINDS.map((k) => ({ value: k.code, label: k.name[lang] }))}
            data-testid="lead-kind"
          />
        </Form.Item>
        <Form.Item name="leadDate" label={t('hh.lead.date')}>
          <DateField max={today} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('hh.lead.reason')}
          rules={[{ required: true, whitespace: true, message: t('hh.lead.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="lead-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记收入: an income figure, exact or only its 10,000-yuan step, with its source and the reason of the change. */
function IncomeModal({
  open,
  householdId,
  version,
  onClose,
  onDone,
}: {
  open: boolean;
  householdId: string;
  version: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { lang, t } = useI18n();
  const today = useServerToday();
  const [form] = Form.useForm<{
    year: number;
    kind: 'exact' | 'bracket';
    total?: number;
    step?: number;
    source: (typeof INCOME_SOURCES)[number];
    sourceDetail?: string;
    recordedOn: string;
    reason: string;
  }>();
  const kind = Form.useWatch('kind', form);
  const { busy, save } = useDialogSave(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await save(async () => {
      await call(householdRoutes.addIncome, {
        params: { id: householdId },
        body: {
          version,
          reason: v.reason.trim(),
          income: {
            year: v.year,
            kind: v.kind,
            total: v.kind === 'exact' ? (v.total ?? null) : null,
            wages: null,
            business: null,
            property: null,
            transfers: null,
            bracketLow: v.kind === 'bracket' ? (v.step ?? 0) * 10_000 : null,
            bracketHigh: v.kind === 'bracket' ? ((v.step ?? 0) >= 50 ? null : ((v.step ?? 0) + 1) * 10_000) : null,
            source: v.source,
            sourceDetail: v.sourceDetail?.trim() ?? '',
            recordedOn: v.recordedOn,
          },
        },
      });
      return t('hh.income.saved');
    });
  };
  const year = Number(today.slice(0, 4)) - 1;
  return (
    <Modal
      open={open}
      title={t('hh.income.add')}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'income-ok' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ year, kind: 'exact', source: 'verification', recordedOn: today, step: 1 }}
      >
        <Space wrap>
          <Form.Item name="year" label={t('hh.income.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="kind" label={t('hh.income.kind')}>
            <Radio.Group
              options={[
                { value: 'exact', label: t('hh.income.exact') },
                { value: 'bracket', label: t('hh.income.bracket') },
              ]}
            />
          </Form.Item>
        </Space>
        {kind === 'bracket' ? (
          <Form.Item name="step" label={t('hh.income.step')} rules={[{ required: true }]}>
            <Select
              options={Array.from({ length: 51 }, (_, n) => ({
                value: n,
                label: fmtBracket(n * 10_000, n >= 50 ? null : (n + 1) * 10_000, lang),
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="total" label={t('hh.income.total')} rules={[{ required: true }]}>
            <InputNumber
              min={0}
              max={100_000_000}
              style={{ width: '100%' }}
              suffix={t('hh.yuan')}
              data-testid="income-total"
            />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="source" label={t('hh.income.source')}>
            <Select
              style={{ width: 160 }}
              options={INCOME_SOURCES.map((s) => ({ value: s, label: INCOME_SOURCE_NAMES[s][lang] }))}
            />
          </Form.Item>
          <Form.Item name="recordedOn" label={t('hh.income.recordedOn')}>
            <DateField max={today} />
          </Form.Item>
        </Space>
        <Form.Item name="sourceDetail" label={t('hh.income.sourceDetail')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label={t('hh.changeReason')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="income-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
