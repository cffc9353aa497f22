import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { exchangeRoutes, type IdMapping } from '../../../shared/api/exchange.ts';
import { call, errorText } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtTime } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { useFramework, useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';

type Kind = IdMapping['kind'];

/**
 * The identifier mappings the centre keeps: another system's data element (or operand) and org unit identifiers to
 * Gongfu's indicator codes and units, by scheme (`dhis2`, `province`). Reporters read them to prepare their files.
 */
export function MappingsTab({ editable }: { editable: boolean }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const mappings = useRoute(exchangeRoutes.mappings, { query: {} });
  const framework = useFramework('current');
  const { list: units } = useOrgUnits();
  const [scheme, setScheme] = useState<string | undefined>(undefined);
  const [kind, setKind] = useState<Kind | undefined>(undefined);
  const [keyword, setKeyword] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{
    scheme: string;
    kind: Kind;
    externalId: string;
    internalCode: string;
    note?: string;
  }>();

  const schemes = useMemo(() => [...new Set((mappings.data ?? []).map((m) => m.scheme))].sort(), [mappings.data]);
  const indicators = useMemo(
    () => new Map((framework.data?.indicators ?? []).map((i) => [i.code, i])),
    [framework.data],
  );
  const internalName = (m: IdMapping): string => {
    if (m.kind === 'dataElement') {
      const i = indicators.get(m.internalCode);
      return i ? `${m.internalCode} ${pick(i.name, i.nameEn)}` : `${m.internalCode} ${t('ex.mapping.unknown')}`;
    }
    const u = units.find((x) => x.code === m.internalCode || x.id === m.internalCode);
    return u ? `${pick(u.name, u.nameEn)}（${u.code}）` : `${m.internalCode} ${t('ex.mapping.unknown')}`;
  };

  const shown = useMemo(() => {
    const q = keyword.trim().toLowerCase();
    return (mappings.data ?? []).filter(
      (m) =>
        (!scheme || m.scheme === scheme) &&
        (!kind || m.kind === kind) &&
        (!q || m.externalId.toLowerCase().includes(q) || m.internalCode.toLowerCase().includes(q)),
    );
  }, [mappings.data, scheme, kind, keyword]);

  const create = async () => {
    const v = await form.validateFields();
    try {
      const m = await call(exchangeRoutes.createMapping, {
        body: { ...v, note: v.note?.trim() ? v.note.trim() : null },
      });
      setCreating(false);
      form.resetFields();
      mappings.reload();
      void message.success(t('ex.mapping.created', { id: m.externalId }));
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const remove = async (m: IdMapping) => {
    try {
      await call(exchangeRoutes.deleteMapping, { params: { id: m.id } });
      void message.success(t('ex.mapping.deleted'));
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      mappings.reload();
    }
  };

  return (
    <>
      <div className="wf-toolbar">
        <Form layout="inline">
          <Form.Item label={t('ex.mapping.scheme')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('ex.all')}
              value={scheme}
              onChange={(v: string | undefined) => setScheme(v)}
              options={schemes.map((s) => ({ value: s, label: s }))}
            />
          </Form.Item>
          <Form.Item label={t('ex.mapping.kind')}>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('ex.all')}
              value={kind}
              onChange={(v: Kind | undefined) => setKind(v)}
              options={(['dataElement', 'orgUnit'] as const).map((k) => ({
                value: k,
                label: t(`ex.mapping.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('ex.keyword')}>
            <Input allowClear style={{ width: 180 }} value={keyword} onChange={(e) => setKeyword(e.target.value)} />
          </Form.Item>
        </Form>
        {editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="mapping-create">
            {t('ex.mapping.create')}
          </Button>
        ) : null}
      </div>
      {mappings.error ? <ErrorAlert error={mappings.error} onRetry={mappings.reload} /> : null}
      <Table<IdMapping>
        rowKey="id"
        loading={mappings.loading}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ex.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('ex.mapping.scheme'), dataIndex: 'scheme' },
          { title: t('ex.mapping.kind'), dataIndex: 'kind', render: (k: Kind) => t(`ex.mapping.kind.${k}`) },
          { title: t('ex.mapping.externalId'), dataIndex: 'externalId', render: (v: string) => <code>{v}</code> },
          { title: t('ex.mapping.internal'), key: 'internal', render: (_: unknown, m) => internalName(m) },
          { title: t('ex.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: t('ex.createdBy'), dataIndex: 'createdBy' },
          { title: t('ex.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
          ...(editable
            ? [
                {
                  title: t('ex.actions'),
                  key: 'actions',
                  render: (_: unknown, m: IdMapping) => (
                    <Popconfirm
                      title={t('ex.mapping.deleteConfirm', { id: m.externalId })}
                      onConfirm={() => void remove(m)}
                    >
                      <Button size="small" danger>
                        {t('ex.mapping.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={creating}
        title={t('ex.mapping.create')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText={t('ex.save')}
        cancelText={t('ex.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ scheme: 'dhis2', kind: 'dataElement' }}>
          <Form.Item name="scheme" label={t('ex.mapping.scheme')} rules={[{ required: true }]}>
            <Input placeholder="dhis2" />
          </Form.Item>
          <Form.Item name="kind" label={t('ex.mapping.kind')} rules={[{ required: true }]}>
            <Select
              options={(['dataElement', 'orgUnit'] as const).map((k) => ({
                value: k,
                label: t(`ex.mapping.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="externalId" label={t('ex.mapping.externalId')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="mapping-external" />
          </Form.Item>
          <Form.Item name="internalCode" label={t('ex.mapping.internalCode')} rules={[{ required: true, max: 64 }]}>
            <Input data-testid="mapping-internal" />
          </Form.Item>
          <Form.Item name="note" label={t('ex.note')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
