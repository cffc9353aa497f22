/**
 * A monitoring case's acts and its full view, shared by the household page and the village workbench: the dialog of
 * one act (a visit, a measure, a re-verification, a step with its note or reason) and the drawer that opens a case
 * in full (with the reason kept in the audit trail).
 */
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  CASE_ACTION_NAMES,
  CASE_SOURCE_NAMES,
  CASE_STATUS_NAMES,
  MEASURE_KIND_NAMES,
  MEASURE_KINDS,
  type CaseAction,
  type CaseStatus,
} from '../../../domain/households/cases.ts';
import { householdCaseRoutes, type CaseListRow } from '../../../shared/api/household-cases.ts';
import { call } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import { fmtTime } from '../../format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n, isMsgId } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { CaseStatusTag, CaseSteps, fmtYuan, ReasonModal, stepName, useDialogSave } from './common.tsx';

/** "Today" as the server has it (its clock decides deadlines and refuses dates after it). */
export function useServerToday(): string {
  const { data } = useRoute(householdCaseRoutes.clearing, { query: { level: 'village' } }, { cache: true });
  return data?.today ?? new Date().toISOString().slice(0, 10);
}

const NEEDS_REASON: readonly CaseAction[] = ['dismiss', 'rollbackRemoval', 'reflag'];
/** The acts shown as the main button (the workflow's next step); the others go in a row of plain buttons. */
export const FORWARD: readonly CaseAction[] = [
  'recordVisit',
  'compareData',
  'democraticReview',
  'startNotice',
  'townshipApprove',
  'countyApprove',
  'addMeasure',
  'reverifyIncome',
  'removeRisk',
  'close',
];

interface ActValues {
  visitedOn?: string;
  cadreName?: string;
  findings?: string;
  note?: string;
  reason?: string;
  noticeFrom?: string;
  kind?: (typeof MEASURE_KINDS)[number];
  description?: string;
  startDate?: string;
  endDate?: string;
  outcome?: string;
  on?: string;
  perCapitaIncome?: number;
  aboveLineSince?: string;
  employedSince?: string;
  rigidCostsSolved?: boolean;
}

/** The dialog of one act on a case; `onDone` after the server has accepted it. */
export function CaseActModal({
  target,
  onClose,
  onDone,
}: {
  target: { id: string; code: string; version: number; action: CaseAction } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { lang, t } = useI18n();
  const { user } = useSession();
  const today = useServerToday();
  const [form] = Form.useForm<ActValues>();
  const { busy, save } = useDialogSave(onDone, onClose);
  const action = target?.action;

  const submit = async () => {
    if (!target || !action) return;
    const v = await form.validateFields();
    const body: Parameters<typeof call<typeof householdCaseRoutes.act>>[1]['body'] = {
      action,
      version: target.version,
      note: v.note?.trim() ? v.note.trim() : null,
      reason: v.reason?.trim() ? v.reason.trim() : null,
    };
    if (action === 'recordVisit') {
      body.visit = { visitedOn: v.visitedOn ?? today, cadreName: v.cadreName ?? '', findings: v.findings ?? '' };
    }
    if (action === 'startNotice' && v.noticeFrom) body.noticeFrom = v.noticeFrom;
    if (action === 'addMeasure') {
      body.measure = {
        kind: v.kind ?? 'other',
        description: v.description ?? '',
        cadreName: v.cadreName ?? '',
        startDate: v.startDate ?? today,
        endDate: v.endDate ?? null,
        outcome: v.outcome?.trim() ? v.outcome.trim() : null,
      };
    }
    if (action === 'reverifyIncome') {
      body.reverification = {
        on: v.on ?? today,
        perCapitaIncome: v.perCapitaIncome ?? 0,
        aboveLineSince: v.aboveLineSince ?? null,
        employedSince: v.employedSince ?? null,
        rigidCostsSolved: v.rigidCostsSolved ?? false,
        note: v.note?.trim() ? v.note.trim() : null,
      };
    }
    await save(async () => {
      await call(householdCaseRoutes.act, { params: { id: target.id }, body });
      return t('hh.act.done', { action: CASE_ACTION_NAMES[action][lang] });
    });
  };

  const cadre = user?.displayName ?? '';
  return (
    <Modal
      open={target !== null}
      title={action ? `${CASE_ACTION_NAMES[action][lang]} · ${target?.code ?? ''}` : ''}
      okText={t('hh.confirm')}
      okButtonProps={{ loading: busy, 'data-testid': 'act-ok' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={520}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          visitedOn: today,
          startDate: today,
          on: today,
          noticeFrom: today,
          cadreName: cadre,
          kind: 'jobPlacement',
          rigidCostsSolved: false,
        }}
      >
        {action === 'recordVisit' ? (
          <>
            <Form.Item name="visitedOn" label={t('hh.visit.on')} rules={[{ required: true }]}>
              <DateField max={today} data-testid="visit-on" />
            </Form.Item>
            <Form.Item name="cadreName" label={t('hh.visit.cadre')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} data-testid="visit-cadre" />
            </Form.Item>
            <Form.Item
              name="findings"
              label={t('hh.visit.findings')}
              rules={[{ required: true, whitespace: true, message: t('hh.visit.findingsRequired') }]}
            >
              <Input.TextArea rows={4} maxLength={1000} showCount data-testid="visit-findings" />
            </Form.Item>
          </>
        ) : null}
        {action === 'startNotice' ? (
          <Form.Item name="noticeFrom" label={t('hh.notice.from')} extra={t('hh.notice.hint')}>
            <DateField data-testid="notice-from" />
          </Form.Item>
        ) : null}
        {action === 'addMeasure' ? (
          <>
            <Form.Item name="kind" label={t('hh.measure.kind')} rules={[{ required: true }]}>
              <Select options={MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_NAMES[k][lang] }))} />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('hh.measure.description')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="measure-description" />
            </Form.Item>
            <Form.Item name="cadreName" label={t('hh.measure.cadre')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="startDate" label={t('field.from')} rules={[{ required: true }]}>
                <DateField />
              </Form.Item>
              <Form.Item name="endDate" label={t('field.to')}>
                <DateField />
              </Form.Item>
            </Space>
            <Form.Item name="outcome" label={t('hh.measure.outcome')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {action === 'reverifyIncome' ? (
          <>
            <Form.Item name="on" label={t('hh.reverify.on')} rules={[{ required: true }]}>
              <DateField max={today} />
            </Form.Item>
            <Form.Item name="perCapitaIncome" label={t('hh.reverify.perCapita')} rules={[{ required: true }]}>
              <InputNumber
                min={0}
                max={10_000_000}
                style={{ width: '100%' }}
                suffix={t('hh.yuan')}
                data-testid="reverify-income"
              />
            </Form.Item>
            <Space wrap>
              <Form.Item name="aboveLineSince" label={t('hh.reverify.aboveSince')}>
                <DateField max={today} data-testid="reverify-since" />
              </Form.Item>
              <Form.Item name="employedSince" label={t('hh.reverify.employedSince')}>
                <DateField max={today} />
              </Form.Item>
            </Space>
            <Form.Item name="rigidCostsSolved" label={t('hh.reverify.rigid')} valuePropName="checked">
              <Switch data-testid="reverify-rigid" />
            </Form.Item>
          </>
        ) : null}
        {action && NEEDS_REASON.includes(action) ? (
          <Form.Item
            name="reason"
            label={t('hh.act.reason')}
            rules={[{ required: true, whitespace: true, message: t('hh.act.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="act-reason" />
          </Form.Item>
        ) : action && action !== 'reverifyIncome' ? (
          <Form.Item name="note" label={t('hh.act.note')}>
            <Input.TextArea rows={2} maxLength={500} data-testid="act-note" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** The buttons of the acts the reader may do on a case now (the server lists them). */
export function CaseActions({
  row,
  onAct,
  size = 'middle',
}: {
  row: CaseListRow;
  onAct: (action: CaseAction) => void;
  size?: 'small' | 'middle' | 'large';
}) {
  const { lang } = useI18n();
  if (row.actions.length === 0) return null;
  return (
    <Space wrap size={[8, 8]}>
      {row.actions.map((a) => (
        <Button
          key={a}
          size={size}
          type={FORWARD.includes(a) && a === row.actions.find((x) => FORWARD.includes(x)) ? 'primary' : 'default'}
          danger={a === 'dismiss'}
          onClick={() => onAct(a)}
          data-testid={`case-action-${a}`}
        >
          {CASE_ACTION_NAMES[a][lang]}
        </Button>
      ))}
    </Space>
  );
}

function historyText(action: string, lang: 'zh' | 'en', t: (id: never) => string): string {
  if (action in CASE_ACTION_NAMES) return CASE_ACTION_NAMES[action as CaseAction][lang];
  const id = `hh.caseHistory.${action}`;
  return isMsgId(id) ? t(id as never) : action;
}

/** A case in full, opened with a reason (audited): its steps, dates, measures, visits, re-verifications, history. */
export function CaseDrawer({
  row,
  onClose,
  onChanged,
}: {
  row: CaseListRow | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { lang, t } = useI18n();
  const [reason, setReason] = useState<string | null>(null);
  const [acting, setActing] = useState<CaseAction | null>(null);
  const detail = useRoute(
    householdCaseRoutes.detail,
    row && reason ? { params: { id: row.id }, query: { reason } } : null,
  );
  const close = () => {
    setReason(null);
    onClose();
  };
  const c = detail.data?.case;
  return (
    <>
      <ReasonModal
        open={row !== null && reason === null}
        title={t('hh.case.openTitle', { code: row?.code ?? '' })}
        onCancel={close}
        onOk={setReason}
      />
      <Drawer
        open={row !== null && reason !== null}
        onClose={close}
        size="large"
        title={
          <Space wrap>
            <span>{t('hh.case.title', { code: row?.code ?? '' })}</span>
            {row ? <CaseStatusTag status={row.status} /> : null}
            {row?.generated ? <GeneratedTag /> : null}
          </Space>
        }
        data-testid="case-drawer"
      >
        {detail.error ? <ErrorAlert error={detail.error} onRetry={detail.reload} /> : null}
        {c && detail.data ? (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <CaseSteps status={c.status} due={c.step?.due ?? null} />
            {c.overdue ? (
              <Alert
                type="error"
                showIcon
                title={t('hh.case.overdue', { step: c.step ? stepName(c.step.step, lang) : '' })}
              />
            ) : null}
            <CaseActions row={c} onAct={(a) => setActing(a)} />
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label={t('hh.case.kind')}>{c.kindName[lang]}</Descriptions.Item>
              <Descriptions.Item label={t('hh.case.source')}>
                {CASE_SOURCE_NAMES[c.source][lang]}
                {c.sourceDepartment ? ` · ${c.sourceDepartment}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('hh.case.lead')}>{c.leadDate}</Descriptions.Item>
              <Descriptions.Item label={t('hh.case.step')}>
                {c.step ? `${stepName(c.step.step, lang)} · ${t('hh.dueOn', { date: c.step.due })}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('hh.case.reason')} span={2}>
                {c.sourceReason || '—'}
              </Descriptions.Item>
              {c.dismissReason ? (
                <Descriptions.Item label={t('hh.case.dismissReason')} span={2}>
                  {c.dismissReason}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            {detail.data.removalChecks.length > 0 ? (
              <div>
                <Typography.Title level={5}>{t('hh.case.removal')}</Typography.Title>
                {detail.data.removalChecks.map((r, i) => (
                  <div key={i}>
                    <Tag color={r.ok ? 'success' : 'error'}>{r.ok ? t('hh.ok') : t('hh.notYet')}</Tag>
                    {r.text[lang]}
                  </div>
                ))}
              </div>
            ) : null}
            <div>
              <Typography.Title level={5}>{t('hh.case.visits')}</Typography.Title>
              {detail.data.visits.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hh.case.noVisit')} />
              ) : (
                <Timeline
                  items={detail.data.visits.map((v) => ({
                    children: (
                      <span data-testid="visit-entry">
                        <b>{v.visitedOn}</b> {v.cadreName}：{v.findings}
                      </span>
                    ),
                  }))}
                />
              )}
            </div>
            <div>
              <Typography.Title level={5}>{t('hh.case.measures')}</Typography.Title>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 560 }}
                dataSource={detail.data.measures}
                locale={{ emptyText: t('hh.case.noMeasure') }}
                columns={[
                  {
                    title: t('hh.measure.kind'),
                    dataIndex: 'kind',
                    render: (k: (typeof MEASURE_KINDS)[number]) => MEASURE_KIND_NAMES[k][lang],
                  },
                  { title: t('hh.measure.description'), dataIndex: 'description' },
                  { title: t('hh.measure.cadre'), dataIndex: 'cadreName', width: 90 },
                  { title: t('field.from'), dataIndex: 'startDate', width: 100 },
                  { title: t('hh.measure.outcome'), dataIndex: 'outcome', render: (o: string | null) => o ?? '—' },
                ]}
              />
            </div>
            {detail.data.reverifications.length > 0 ? (
              <div>
                <Typography.Title level={5}>{t('hh.case.reverifications')}</Typography.Title>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={detail.data.reverifications}
                  columns={[
                    { title: t('hh.reverify.on'), dataIndex: 'on', width: 100 },
                    {
                      title: t('hh.reverify.perCapita'),
                      dataIndex: 'perCapitaIncome',
                      render: (v: number) => fmtYuan(v, lang),
                    },
                    {
                      title: t('hh.reverify.aboveSince'),
                      dataIndex: 'aboveLineSince',
                      render: (v: string | null) => v ?? '—',
                    },
                    {
                      title: t('hh.reverify.rigid'),
                      dataIndex: 'rigidCostsSolved',
                      render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
                    },
                  ]}
                />
              </div>
            ) : null}
            <div>
              <Typography.Title level={5}>{t('hh.case.history')}</Typography.Title>
              <Timeline
                items={[...detail.data.history].reverse().map((h) => ({
                  children: (
                    <span>
                      <span className="hh-muted">{fmtTime(h.at)}</span> {historyText(h.action, lang, t as never)}
                      {h.toStatus && h.toStatus in CASE_STATUS_NAMES
                        ? ` → ${CASE_STATUS_NAMES[h.toStatus as CaseStatus][lang]}`
                        : ''}
                      {h.note ? <div className="hh-muted">{h.note}</div> : null}
                    </span>
                  ),
                }))}
              />
            </div>
          </Space>
        ) : null}
      </Drawer>
      <CaseActModal
        target={c && acting ? { id: c.id, code: c.code, version: c.version, action: acting } : null}
        onClose={() => setActing(null)}
        onDone={() => {
          detail.reload();
          onChanged();
        }}
      />
    </>
  );
}
