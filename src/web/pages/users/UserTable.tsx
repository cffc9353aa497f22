import { EditOutlined, KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { fmtTime } from '../../format.ts';
import { useOrgUnits, useWorkTeams } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { ROLE_LABELS, stateOf, type User, type UsersDuty } from './types.ts';

interface Props {
  users: User[];
  loading: boolean;
  /** The system administrator edits and resets passwords; the security administrator authorises and resets 2FA. */
  duty: UsersDuty;
  onResetMfa: (user: User) => void;
  now: number;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

/** The accounts: role in Chinese, scopes as unit names, state. */
export function UserTable({ users, loading, duty, now, onEdit, onResetPassword, onResetMfa }: Props) {
  const { t, pick } = useI18n();
  const org = useOrgUnits();
  const teams = useWorkTeams();
  const unitNames = (ids: string[]) =>
    ids.length === 0
      ? '—'
      : ids
          .map((id) => {
            const u = org.byId.get(id);
            return u ? pick(u.name, u.nameEn) : id;
          })
          .join('、');
  const scopeCell = (ids: string[]) => {
    const text = unitNames(ids);
    return (
      <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 180 }}>
        {text}
      </Typography.Text>
    );
  };
  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 110,
      render: (v: string, u) => <Tooltip title={`${t('users.createdAt')} ${fmtTime(u.createdAt)}`}>{v}</Tooltip>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 150 },
    {
      title: t('users.role'),
      dataIndex: 'role',
      width: 110,
      render: (r: User['role']) =>
        r ? <Tag color="blue">{t(ROLE_LABELS[r])}</Tag> : <Tag color="orange">{pick('待授权', 'Not authorised')}</Tag>,
    },
    { title: t('users.entryScope'), dataIndex: 'entryScope', width: 190, render: scopeCell },
    { title: t('users.viewScope'), dataIndex: 'viewScope', width: 190, render: scopeCell },
    {
      title: t('users.workTeam'),
      dataIndex: 'workTeamId',
      width: 140,
      render: (id: string | null) => {
        const team = id ? teams.find((x) => x.id === id) : undefined;
        return team ? pick(team.name, team.nameEn) : <span className="muted">—</span>;
      },
    },
    {
      title: t('users.state'),
      key: 'state',
      width: 170,
      render: (_: unknown, u) => {
        const state = stateOf(u, now);
        return (
          <Space size={4} wrap>
            {state === 'active' ? <Tag color="success">{t('users.state.active')}</Tag> : null}
            {state === 'disabled' ? <Tag color="default">{t('users.state.disabled')}</Tag> : null}
            {state === 'locked' ? (
              <Tooltip title={t('users.state.lockedUntil', { time: fmtTime(u.lockedUntil) })}>
                <Tag color="error">{t('users.state.locked')}</Tag>
              </Tooltip>
            ) : null}
            {u.mustChangePassword ? <Tag color="warning">{t('users.state.mustChange')}</Tag> : null}
          </Space>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, u) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => onEdit(u)}
            data-testid={`user-edit-${u.username}`}
          >
            {duty === 'authorisation' ? pick('授权', 'Authorise') : t('common.edit')}
          </Button>
          {duty === 'authorisation' ? (
            <Popconfirm
              title={pick('重置动态验证码', 'Reset second factor')}
              description={
                <div style={{ maxWidth: 280 }}>
                  {pick(
                    `${u.displayName} 下次登录时须重新绑定动态验证码，其会话将被结束。`,
                    `${u.displayName} must set up one-time codes again at the next sign-in; their sessions end.`,
                  )}
                </div>
              }
              okText={pick('重置', 'Reset')}
              cancelText={t('common.cancel')}
              onConfirm={() => onResetMfa(u)}
            >
              <Button
                type="link"
                size="small"
                icon={<SafetyOutlined />}
                disabled={!u.mfaEnabled}
                data-testid={`user-reset-mfa-${u.username}`}
              >
                {pick('重置验证码', 'Reset 2FA')}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t('users.resetPassword')}
              description={<div style={{ maxWidth: 280 }}>{t('users.resetConfirm', { name: u.displayName })}</div>}
              okText={t('users.resetPassword')}
              cancelText={t('common.cancel')}
              onConfirm={() => onResetPassword(u)}
            >
              <Button type="link" size="small" icon={<KeyOutlined />} data-testid={`user-reset-${u.username}`}>
                {t('users.resetPassword')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<User>
      data-testid="user-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={users}
      loading={loading}
      scroll={{ x: 1230 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('users.count', { count: n }) }}
      onRow={(u) => ({ 'data-testid': `user-row-${u.username}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
