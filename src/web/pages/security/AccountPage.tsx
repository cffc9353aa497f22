import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { call, errorText } from '../../api.ts';
import { authRoutes } from '../../../shared/api/auth.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n.ts';
import { ROLE_LABELS } from '../../layout/HeaderBar.tsx';
import { useSession } from '../../session.tsx';
import { SecondFactorDisable, SecondFactorEnrolment } from './SecondFactor.tsx';

/** 账户安全: the signed-in user's own password, second factor and sessions. */
export function AccountPage() {
  const { t, lang, pick } = useI18n();
  const { user, logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  if (!user) return null;

  const signOutEverywhere = async () => {
    try {
      const res = await call(authRoutes.logoutEverywhere);
      void message.success(pick(`已结束 ${res.ended} 个会话`, `${res.ended} sessions ended`));
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      await logout().catch(() => undefined);
    }
  };

  return (
    <>
      <PageHeader
        title={pick('账户安全', 'Account security')}
        subtitle={`${user.displayName} · ${t(ROLE_LABELS[user.role])}`}
      />
      <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 860 }}>
        <Card title={pick('密码', 'Password')}>
          <Button icon={<KeyOutlined />} onClick={() => void navigate('/change-password')}>
            {t('common.changePassword')}
          </Button>
        </Card>
        <Card
          title={
            <Space>
              {pick('动态验证码（双因素认证）', 'One-time codes (second factor)')}
              {user.mfaEnabled ? <Tag color="success">{pick('已启用', 'On')}</Tag> : <Tag>{pick('未启用', 'Off')}</Tag>}
            </Space>
          }
        >
          {user.mfaEnabled ? (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={pick('状态', 'State')}>
                {pick(
                  '登录时需输入身份验证器应用中的 6 位验证码。',
                  'Signing in asks for the 6-digit code of your authenticator app.',
                )}
              </Descriptions.Item>
              <Descriptions.Item label={pick('停用', 'Switch off')}>
                {user.mfaEnrolmentRequired || ['admin', 'securityAdmin', 'auditAdmin'].includes(user.role) ? (
                  pick(
                    '您的角色必须使用动态验证码。手机丢失请联系安全管理员重置。',
                    'Your role must use one-time codes. Lost your phone? Ask the security administrator for a reset.',
                  )
                ) : (
                  <SecondFactorDisable />
                )}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <SecondFactorEnrolment />
          )}
        </Card>
        <Card title={pick('会话', 'Sessions')}>
          <p className="muted">
            {pick(
              '在所有设备和浏览器上退出，包括本设备。怀疑密码泄露时使用。',
              'Sign out on every device and browser, this one included. Use it when you suspect your password is known.',
            )}
          </p>
          <Popconfirm
            title={pick('退出所有设备？', 'Sign out everywhere?')}
            onConfirm={() => void signOutEverywhere()}
            okButtonProps={{ danger: true }}
          >
            <Button danger icon={<LogoutOutlined />} data-testid="sign-out-everywhere">
              {pick('退出所有设备', 'Sign out everywhere')}
            </Button>
          </Popconfirm>
        </Card>
      </Space>
    </>
  );
}
