import { LogoutOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { call, errorText } from '../../api.ts';
import { userRoutes } from '../../../shared/api/users.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtTime } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n.ts';
import type { ActiveSession } from './types.ts';

/** 在线会话: who is signed in from where; an administrator can end a session. */
export function SessionsTab() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const sessions = useRoute(userRoutes.sessions, {});

  const end = async (s: ActiveSession) => {
    try {
      await call(userRoutes.endSession, { params: { id: s.id } });
      void message.success(t('users.sessionEnded'));
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      sessions.reload();
    }
  };

  const columns: TableColumnsType<ActiveSession> = [
    { title: t('users.sessionUser'), key: 'user', render: (_: unknown, s) => `${s.displayName}（${s.username}）` },
    { title: t('users.sessionIp'), dataIndex: 'ip', width: 160 },
    { title: t('users.sessionCreated'), dataIndex: 'createdAt', width: 170, render: (v: string) => fmtTime(v) },
    { title: t('users.sessionLastSeen'), dataIndex: 'lastSeenAt', width: 170, render: (v: string) => fmtTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_: unknown, s) => (
        <Popconfirm
          title={t('users.endSession')}
          description={t('users.endSessionConfirm', { name: s.displayName })}
          okText={t('users.endSession')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => end(s)}
        >
          <Button type="link" danger size="small" icon={<LogoutOutlined />} data-testid={`session-end-${s.username}`}>
            {t('users.endSession')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <>
      {sessions.error ? <ErrorAlert error={sessions.error} onRetry={sessions.reload} /> : null}
      <div className="wf-toolbar">
        <span className="muted">{t('users.sessionCount', { count: sessions.data?.length ?? 0 })}</span>
        <Button icon={<ReloadOutlined />} onClick={sessions.reload}>
          {t('wf.reload')}
        </Button>
      </div>
      <Table<ActiveSession>
        data-testid="session-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={sessions.data ?? []}
        loading={sessions.loading}
        pagination={false}
      />
    </>
  );
}
