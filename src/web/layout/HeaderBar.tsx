import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Space, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT, type MsgId } from '../i18n.ts';
import { useSession } from '../session.tsx';
import type { Role } from '../types.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export const ROLE_LABELS: Record<Role, MsgId> = {
  admin: 'role.admin',
  securityAdmin: 'role.securityAdmin',
  auditAdmin: 'role.auditAdmin',
  coordinator: 'role.coordinator',
  leader: 'role.leader',
  teamMember: 'role.teamMember',
  departmentReporter: 'role.departmentReporter',
  districtReporter: 'role.districtReporter',
  reviewer: 'role.reviewer',
  villageCadre: 'role.villageCadre',
  townshipOfficer: 'role.townshipOfficer',
  civilAffairsOfficer: 'role.civilAffairsOfficer',
  hrOfficer: 'role.hrOfficer',
};

/**
 * Right side of the header: language, the user with the role, change password, sign out. `compact` (a phone): the
 * name and role move into the user menu and sign-out is only there, so the header fits 390 px.
 */
export function HeaderBar({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { user, logout } = useSession();
  if (!user) return null;
  const signOut = () => {
    void logout().then(() => navigate('/login', { replace: true }));
  };
  return (
    <Space size={compact ? 8 : 16} align="center">
      <LanguageSwitch />
      <Dropdown
        menu={{
          items: [
            ...(compact
              ? [
                  {
                    key: 'who',
                    disabled: true,
                    label: `${user.displayName}（${t(ROLE_LABELS[user.role])}）`,
                  },
                  { type: 'divider' as const },
                ]
              : []),
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: t('common.changePassword'),
              onClick: () => void navigate('/change-password'),
            },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('common.signOut'), onClick: signOut },
          ],
        }}
      >
        <Space size={8} style={{ cursor: 'pointer' }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1668dc' }} />
          {compact ? null : (
            <>
              <span>{user.displayName}</span>
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t(ROLE_LABELS[user.role])}
              </Tag>
            </>
          )}
        </Space>
      </Dropdown>
      {compact ? null : (
        <Button type="text" icon={<LogoutOutlined />} onClick={signOut}>
          {t('common.signOut')}
        </Button>
      )}
    </Space>
  );
}
