import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { exchangeRoutes, type ApiToken, type ServiceAccount } from '../../../shared/api/exchange.ts';
import { call, errorText } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtTime } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { ROLE_LABELS } from '../users/types.ts';
import { OnceModal } from './OnceModal.tsx';

const TOKEN_COLOURS = { active: 'green', expired: 'default', revoked: 'red' } as const;

/**
 * Service accounts and their tokens: the system administrator creates accounts and issues tokens (each shown once),
 * the security administrator authorises accounts (on the users page) and revokes tokens, the centre reads the list.
 */
export function AccountsTab() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const role = useSession().user?.role;
  const isAdmin = role === 'admin';
  const mayRevoke = role === 'admin' || role === 'securityAdmin';
  const accounts = useRoute(exchangeRoutes.serviceAccounts, {});
  const { byId } = useOrgUnits();
  const [keyword, setKeyword] = useState('');
  const [tokenState, setTokenState] = useState<ApiToken['state'] | undefined>(undefined);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const [issuing, setIssuing] = useState<ServiceAccount | null>(null);
  const [once, setOnce] = useState<{ kind: 'token'; value: string; name: string } | null>(null);
  const [createForm] = Form.useForm<{
    username: string;
    displayName: string;
    systemName: string;
    description?: string;
  }>();
  const [issueForm] = Form.useForm<{ name: string; expiresInDays: number }>();

  const shown = useMemo(() => {
    const q = keyword.trim().toLowerCase();
    return (accounts.data ?? []).filter(
      (a) =>
        (!q ||
          a.username.toLowerCase().includes(q) ||
          a.displayName.toLowerCase().includes(q) ||
          a.systemName.toLowerCase().includes(q)) &&
        (!tokenState || a.tokens.some((x) => x.state === tokenState)),
    );
  }, [accounts.data, keyword, tokenState]);

  const unitName = (id: string) => {
    const u = byId.get(id);
    return u ? pick(u.name, u.nameEn) : t('ex.mapping.unknown');
  };

  const create = async () => {
    const v = await createForm.validateFields();
    try {
      const a = await call(exchangeRoutes.createServiceAccount, {
        body: { ...v, description: v.description?.trim() ? v.description.trim() : null },
      });
      setCreating(false);
      createForm.resetFields();
      accounts.reload();
      void message.success(t('ex.account.created', { name: a.displayName }));
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const issue = async () => {
    if (!issuing) return;
    const v = await issueForm.validateFields();
    try {
      const r = await call(exchangeRoutes.issueToken, { params: { id: issuing.userId }, body: v });
      setIssuing(null);
      issueForm.resetFields();
      accounts.reload();
      setOnce({ kind: 'token', value: r.token, name: `${issuing.displayName} · ${r.info.name}` });
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const revoke = async (token: ApiToken) => {
    try {
      await call(exchangeRoutes.revokeToken, { params: { id: token.id } });
      void message.success(t('ex.token.revoked', { name: token.name }));
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      accounts.reload();
    }
  };

  const tokenTable = (a: ServiceAccount) => (
    <Table<ApiToken>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={a.tokens}
      locale={{ emptyText: t('ex.token.none') }}
      columns={[
        { title: t('ex.token.name'), dataIndex: 'name' },
        { title: t('ex.token.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}</code> },
        {
          title: t('ex.token.state'),
          dataIndex: 'state',
          render: (s: ApiToken['state']) => <Tag color={TOKEN_COLOURS[s]}>{t(`ex.token.state.${s}`)}</Tag>,
        },
        { title: t('ex.token.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => fmtTime(v) },
        {
          title: t('ex.token.lastUsedAt'),
          dataIndex: 'lastUsedAt',
          render: (v: string | null) => (v ? fmtTime(v) : t('ex.token.never')),
        },
        { title: t('ex.createdBy'), dataIndex: 'createdBy' },
        ...(mayRevoke
          ? [
              {
                title: t('ex.actions'),
                key: 'actions',
                render: (_: unknown, tok: ApiToken) =>
                  tok.state === 'active' ? (
                    <Popconfirm
                      title={t('ex.token.revokeConfirm', { name: tok.name })}
                      onConfirm={() => void revoke(tok)}
                    >
                      <Button size="small" danger data-testid="token-revoke">
                        {t('ex.token.revoke')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );

  return (
    <>
      <div className="wf-toolbar">
        <Form layout="inline">
          <Form.Item label={t('ex.keyword')}>
            <Input
              allowClear
              style={{ width: 200 }}
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
              data-testid="account-search"
            />
          </Form.Item>
          <Form.Item label={t('ex.token.filterState')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('ex.all')}
              value={tokenState}
              onChange={(v: ApiToken['state'] | undefined) => setTokenState(v)}
              options={(['active', 'expired', 'revoked'] as const).map((s) => ({
                value: s,
                label: t(`ex.token.state.${s}`),
              }))}
            />
          </Form.Item>
        </Form>
        {isAdmin ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
            {t('ex.account.create')}
          </Button>
        ) : null}
      </div>
      {accounts.error ? <ErrorAlert error={accounts.error} onRetry={accounts.reload} /> : null}
      <Table<ServiceAccount>
        rowKey="userId"
        loading={accounts.loading}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ex.account.none') }}
        // Every account's tokens are open, also of an account created since the list first loaded.
        expandable={{
          expandedRowRender: tokenTable,
          expandedRowKeys: shown.map((a) => a.userId).filter((id) => !collapsed.has(id)),
          onExpand: (open, a) =>
            setCollapsed((c) => {
              const next = new Set(c);
              if (open) next.delete(a.userId);
              else next.add(a.userId);
              return next;
            }),
        }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('ex.account.displayName'),
            key: 'name',
            render: (_: unknown, a) => (
              <Space direction="vertical" size={0}>
                <span>{a.displayName}</span>
                <span className="wf-muted">{a.username}</span>
              </Space>
            ),
          },
          { title: t('ex.account.system'), dataIndex: 'systemName' },
          {
            title: t('ex.account.role'),
            key: 'role',
            render: (_: unknown, a) =>
              a.disabled ? (
                <Tag>{t('ex.account.disabled')}</Tag>
              ) : a.role ? (
                <Tag color="blue">{t(ROLE_LABELS[a.role])}</Tag>
              ) : (
                <Tag color="orange">{t('ex.account.noRole')}</Tag>
              ),
          },
          {
            title: t('ex.account.scope'),
            key: 'scope',
            render: (_: unknown, a) => (a.entryScope.length ? a.entryScope.map(unitName).join('、') : '—'),
          },
          { title: t('ex.account.tokens'), key: 'tokens', render: (_: unknown, a) => a.tokens.length },
          { title: t('ex.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
          ...(isAdmin
            ? [
                {
                  title: t('ex.actions'),
                  key: 'actions',
                  render: (_: unknown, a: ServiceAccount) => (
                    <Button
                      size="small"
                      icon={<KeyOutlined />}
                      onClick={() => setIssuing(a)}
                      data-testid="token-issue"
                      disabled={a.disabled}
                    >
                      {t('ex.token.issue')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={creating}
        title={t('ex.account.create')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText={t('ex.save')}
        cancelText={t('ex.cancel')}
        destroyOnHidden
      >
        <Form form={createForm} layout="vertical">
          <Form.Item name="username" label={t('ex.account.username')} rules={[{ required: true, min: 3, max: 32 }]}>
            <Input placeholder="svc-dhis2" />
          </Form.Item>
          <Form.Item name="displayName" label={t('ex.account.displayName')} rules={[{ required: true, max: 64 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="systemName" label={t('ex.account.system')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('ex.account.description')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={issuing !== null}
        title={`${t('ex.token.issue')} · ${issuing?.displayName ?? ''}`}
        onCancel={() => setIssuing(null)}
        onOk={() => void issue()}
        okText={t('ex.token.issue')}
        cancelText={t('ex.cancel')}
        destroyOnHidden
      >
        <Form form={issueForm} layout="vertical" initialValues={{ expiresInDays: 90 }}>
          <Form.Item name="name" label={t('ex.token.name')} rules={[{ required: true, max: 64 }]}>
            <Input data-testid="token-name" />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('ex.token.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
      <OnceModal shown={once} onClose={() => setOnce(null)} />
    </>
  );
}
