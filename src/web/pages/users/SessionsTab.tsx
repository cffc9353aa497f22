import { LogoutOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, errorText } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtTime } from '../../format.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n.ts';
import { useWt } from '../workflow/messages.ts';
import type { ActiveSession } from './types.ts';

/** 在线会话: who is signed in from where; an administrator can end a session. */
export function SessionsTab() {
  const { lang, t } = useI18n();
  const wt = useWt();
  const { message } = App.useApp();
  const sessions = useApi<ActiveSession[]>('/sessions');

  const end = async (s: ActiveSession) => {
    try {
      await api.delete(`/sessions/${encodeURIComponent(s.id)}`);
      void message.success(wt('users.sessionEnded'));
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      sessions.reload();
    }
  };

  const columns: TableColumnsType<ActiveSession> = [
    { title: wt('users.sessionUser'), key: 'user', render: (_: unknown, s) => `${s.displayName}（${s.username}）` },
    { title: wt('users.sessionIp'), dataIndex: 'ip', width: 160 },
    { title: wt('users.sessionCreated'), dataIndex: 'createdAt', width: 170, render: (v: string) => fmtTime(v) },
    { title: wt('users.sessionLastSeen'), dataIndex: 'lastSeenAt', width: 170, render: (v: string) => fmtTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_: unknown, s) => (
        <Popconfirm
          title={wt('users.endSession')}
          description={wt('users.endSessionConfirm', { name: s.displayName })}
          okText={wt('users.endSession')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => end(s)}
        >
          <Button type="link" danger size="small" icon={<LogoutOutlined />} data-testid={`session-end-${s.username}`}>
            {wt('users.endSession')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <>
      {sessions.error ? <ErrorAlert error={sessions.error} onRetry={sessions.reload} /> : null}
      <div className="wf-toolbar">
        <span className="muted">{wt('users.sessionCount', { count: sessions.data?.length ?? 0 })}</span>
        <Button icon={<ReloadOutlined />} onClick={sessions.reload}>
          {wt('wf.reload')}
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
