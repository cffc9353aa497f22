import { App, Button, Form, Input, Modal, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, toApiError, fieldErrors } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import { useI18n } from '../../i18n.ts';
import { fmtTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { PROJECT_STAGE_NAMES, PROJECT_STAGES, type ProjectStage } from '../../../domain/projects/types.ts';
import { projectRoutes, type ProjectDetail } from '../../../shared/api/projects.ts';
import { PersonName } from './PersonName.tsx';

type Adjustment = ProjectDetail['adjustments'][number];

const ADJUSTMENT_COLOR: Record<Adjustment['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  used: 'default',
};

/**
 * The project's stages with the day each was reached, and the acts on them for those who may: move forwards
 * (储备 → 前期 → 新开工 → 在建/续建 → 竣工 → 投产, with the day the stage was reached), ask to move back (an adjustment,
 * with its reason), decide an adjustment (the centre; not the one who asked), and move back once it is approved.
 * Every field the server refuses is marked on the form in the user's language.
 */
export function StageCard({ d, today, onChanged }: { d: ProjectDetail; today: string; onChanged: () => void }) {
  const { lang, t } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const [mode, setMode] = useState<null | 'forward' | 'back' | 'adjust'>(null);
  const [deciding, setDeciding] = useState<null | { adj: Adjustment; approve: boolean }>(null);
  const current = PROJECT_STAGES.indexOf(d.stage);
  const later = PROJECT_STAGES.slice(current + 1);
  const earlier = PROJECT_STAGES.slice(0, current);
  const pending = d.adjustments.find((a) => a.status === 'pending');
  const approved = d.adjustments.find((a) => a.status === 'approved');
  const reached = new Map(d.stages.map((s) => [s.stage, s.on]));
  const name = (s: ProjectStage) => PROJECT_STAGE_NAMES[s][lang];

  return (
    <>
      <Steps
        direction="vertical"
        size="small"
        current={current}
        items={PROJECT_STAGES.map((s) => ({ title: name(s), description: reached.get(s) ?? '' }))}
      />
      {d.mayEdit || (d.mayDecideAdjustment && pending) ? (
        <Space wrap style={{ marginTop: 8 }}>
          {d.mayEdit && later.length > 0 ? (
            <Button type="primary" onClick={() => setMode('forward')} data-testid="stage-forward">
              {t('pj.stageForward')}
            </Button>
          ) : null}
          {d.mayEdit && approved ? (
            <Button onClick={() => setMode('back')} data-testid="stage-back">
              {t('pj.stageBack', { stage: name(approved.toStage) })}
            </Button>
          ) : null}
          {d.mayEdit && earlier.length > 0 && !pending && !approved ? (
            <Button onClick={() => setMode('adjust')} data-testid="stage-adjust">
              {t('pj.adjustRequest')}
            </Button>
          ) : null}
        </Space>
      ) : null}
      {d.adjustments.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('pj.adjustments')}
          </Typography.Title>
          <Table<Adjustment>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.adjustments}
            data-testid="stage-adjustments"
            columns={[
              {
                title: t('pj.adjustTo'),
                dataIndex: 'toStage',
                render: (_: unknown, a) => `${name(a.fromStage)} → ${name(a.toStage)}`,
              },
              { title: t('pj.adjustReason'), dataIndex: 'reason' },
              {
                title: t('pj.operator'),
                dataIndex: 'requestedBy',
                render: (_: unknown, a) => (
                  <>
                    <PersonName person={a.requestedByPerson} />
                    <div>
                      <Typography.Text type="secondary">{fmtTime(a.requestedAt)}</Typography.Text>
                    </div>
                  </>
                ),
              },
              {
                title: t('pj.status'),
                dataIndex: 'status',
                render: (_: unknown, a) => (
                  <Space size={4} wrap>
                    <Tag color={ADJUSTMENT_COLOR[a.status]} data-testid={`adjustment-${a.status}`}>
                      {t(`pj.adjust.${a.status}`)}
                    </Tag>
                    {a.decidedByPerson ? <PersonName person={a.decidedByPerson} /> : null}
                    {a.comment ? <Typography.Text type="secondary">{a.comment}</Typography.Text> : null}
                    {a.status === 'pending' && d.mayDecideAdjustment && a.requestedBy !== user?.id ? (
                      <>
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setDeciding({ adj: a, approve: true })}
                          data-testid="adjustment-approve"
                        >
                          {t('pj.approve')}
                        </Button>
                        <Button size="small" type="link" danger onClick={() => setDeciding({ adj: a, approve: false })}>
                          {t('pj.reject')}
                        </Button>
                      </>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        </>
      ) : null}
      <MoveModal
        open={mode === 'forward' || mode === 'back'}
        d={d}
        today={today}
        stages={mode === 'back' && approved ? [approved.toStage] : later}
        adjustmentId={mode === 'back' ? approved?.id : undefined}
        onClose={() => setMode(null)}
        onDone={() => {
          setMode(null);
          void message.success(t('pj.saved'));
          onChanged();
        }}
      />
      <AdjustModal
        open={mode === 'adjust'}
        d={d}
        stages={earlier}
        onClose={() => setMode(null)}
        onDone={() => {
          setMode(null);
          void message.success(t('pj.adjustRequested'));
          onChanged();
        }}
      />
      <DecideModal
        deciding={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          onChanged();
        }}
      />
    </>
  );
}

function MoveModal({
  open,
  d,
  today,
  stages,
  adjustmentId,
  onClose,
  onDone,
}: {
  open: boolean;
  d: ProjectDetail;
  today: string;
  stages: readonly ProjectStage[];
  adjustmentId: string | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ to: ProjectStage; on: string }>();
  const [saving, setSaving] = useState(false);
  const save = async (v: { to: ProjectStage; on: string }) => {
    setSaving(true);
    try {
      await call(projectRoutes.moveStage, {
        params: { id: d.id },
        body: { version: d.version, to: v.to, on: v.on, ...(adjustmentId ? { adjustmentId } : {}) },
      });
      onDone();
    } catch (e) {
      const error = toApiError(e);
      // A refused adjustment is the target stage's problem on this form.
      const fields = fieldErrors(error, ['to', 'on', 'adjustmentId'], lang).map((f) => ({
        errors: f.errors,
        name: f.name === 'adjustmentId' ? ('to' as const) : f.name,
      }));
      form.setFields(fields);
      void message.error(error.text(lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={adjustmentId ? t('pj.stageBackTitle') : t('pj.stageForward')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pj.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ to: stages[0], on: today }}
        data-testid="stage-form"
      >
        <Form.Item name="to" label={t('pj.stageTo')} rules={[{ required: true, message: t('pj.required') }]}>
          <Select
            options={stages.map((s) => ({ value: s, label: PROJECT_STAGE_NAMES[s][lang] }))}
            data-testid="stage-to"
          />
        </Form.Item>
        <Form.Item name="on" label={t('pj.stageOn')} rules={[{ required: true, message: t('pj.required') }]}>
          <DateField max={today} data-testid="stage-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AdjustModal({
  open,
  d,
  stages,
  onClose,
  onDone,
}: {
  open: boolean;
  d: ProjectDetail;
  stages: readonly ProjectStage[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ to: ProjectStage; reason: string }>();
  const [saving, setSaving] = useState(false);
  const save = async (v: { to: ProjectStage; reason: string }) => {
    setSaving(true);
    try {
      await call(projectRoutes.requestAdjustment, { params: { id: d.id }, body: v });
      onDone();
    } catch (e) {
      const error = toApiError(e);
      form.setFields(fieldErrors(error, ['to', 'reason'], lang));
      void message.error(error.text(lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('pj.adjustRequest')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pj.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('pj.adjustHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ to: stages.at(-1) }}
        data-testid="adjust-form"
      >
        <Form.Item name="to" label={t('pj.adjustTo')} rules={[{ required: true, message: t('pj.required') }]}>
          <Select options={stages.map((s) => ({ value: s, label: PROJECT_STAGE_NAMES[s][lang] }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('pj.adjustReason')}
          rules={[{ required: true, whitespace: true, message: t('pj.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="adjust-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({
  deciding,
  onClose,
  onDone,
}: {
  deciding: null | { adj: Adjustment; approve: boolean };
  onClose: () => void;
  onDone: () => void;
}) {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const [saving, setSaving] = useState(false);
  const save = async (v: { comment?: string }) => {
    if (!deciding) return;
    setSaving(true);
    try {
      await call(projectRoutes.decideAdjustment, {
        params: { id: deciding.adj.id },
        body: { approve: deciding.approve, comment: v.comment ?? '' },
      });
      void message.success(deciding.approve ? t('pj.approved') : t('pj.adjustRejected'));
      onDone();
    } catch (e) {
      const error = toApiError(e);
      form.setFields(fieldErrors(error, ['comment'], lang));
      void message.error(error.text(lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={deciding !== null}
      title={deciding?.approve ? t('pj.adjustApprove') : t('pj.adjustReject')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pj.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="comment" label={t('pj.comment')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
