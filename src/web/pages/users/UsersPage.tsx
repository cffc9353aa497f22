import { App, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { call, errorText } from '../../api.ts';
import { userRoutes } from '../../../shared/api/users.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import '../workflow/workflow.css';
import { PasswordOnceModal } from './PasswordOnceModal.tsx';
import { SessionsTab } from './SessionsTab.tsx';
import { stateOf, type User, type UserFilter, type UsersDuty } from './types.ts';
import { UserFormModal } from './UserFormModal.tsx';
import { UserSearchForm } from './UserSearchForm.tsx';
import { UserTable } from './UserTable.tsx';

/** 用户管理: accounts with their roles and scopes, and the active sessions. */
export function UsersPage() {
  const t = useT();
  // The system administrator manages accounts and sessions; the security administrator authorises accounts.
  const duty: UsersDuty = useSession().user?.role === 'securityAdmin' ? 'authorisation' : 'accounts';
  return (
    <>
      <PageHeader title={t('users.title')} subtitle={t('users.subtitle')} />
      <div className="wf-panel">
        <Tabs
          destroyOnHidden
          items={[
            { key: 'users', label: t('users.tabUsers'), children: <UsersTab duty={duty} /> },
            ...(duty === 'accounts'
              ? [
                  {
                    key: 'sessions',
                    label: <span data-testid="users-tab-sessions">{t('users.tabSessions')}</span>,
                    children: <SessionsTab />,
                  },
                ]
              : []),
          ]}
        />
      </div>
    </>
  );
}

function UsersTab({ duty }: { duty: UsersDuty }) {
  const { lang, pick } = useI18n();
  const t = useT();
  const { message } = App.useApp();
  const users = useRoute(userRoutes.list, {});
  const [filter, setFilter] = useState<UserFilter>({ keyword: '', role: undefined, state: undefined });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [password, setPassword] = useState<{ password: string; name: string; initial: boolean } | null>(null);
  // "Now" for lock and expiry states, taken afresh each time the list loads.
  const now = useMemo(() => (users.data ? Date.now() : 0), [users.data]);

  const shown = useMemo(() => {
    const q = filter.keyword.trim().toLowerCase();
    return (users.data ?? []).filter(
      (u) =>
        (!q || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q)) &&
        (!filter.role || u.role === filter.role) &&
        (!filter.state || stateOf(u, now) === filter.state),
    );
  }, [users.data, filter, now]);

  const resetPassword = async (u: User) => {
    try {
      const res = await call(userRoutes.resetPassword, { params: { id: u.id } });
      setPassword({ password: res.password, name: u.displayName, initial: false });
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      users.reload();
    }
  };

  const resetMfa = async (u: User) => {
    try {
      await call(userRoutes.resetMfa, { params: { id: u.id } });
      void message.success(pick(`已重置 ${u.displayName} 的动态验证码`, `Second factor of ${u.displayName} reset`));
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      users.reload();
    }
  };

  return (
    <>
      <UserSearchForm
        filter={filter}
        onChange={setFilter}
        onCreate={duty === 'accounts' ? () => setEditing('new') : null}
      />
      {users.error ? <ErrorAlert error={users.error} onRetry={users.reload} /> : null}
      <UserTable
        users={shown}
        loading={users.loading}
        duty={duty}
        now={now}
        onEdit={setEditing}
        onResetPassword={(u) => void resetPassword(u)}
        onResetMfa={(u) => void resetMfa(u)}
      />
      <UserFormModal
        duty={duty}
        editing={editing}
        onClose={() => setEditing(null)}
        onCreated={(created) => {
          setEditing(null);
          users.reload();
          void message.success(t('users.created', { name: created.user.displayName }));
          setPassword({ password: created.initialPassword, name: created.user.displayName, initial: true });
        }}
        onSaved={(user) => {
          setEditing(null);
          users.reload();
          void message.success(t('users.updated', { name: user.displayName }));
        }}
        onConflict={() => {
          setEditing(null);
          users.reload();
          void message.warning(t('users.conflict'));
        }}
      />
      <PasswordOnceModal shown={password} onClose={() => setPassword(null)} />
    </>
  );
}
