import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import {
  exchangeRoutes,
  NOTIFICATION_EVENTS,
  type Delivery,
  type NotificationEvent,
  type Receiver,
} from '../../../shared/api/exchange.ts';
import { call, errorText } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtTime } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { isMsgId, useI18n } from '../../i18n.ts';
import { OnceModal } from './OnceModal.tsx';

const STATUS_COLOURS = { pending: 'orange', delivered: 'green', failed: 'red' } as const;

function useEventName(): (event: string) => string {
  const { t } = useI18n();
  return (event) => {
    const id = `ex.event.${event}`;
    return isMsgId(id) ? t(id) : event;
  };
}

/** The receivers of signed notifications: a URL, the events it takes, a secret shown once; on or off; a test. */
export function ReceiversTab() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const eventName = useEventName();
  const receivers = useRoute(exchangeRoutes.receivers, {});
  const [keyword, setKeyword] = useState('');
  const [event, setEvent] = useState<NotificationEvent | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [once, setOnce] = useState<{ kind: 'secret'; value: string; name: string } | null>(null);
  const [form] = Form.useForm<{ name: string; url: string; secret?: string; events: NotificationEvent[] }>();

  const shown = useMemo(() => {
    const q = keyword.trim().toLowerCase();
    return (receivers.data ?? []).filter(
      (r) =>
        (!q || r.name.toLowerCase().includes(q) || r.url.toLowerCase().includes(q)) &&
        (!event || r.events.includes(event)),
    );
  }, [receivers.data, keyword, event]);

  const create = async () => {
    const v = await form.validateFields();
    try {
      const r = await call(exchangeRoutes.createReceiver, {
        body: {
          name: v.name,
          url: v.url,
          events: v.events,
          ...(v.secret?.trim() ? { secret: v.secret.trim() } : {}),
        },
      });
      setCreating(false);
      form.resetFields();
      receivers.reload();
      void message.success(t('ex.receiver.created', { name: r.receiver.name }));
      setOnce({ kind: 'secret', value: r.secret, name: r.receiver.name });
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const setActive = async (r: Receiver, active: boolean) => {
    try {
      await call(exchangeRoutes.setReceiverActive, { params: { id: r.id }, body: { active, version: r.version } });
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      receivers.reload();
    }
  };

  const ping = async (r: Receiver) => {
    try {
      await call(exchangeRoutes.pingReceiver, { params: { id: r.id } });
      void message.success(t('ex.receiver.pinged'));
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const eventOptions = NOTIFICATION_EVENTS.map((e) => ({ value: e, label: eventName(e) }));
  return (
    <>
      <div className="wf-toolbar">
        <Form layout="inline">
          <Form.Item label={t('ex.keyword')}>
            <Input allowClear style={{ width: 200 }} value={keyword} onChange={(e) => setKeyword(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('ex.receiver.events')}>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('ex.all')}
              value={event}
              onChange={(v: NotificationEvent | undefined) => setEvent(v)}
              options={eventOptions}
            />
          </Form.Item>
        </Form>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="receiver-create">
          {t('ex.receiver.create')}
        </Button>
      </div>
      {receivers.error ? <ErrorAlert error={receivers.error} onRetry={receivers.reload} /> : null}
      <Table<Receiver>
        rowKey="id"
        loading={receivers.loading}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ex.receiver.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('ex.receiver.name'), dataIndex: 'name' },
          { title: t('ex.receiver.url'), dataIndex: 'url', render: (v: string) => <code>{v}</code> },
          {
            title: t('ex.receiver.events'),
            dataIndex: 'events',
            render: (events: NotificationEvent[]) => events.map((e) => <Tag key={e}>{eventName(e)}</Tag>),
          },
          {
            title: t('ex.receiver.active'),
            dataIndex: 'active',
            render: (active: boolean, r) => <Switch checked={active} onChange={(v) => void setActive(r, v)} />,
          },
          { title: t('ex.createdBy'), dataIndex: 'createdBy' },
          { title: t('ex.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
          {
            title: t('ex.actions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Button size="small" icon={<SendOutlined />} onClick={() => void ping(r)} disabled={!r.active}>
                {t('ex.receiver.ping')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('ex.receiver.create')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText={t('ex.save')}
        cancelText={t('ex.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ events: ['period.published'] }}>
          <Form.Item name="name" label={t('ex.receiver.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="receiver-name" />
          </Form.Item>
          <Form.Item name="url" label={t('ex.receiver.url')} rules={[{ required: true }]}>
            <Input placeholder="https://" data-testid="receiver-url" />
          </Form.Item>
          <Form.Item name="events" label={t('ex.receiver.events')} rules={[{ required: true }]}>
            <Select mode="multiple" options={eventOptions} />
          </Form.Item>
          <Form.Item name="secret" label={t('ex.receiver.secret')} rules={[{ min: 16, max: 200 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <OnceModal shown={once} onClose={() => setOnce(null)} />
    </>
  );
}

/** The delivery log: every notification with its receiver (by name), its state, its attempts and the last answer. */
export function DeliveriesTab() {
  const { t } = useI18n();
  const eventName = useEventName();
  const receivers = useRoute(exchangeRoutes.receivers, {});
  const [receiverId, setReceiverId] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<Delivery['status'] | undefined>(undefined);
  const deliveries = useRoute(exchangeRoutes.deliveries, { query: receiverId ? { receiverId } : {} });
  const names = useMemo(() => new Map((receivers.data ?? []).map((r) => [r.id, r.name])), [receivers.data]);
  const shown = useMemo(
    () => (deliveries.data ?? []).filter((d) => !status || d.status === status),
    [deliveries.data, status],
  );
  return (
    <>
      <div className="wf-toolbar">
        <Form layout="inline">
          <Form.Item label={t('ex.receiver.name')}>
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('ex.all')}
              value={receiverId}
              onChange={(v: string | undefined) => setReceiverId(v)}
              options={(receivers.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
          <Form.Item label={t('ex.delivery.status')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('ex.all')}
              value={status}
              onChange={(v: Delivery['status'] | undefined) => setStatus(v)}
              options={(['pending', 'delivered', 'failed'] as const).map((s) => ({
                value: s,
                label: t(`ex.delivery.status.${s}`),
              }))}
            />
          </Form.Item>
        </Form>
        <Button onClick={deliveries.reload}>{t('ex.search')}</Button>
      </div>
      {deliveries.error ? <ErrorAlert error={deliveries.error} onRetry={deliveries.reload} /> : null}
      <Table<Delivery>
        rowKey="id"
        loading={deliveries.loading}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ex.delivery.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('ex.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v, 'second') },
          {
            title: t('ex.receiver.name'),
            dataIndex: 'receiverId',
            render: (id: string) => names.get(id) ?? t('ex.mapping.unknown'),
          },
          { title: t('ex.delivery.event'), dataIndex: 'event', render: (e: string) => eventName(e) },
          {
            title: t('ex.delivery.status'),
            dataIndex: 'status',
            render: (s: Delivery['status']) => <Tag color={STATUS_COLOURS[s]}>{t(`ex.delivery.status.${s}`)}</Tag>,
          },
          { title: t('ex.delivery.attempts'), dataIndex: 'attempts' },
          {
            title: t('ex.delivery.answer'),
            key: 'answer',
            render: (_: unknown, d) =>
              d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.attempts > 0 ? t('ex.delivery.noAnswer') : '—',
          },
          {
            title: t('ex.delivery.next'),
            dataIndex: 'nextAttemptAt',
            render: (v: string | null) => (v ? fmtTime(v, 'second') : '—'),
          },
          {
            title: t('ex.delivery.deliveredAt'),
            dataIndex: 'deliveredAt',
            render: (v: string | null) => (v ? fmtTime(v, 'second') : '—'),
          },
        ]}
      />
    </>
  );
}
