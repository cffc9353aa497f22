/** The forms of the acts on an item: a note or reason, a monthly report, a milestone, an adjustment, a notice, a review. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n, useT } from '../../i18n.ts';
import { ADJUSTMENT_KIND_NAMES, type AdjustmentKind } from '../../../domain/lists/types.ts';
import { DateField } from '../../components/DateField.tsx';

interface Base<T> {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onOk: (values: T) => void;
}

/**
 * A form that starts afresh each time its dialog opens: the dialogs are destroyed when hidden, and the form keeps
 * nothing of fields that unmount, so the initial values apply at every opening — before anyone can type.
 */
function useFreshForm<T extends object>(initial?: Partial<T>) {
  const [form] = Form.useForm<T>();
  return { form, props: { form, preserve: false, initialValues: initial } };
}

/** A note (optional) or a reason (required) for a simple act. */
export function TextModal({
  open,
  busy,
  onCancel,
  onOk,
  title,
  label,
  required,
  testId,
}: Base<string> & { title: string; label: string; required: boolean; testId: string }) {
  const t = useT();
  const { form, props: formProps } = useFreshForm<{ text: string }>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': `${testId}-ok` }}
      onOk={() =>
        void form.validateFields().then(
          (v) => onOk(v.text?.trim() ?? ''),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      <Form {...formProps} layout="vertical">
        <Form.Item
          name="text"
          label={label}
          rules={required ? [{ required: true, whitespace: true, message: t('form.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid={`${testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface ReportValues {
  period: string;
  percent: number;
  value: number | null;
  narrative: string;
  evidence: string | null;
  problems: { description: string; owner: string; ownerUnitId: string | null; dueDate: string }[];
}

/** A month's progress report: percentage, narrative, problems needing co-ordination (owner and date), evidence. */
export function ReportModal({
  open,
  busy,
  onCancel,
  onOk,
  periods,
  hasTarget,
}: Base<ReportValues> & { periods: string[]; hasTarget: boolean }) {
  const t = useT();
  const { lang } = useI18n();
  const org = useOrgUnits();
  const { form, props: formProps } = useFreshForm<ReportValues>({ period: periods[periods.length - 1], problems: [] });
  const req = [{ required: true, message: t('form.required') }];
  return (
    <Modal
      open={open}
      title={t('todos.kind.report')}
      width={760}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'report-ok' }}
      onOk={() =>
        void form.validateFields().then(
          (v) =>
            onOk({
              ...v,
              value: v.value ?? null,
              evidence: v.evidence?.trim() || null,
              problems: (v.problems ?? []).map((p) => ({ ...p, ownerUnitId: p.ownerUnitId ?? null })),
            }),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      <Form {...formProps} layout="vertical">
        <Space size={16} wrap>
          <Form.Item name="period" label={t('item.period')} rules={req}>
            <Select
              style={{ width: 140 }}
              options={periods.map((p) => ({ value: p, label: p }))}
              data-testid="report-period"
            />
          </Form.Item>
          <Form.Item name="percent" label={t('item.percent')} rules={req}>
            <InputNumber min={0} max={100} style={{ width: 140 }} data-testid="report-percent" />
          </Form.Item>
          {hasTarget ? (
            <Form.Item name="value" label={t('item.value')}>
              <InputNumber style={{ width: 160 }} />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item
          name="narrative"
          label={t('item.narrative')}
          rules={[...req, { whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="report-narrative" />
        </Form.Item>
        <Form.Item name="evidence" label={t('item.evidence')}>
          <Input maxLength={500} />
        </Form.Item>
        <div style={{ marginBottom: 8, fontWeight: 500 }}>{t('item.problems')}</div>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'description']} rules={req}>
                    <Input placeholder={t('item.problem')} style={{ width: 260 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'owner']} rules={req}>
                    <Input placeholder={t('item.owner')} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerUnitId']}>
                    <Select
                      allowClear
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('lists.unit')}
                      style={{ width: 150 }}
                      options={org.list
                        .filter((u) => u.kind === 'department' || u.parentId === org.root?.id)
                        .map((u) => ({ value: u.id, label: lang === 'en' ? u.nameEn : u.name }))}
                      popupMatchSelectWidth={false}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} rules={req}>
                    <DateField />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()}>
                {t('item.addProblem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** A milestone done: the day and the evidence. */
export function MilestoneModal({
  open,
  busy,
  onCancel,
  onOk,
  title,
  today,
}: Base<{ completedDate: string; evidence: string }> & { title: string; today: string }) {
  const t = useT();
  const { form, props: formProps } = useFreshForm<{ completedDate: string; evidence: string }>({
    completedDate: today,
  });
  const req = [{ required: true, message: t('form.required') }];
  return (
    <Modal
      open={open}
      title={`${t('item.complete')}：${title}`}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'milestone-ok' }}
      onOk={() => void form.validateFields().then(onOk, () => undefined)}
      destroyOnHidden
    >
      <Form {...formProps} layout="vertical">
        <Form.Item name="completedDate" label={t('item.completed')} rules={req}>
          <DateField max={today} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('item.evidence')}
          rules={[...req, { whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="milestone-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface AdjustmentValues {
  kind: AdjustmentKind;
  reason: string;
  newDeadline: string | null;
  newFloor: number | null;
  newStretch: number | null;
}

/** A change of deadline or target, or a cancellation: asked for here, decided by the centre or a leader. */
export function AdjustmentModal({
  open,
  busy,
  onCancel,
  onOk,
  hasTarget,
}: Base<AdjustmentValues> & { hasTarget: boolean }) {
  const t = useT();
  const { lang } = useI18n();
  const { form, props: formProps } = useFreshForm<AdjustmentValues>({ kind: 'deadline' });
  const kind = Form.useWatch('kind', form);
  const req = [{ required: true, message: t('form.required') }];
  const kinds: AdjustmentKind[] = hasTarget ? ['deadline', 'target', 'cancel'] : ['deadline', 'cancel'];
  return (
    <Modal
      open={open}
      title={t('item.adjustments')}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'adjust-ok' }}
      onOk={() =>
        void form.validateFields().then(
          (v) =>
            onOk({
              ...v,
              newDeadline: v.newDeadline ?? null,
              newFloor: v.newFloor ?? null,
              newStretch: v.newStretch ?? null,
            }),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      <Form {...formProps} layout="vertical">
        <Form.Item name="kind" label={t('item.adjustKind')} rules={req}>
          <Radio.Group
            optionType="button"
            options={kinds.map((k) => ({ value: k, label: ADJUSTMENT_KIND_NAMES[k][lang] }))}
          />
        </Form.Item>
        {kind === 'deadline' ? (
          <Form.Item name="newDeadline" label={t('item.newDeadline')} rules={req}>
            <DateField />
          </Form.Item>
        ) : null}
        {kind === 'target' ? (
          <Space>
            <Form.Item name="newFloor" label={t('item.newFloor')}>
              <InputNumber />
            </Form.Item>
            <Form.Item name="newStretch" label={t('item.newStretch')}>
              <InputNumber />
            </Form.Item>
          </Space>
        ) : null}
        <Form.Item
          name="reason"
          label={t('item.reason')}
          rules={[...req, { whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A supervision notice: the problem and the day by which the lead unit must answer. */
export function NoticeModal({
  open,
  busy,
  onCancel,
  onOk,
  defaultDue,
}: Base<{ problem: string; dueDate: string | null }> & { defaultDue: string }) {
  const t = useT();
  const { form, props: formProps } = useFreshForm<{ problem: string; dueDate: string }>({ dueDate: defaultDue });
  const req = [{ required: true, message: t('form.required') }];
  return (
    <Modal
      open={open}
      title={t('item.notices')}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'notice-ok' }}
      onOk={() =>
        void form.validateFields().then(
          (v) => onOk({ problem: v.problem.trim(), dueDate: v.dueDate || null }),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      <Form {...formProps} layout="vertical">
        <Form.Item
          name="problem"
          label={t('item.problemText')}
          rules={[...req, { whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} data-testid="notice-problem" />
        </Form.Item>
        <Form.Item name="dueDate" label={t('item.dueDate')} rules={req}>
          <DateField data-testid="notice-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The review of a notice's answer: accept (the notice is closed) or return with a reason and a new date. */
export function ReviewAnswerModal({
  open,
  busy,
  onCancel,
  onOk,
  defaultDue,
}: Base<{ accept: boolean; note: string | null; dueDate: string | null }> & { defaultDue: string }) {
  const t = useT();
  const { form, props: formProps } = useFreshForm<{ accept: boolean; note: string; dueDate: string }>({
    accept: true,
    dueDate: defaultDue,
  });
  const accept = Form.useWatch('accept', form);
  return (
    <Modal
      open={open}
      title={t('item.reviewAnswer')}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'review-answer-ok' }}
      onOk={() =>
        void form.validateFields().then(
          (v) => onOk({ accept: v.accept, note: v.note?.trim() || null, dueDate: v.accept ? null : v.dueDate || null }),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      <Form {...formProps} layout="vertical">
        <Form.Item name="accept">
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: t('item.accept') },
              { value: false, label: t('item.returnAnswer') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('item.note')}
          rules={accept === false ? [{ required: true, whitespace: true, message: t('form.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        {accept === false ? (
          <Form.Item name="dueDate" label={t('item.dueDate')} rules={[{ required: true, message: t('form.required') }]}>
            <DateField />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
