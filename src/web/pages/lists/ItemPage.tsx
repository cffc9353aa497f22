import { ArrowLeftOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, apiUrl, errorText } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { fmtTime } from '../../format.ts';
import { useApi } from '../../hooks/useApi.ts';
import { isMsgId, useI18n, useT } from '../../i18n.ts';
import { addDays } from '../../../domain/lists/dates.ts';
import {
  ADJUSTMENT_KIND_NAMES,
  ITEM_STATUS_NAMES,
  NOTICE_STATUS_NAMES,
  WARNING_KIND_NAMES,
  type ItemStatus,
} from '../../../domain/lists/types.ts';
import { ITEM_ACTION_NAMES, type ItemAction } from '../../../domain/lists/workflow.ts';
import type { ItemDetail } from '../../../shared/api/lists.ts';
import { uploadFile } from '../workflow/upload.ts';
import '../workflow/workflow.css';
import { ColourTag, COLOUR_HEX, KindTag, StatusTag, TargetText, useAct } from './common.tsx';
import { ItemFormModal } from './ItemFormModal.tsx';
import {
  AdjustmentModal,
  MilestoneModal,
  NoticeModal,
  ReportModal,
  ReviewAnswerModal,
  TextModal,
} from './ItemModals.tsx';

type Open =
  | { kind: 'none' }
  | { kind: 'text'; action: 'issue' | 'acknowledge' | 'requestCompletion' | 'close' | 'returnCompletion' }
  | { kind: 'report' }
  | { kind: 'milestone'; id: string; title: string }
  | { kind: 'adjust' }
  | { kind: 'decide'; id: string }
  | { kind: 'notice' }
  | { kind: 'answer'; id: string; version: number }
  | { kind: 'review'; id: string; version: number }
  | { kind: 'edit' };

const PATH: Record<'issue' | 'acknowledge' | 'requestCompletion' | 'close' | 'returnCompletion', string> = {
  issue: 'issue',
  acknowledge: 'acknowledge',
  requestCompletion: 'request-completion',
  close: 'close',
  returnCompletion: 'return-completion',
};

/** The buttons of the workflow, in order; each shown only when the server says the user may do it now. */
const BUTTONS: ItemAction[] = [
  'editDraft',
  'issue',
  'acknowledge',
  'report',
  'requestCompletion',
  'close',
  'returnCompletion',
  'issueNotice',
  'requestAdjustment',
  'deleteDraft',
];

/**
 * One item: its details, milestones, monthly reports, warnings (active and past), supervision notices with answers,
 * adjustments, attachments and history; and the buttons for what the signed-in user may do now.
 */
export function ItemPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useI18n();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const detail = useApi<ItemDetail>(`/lists/items/${encodeURIComponent(id)}`);
  const rules = useApi<{ noticeAnswerDays: number }>('/lists/rules', undefined, { cache: true });
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = useCallback(() => setOpen({ kind: 'none' }), []);
  const reload = detail.reload;
  const { run, busy } = useAct(useCallback(() => reload(), [reload]));
  const d = detail.data;

  const periods = useMemo(() => {
    if (!d) return [];
    const owed = d.owedReports.map((r) => r.period);
    return owed.length > 0 ? owed : [d.today.slice(0, 7)];
  }, [d]);

  if (detail.error && !d) return <ErrorAlert error={detail.error} onRetry={reload} />;
  if (!d) return <FullPageSpin />;
  const i = d.item;
  const can = new Set(d.can);
  const base = `/lists/items/${i.id}`;
  const act = async (path: string, body: object) => {
    if (await run(path, body)) close();
  };

  const button = (a: ItemAction) => {
    const label = ITEM_ACTION_NAMES[a][lang];
    const testId = `item-action-${a}`;
    switch (a) {
      case 'editDraft':
        return (
          <Button key={a} data-testid={testId} onClick={() => setOpen({ kind: 'edit' })}>
            {label}
          </Button>
        );
      case 'deleteDraft':
        return (
          <Button
            key={a}
            danger
            data-testid={testId}
            onClick={() =>
              modal.confirm({
                title: label,
                content: `${i.code} ${i.title}`,
                okButtonProps: { danger: true },
                onOk: async () => {
                  try {
                    await api.delete(`${base}?version=${i.version}`);
                    void message.success(t('item.done'));
                    void navigate('/lists');
                  } catch (e) {
                    void message.error(errorText(e, lang));
                  }
                },
              })
            }
          >
            {label}
          </Button>
        );
      case 'issue':
      case 'acknowledge':
      case 'requestCompletion':
      case 'close':
      case 'returnCompletion':
        return (
          <Button
            key={a}
            type={a === 'returnCompletion' ? 'default' : 'primary'}
            danger={a === 'returnCompletion'}
            data-testid={testId}
            onClick={() => setOpen({ kind: 'text', action: a })}
          >
            {label}
          </Button>
        );
      case 'report':
        return (
          <Button key={a} type="primary" data-testid={testId} onClick={() => setOpen({ kind: 'report' })}>
            {label}
          </Button>
        );
      case 'issueNotice':
        return (
          <Button key={a} danger data-testid={testId} onClick={() => setOpen({ kind: 'notice' })}>
            {label}
          </Button>
        );
      case 'requestAdjustment':
        return (
          <Button key={a} data-testid={testId} onClick={() => setOpen({ kind: 'adjust' })}>
            {label}
          </Button>
        );
      case 'completeMilestone':
      case 'decideAdjustment':
      case 'attach':
        return null;
    }
  };

  const historyName = (action: string): string => {
    if (action in ITEM_ACTION_NAMES) return ITEM_ACTION_NAMES[action as ItemAction][lang];
    const key = `history.${action}`;
    return isMsgId(key) ? t(key) : action;
  };
  const activeWarnings = d.warnings.filter((w) => w.clearedAt === null);
  const buttons = BUTTONS.filter((a) => can.has(a)).map(button);
  const textModal = open.kind === 'text' ? open.action : null;

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="item-title">
              {i.code} {i.title}
            </span>
            <KindTag kind={i.kind} />
            <StatusTag status={i.status} />
            <ColourTag colour={i.colour} />
          </Space>
        }
        subtitle={
          <Link to="/lists">
            <ArrowLeftOutlined /> {t('item.back')}
          </Link>
        }
        extra={
          <Space wrap data-testid="item-actions">
            {buttons.length > 0 ? buttons : <Typography.Text type="secondary">{t('item.noActions')}</Typography.Text>}
          </Space>
        }
      />
      {activeWarnings.length > 0 ? (
        <Alert
          type={i.colour === 'red' ? 'error' : i.colour === 'yellow' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="item-active-warnings"
          title={activeWarnings.map((w) => `${WARNING_KIND_NAMES[w.kind][lang]}：${w.reason[lang]}`).join('；')}
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            title={t('item.details')}
            style={{ marginBottom: 16 }}
            extra={
              i.generated ? (
                <Tooltip title={t('lists.generatedFields', { fields: i.generatedFields.join(', ') })}>
                  <span>
                    <GeneratedTag />
                  </span>
                </Tooltip>
              ) : null
            }
          >
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label={t('item.content')} span={2}>
                {i.content || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('lists.leader')}>{i.leaderName}</Descriptions.Item>
              <Descriptions.Item label={t('common.leadUnit')}>{i.leadUnitName}</Descriptions.Item>
              <Descriptions.Item label={t('lists.coUnits')}>{i.coUnitNames.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('lists.person')}>
                {i.personInCharge}
                {i.contact ? ` · ${i.contact}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('lists.dimension')}>
                {[i.dimensionCode, i.workTeamName].filter(Boolean).join(' · ') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('lists.district')}>{i.districtName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={`${t('lists.start')} / ${t('lists.deadline')}`}>
                {i.startDate} → {i.deadline}
                {i.originalDeadline ? (
                  <Tag style={{ marginInlineStart: 8 }}>
                    {t('lists.originalDeadline', { date: i.originalDeadline })}
                  </Tag>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('lists.target')}>
                <TargetText target={i.target} />
                {i.originalTarget ? (
                  <Tag style={{ marginInlineStart: 8 }}>
                    {t('lists.floor')} {i.originalTarget.floor ?? '—'} / {t('lists.stretch')}{' '}
                    {i.originalTarget.stretch ?? '—'} {t('item.original')}
                  </Tag>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('lists.progress')} span={2}>
                <Space style={{ width: '100%' }} direction="vertical" size={0}>
                  <Progress
                    percent={i.progressPct ?? 0}
                    strokeColor={i.colour === 'none' ? undefined : COLOUR_HEX[i.colour]}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('item.elapsed')} {i.elapsedPct}%
                  </Typography.Text>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('item.source')} span={2}>
                <Typography.Text type="secondary">
                  {i.source.title}
                  {i.source.quote ? `：“${i.source.quote}”` : ''}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>

          <Card title={t('item.milestones')} style={{ marginBottom: 16 }} size="small">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.milestones}
              columns={[
                { title: '#', dataIndex: 'seq', width: 40 },
                {
                  title: t('item.milestone'),
                  dataIndex: 'title',
                  render: (_: unknown, m) => (
                    <Space>
                      {m.title}
                      {m.generated ? <GeneratedTag /> : null}
                    </Space>
                  ),
                },
                {
                  title: t('item.planned'),
                  dataIndex: 'plannedDate',
                  width: 110,
                  render: (_: unknown, m) => (
                    <span
                      style={{
                        color: m.completedDate === null && m.plannedDate < d.today ? COLOUR_HEX.yellow : undefined,
                      }}
                    >
                      {m.plannedDate}
                    </span>
                  ),
                },
                {
                  title: t('item.completed'),
                  dataIndex: 'completedDate',
                  width: 110,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('item.evidence'), dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
                {
                  title: '',
                  width: 80,
                  render: (_: unknown, m) =>
                    can.has('completeMilestone') && m.completedDate === null ? (
                      <Button
                        size="small"
                        data-testid={`milestone-complete-${m.seq}`}
                        onClick={() => setOpen({ kind: 'milestone', id: m.id, title: m.title })}
                      >
                        {t('item.complete')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>

          <Card
            title={t('item.reports')}
            style={{ marginBottom: 16 }}
            size="small"
            extra={d.owedReports.length > 0 ? <OwedReports detail={d} /> : null}
          >
            <Table
              rowKey="id"
              size="small"
              data-testid="item-reports"
              dataSource={d.reports}
              pagination={{ pageSize: 4, hideOnSinglePage: true, size: 'small' }}
              locale={{ emptyText: t('item.nothing') }}
              columns={[
                {
                  title: t('item.period'),
                  dataIndex: 'period',
                  width: 150,
                  render: (_: unknown, r) => (
                    <Space direction="vertical" size={2}>
                      <strong>{r.period}</strong>
                      <Space size={4} wrap>
                        {r.late ? <Tag color="warning">{t('item.lateReport')}</Tag> : null}
                        {r.generated ? <GeneratedTag /> : null}
                      </Space>
                    </Space>
                  ),
                },
                {
                  title: t('item.percent'),
                  dataIndex: 'percent',
                  width: 150,
                  render: (_: unknown, r) => (
                    <>
                      <Progress percent={r.percent} size="small" />
                      {r.value !== null ? <Tag>{r.value}</Tag> : null}
                    </>
                  ),
                },
                {
                  title: t('item.narrative'),
                  dataIndex: 'narrative',
                  render: (_: unknown, r) => (
                    <>
                      <div>{r.narrative}</div>
                      {r.problems.length > 0 ? (
                        <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                          {r.problems.map((p) => (
                            <li key={p.id}>
                              {t('item.problem')}：{p.description}（{t('item.owner')}：{p.owner}，{t('item.problemDue')}{' '}
                              {p.dueDate}）
                              {p.status === 'resolved' ? (
                                <Tag color="success" style={{ marginInlineStart: 6 }}>
                                  {t('item.resolved')}
                                </Tag>
                              ) : p.canResolve ? (
                                <Button
                                  size="small"
                                  type="link"
                                  data-testid="problem-resolve"
                                  onClick={() => void run(`/lists/problems/${p.id}/resolve`, {})}
                                >
                                  {t('item.resolve')}
                                </Button>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.reportedBy ?? ''} {fmtTime(r.reportedAt)}
                      </Typography.Text>
                    </>
                  ),
                },
              ]}
            />
          </Card>

          <Card title={t('item.notices')} style={{ marginBottom: 16 }} size="small" data-testid="item-notices">
            {d.notices.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.nothing')} />
            ) : (
              d.notices.map((n) => (
                <Card
                  key={n.id}
                  type="inner"
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={
                    <Space wrap>
                      <strong>{n.code}</strong>
                      <Tag color={n.status === 'closed' ? 'success' : n.status === 'answered' ? 'processing' : 'error'}>
                        {NOTICE_STATUS_NAMES[n.status][lang]}
                      </Tag>
                      {n.origin === 'auto' ? <Tag>{t('item.noticeAuto')}</Tag> : null}
                      {n.escalatedAt ? <Tag color="red">{t('item.escalated')}</Tag> : null}
                    </Space>
                  }
                  extra={<Typography.Text type="secondary">{t('item.noticeDue', { date: n.dueDate })}</Typography.Text>}
                >
                  <div style={{ whiteSpace: 'pre-wrap' }}>{n.problem}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {n.issuedBy ?? t('item.noticeAuto')} {fmtTime(n.issuedAt)}
                  </Typography.Text>
                  {n.answers.map((a) => (
                    <Alert
                      key={a.id}
                      style={{ marginTop: 8 }}
                      type={a.review === 'accepted' ? 'success' : a.review === 'returned' ? 'warning' : 'info'}
                      title={`${t('item.answer')}：${a.answer}`}
                      description={`${a.answeredBy ?? ''} ${fmtTime(a.answeredAt)}${a.review ? ` · ${a.review === 'accepted' ? t('item.accept') : t('item.returnAnswer')}${a.reviewNote ? `：${a.reviewNote}` : ''}（${a.reviewedBy ?? ''}）` : ''}`}
                    />
                  ))}
                  <Space style={{ marginTop: 8 }}>
                    {n.canAnswer ? (
                      <Button
                        type="primary"
                        size="small"
                        data-testid={`notice-answer-${n.code}`}
                        onClick={() => setOpen({ kind: 'answer', id: n.id, version: n.version })}
                      >
                        {t('item.answer')}
                      </Button>
                    ) : null}
                    {n.canReview ? (
                      <Button
                        type="primary"
                        size="small"
                        data-testid={`notice-review-${n.code}`}
                        onClick={() => setOpen({ kind: 'review', id: n.id, version: n.version })}
                      >
                        {t('item.reviewAnswer')}
                      </Button>
                    ) : null}
                  </Space>
                </Card>
              ))
            )}
          </Card>

          {d.adjustments.length > 0 ? (
            <Card title={t('item.adjustments')} style={{ marginBottom: 16 }} size="small">
              <List
                dataSource={d.adjustments}
                renderItem={(a) => (
                  <List.Item
                    actions={
                      a.canDecide
                        ? [
                            <Button
                              key="y"
                              size="small"
                              type="primary"
                              data-testid="adjust-approve"
                              loading={busy}
                              onClick={() =>
                                void act(`/lists/adjustments/${a.id}/decide`, { approve: true, note: null })
                              }
                            >
                              {t('item.approve')}
                            </Button>,
                            <Button key="n" size="small" danger onClick={() => setOpen({ kind: 'decide', id: a.id })}>
                              {t('item.reject')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          {ADJUSTMENT_KIND_NAMES[a.kind][lang]}
                          <Tag
                            color={a.status === 'approved' ? 'success' : a.status === 'rejected' ? 'default' : 'orange'}
                          >
                            {t(`adjust.${a.status}`)}
                          </Tag>
                          {a.kind === 'deadline' ? `${a.oldDeadline} → ${a.newDeadline}` : null}
                          {a.kind === 'target'
                            ? `${a.oldFloor ?? '—'}/${a.oldStretch ?? '—'} → ${a.newFloor ?? '—'}/${a.newStretch ?? '—'}`
                            : null}
                        </Space>
                      }
                      description={`${t('item.reason')}：${a.reason} · ${a.requestedBy ?? ''} ${fmtTime(a.requestedAt)}${a.decidedAt ? ` · ${a.decidedBy ?? ''}${a.decisionNote ? `：${a.decisionNote}` : ''}` : ''}`}
                    />
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </Col>

        <Col xs={24} xl={8}>
          <Card title={t('item.warnings')} size="small" style={{ marginBottom: 16 }} data-testid="item-warnings">
            {d.warnings.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.nothing')} />
            ) : (
              <Timeline
                items={d.warnings.map((w) => ({
                  color: w.clearedAt ? 'gray' : COLOUR_HEX[w.colour],
                  content: (
                    <div data-testid={`warning-${w.kind}`}>
                      <Space wrap size={4}>
                        <strong>{WARNING_KIND_NAMES[w.kind][lang]}</strong>
                        {w.clearedAt ? (
                          <Tag>{t('item.clearedOn', { time: fmtTime(w.clearedAt) })}</Tag>
                        ) : (
                          <Tag color="red">{t('item.active')}</Tag>
                        )}
                      </Space>
                      <div>{w.reason[lang]}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('item.raisedAt')} {fmtTime(w.raisedAt)}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>

          <Card
            title={t('item.attachments')}
            size="small"
            style={{ marginBottom: 16 }}
            extra={
              can.has('attach') ? (
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    uploadFile(`${base}/attachments`, file).then(
                      () => {
                        void message.success(t('item.done'));
                        reload();
                      },
                      (e: unknown) =>
                        void message.error(
                          e instanceof ApiError
                            ? `${e.text(lang)} ${e.details.map((x) => x.message).join('；')}`
                            : String(e),
                        ),
                    );
                    return false;
                  }}
                >
                  <Tooltip title={t('item.uploadHint')}>
                    <Button size="small" icon={<UploadOutlined />} data-testid="item-upload">
                      {t('item.upload')}
                    </Button>
                  </Tooltip>
                </Upload>
              ) : null
            }
          >
            {d.attachments.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.nothing')} />
            ) : (
              <List
                size="small"
                dataSource={d.attachments}
                renderItem={(a) => (
                  <List.Item>
                    <a href={apiUrl(`/lists/attachments/${a.id}`)} download={a.fileName}>
                      <PaperClipOutlined /> {a.fileName}
                    </a>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {(a.size / 1024).toFixed(0)} KB · {a.uploadedBy ?? ''}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>

          {d.indicator ? (
            <Card title={t('item.indicator')} size="small" style={{ marginBottom: 16 }}>
              <Link to={`/indicators/${d.indicator.code}`}>
                {d.indicator.code} {d.indicator.name}
              </Link>
              <div style={{ marginTop: 8 }}>
                {d.indicator.points.length === 0
                  ? '—'
                  : d.indicator.points.slice(-6).map((p) => (
                      <Tag key={p.period}>
                        {p.period}：{p.value ?? '—'} {d.indicator?.unit}
                      </Tag>
                    ))}
              </div>
            </Card>
          ) : null}

          <Card title={t('item.history')} size="small">
            <Timeline
              items={d.history.map((h) => ({
                content: (
                  <>
                    <strong>{historyName(h.action)}</strong>
                    {h.toStatus && h.toStatus !== h.fromStatus
                      ? ` → ${ITEM_STATUS_NAMES[h.toStatus as ItemStatus]?.[lang] ?? h.toStatus}`
                      : ''}
                    {h.note ? <div style={{ color: 'rgba(0,0,0,0.65)' }}>{h.note}</div> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {h.userName ?? t('history.system')} {fmtTime(h.at)}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      <TextModal
        open={textModal !== null}
        busy={busy}
        title={textModal ? ITEM_ACTION_NAMES[textModal][lang] : ''}
        label={textModal === 'returnCompletion' ? t('item.reason') : t('item.note')}
        required={textModal === 'returnCompletion'}
        testId="act"
        onCancel={close}
        onOk={(text) => {
          if (!textModal) return;
          const body =
            textModal === 'returnCompletion'
              ? { version: i.version, reason: text }
              : { version: i.version, note: text || null };
          void act(`${base}/${PATH[textModal]}`, body);
        }}
      />
      <ReportModal
        open={open.kind === 'report'}
        busy={busy}
        periods={periods}
        hasTarget={i.target !== null}
        onCancel={close}
        onOk={(v) => void act(`${base}/reports`, { version: i.version, ...v })}
      />
      <MilestoneModal
        open={open.kind === 'milestone'}
        busy={busy}
        title={open.kind === 'milestone' ? open.title : ''}
        today={d.today}
        onCancel={close}
        onOk={(v) =>
          open.kind === 'milestone' && void act(`${base}/milestones/${open.id}/complete`, { version: i.version, ...v })
        }
      />
      <AdjustmentModal
        open={open.kind === 'adjust'}
        busy={busy}
        hasTarget={i.target !== null}
        onCancel={close}
        onOk={(v) => void act(`${base}/adjustments`, { version: i.version, ...v })}
      />
      <TextModal
        open={open.kind === 'decide'}
        busy={busy}
        title={t('item.reject')}
        label={t('item.reason')}
        required
        testId="decide"
        onCancel={close}
        onOk={(text) =>
          open.kind === 'decide' && void act(`/lists/adjustments/${open.id}/decide`, { approve: false, note: text })
        }
      />
      <NoticeModal
        open={open.kind === 'notice'}
        busy={busy}
        defaultDue={addDays(d.today, rules.data?.noticeAnswerDays ?? 7)}
        onCancel={close}
        onOk={(v) => void act(`${base}/notices`, v)}
      />
      <TextModal
        open={open.kind === 'answer'}
        busy={busy}
        title={t('item.answer')}
        label={t('item.answer')}
        required
        testId="answer"
        onCancel={close}
        onOk={(text) =>
          open.kind === 'answer' &&
          void act(`/lists/notices/${open.id}/answer`, { version: open.version, answer: text })
        }
      />
      <ReviewAnswerModal
        open={open.kind === 'review'}
        busy={busy}
        defaultDue={addDays(d.today, rules.data?.noticeAnswerDays ?? 7)}
        onCancel={close}
        onOk={(v) =>
          open.kind === 'review' && void act(`/lists/notices/${open.id}/review`, { version: open.version, ...v })
        }
      />
      {d.item.status === 'drafted' ? (
        <ItemFormModal
          open={open.kind === 'edit'}
          item={d}
          onClose={close}
          onSaved={() => {
            close();
            reload();
          }}
        />
      ) : null}
    </>
  );
}

/** The months whose report is owed, late ones marked. */
function OwedReports({ detail }: { detail: ItemDetail }) {
  const t = useT();
  const missing = detail.owedReports.filter((r) => !r.submitted);
  if (missing.length === 0) return null;
  return (
    <Space size={4} wrap>
      <Typography.Text type="secondary">{t('item.owed')}：</Typography.Text>
      {missing.map((r) => (
        <Tag key={r.period} color={r.late ? 'warning' : 'default'}>
          {t('item.owedDue', { period: r.period, date: r.dueDate })}
        </Tag>
      ))}
    </Space>
  );
}
