import { Alert, Button } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n.ts';
import { AuthFrame } from '../../layout/AuthFrame.tsx';
import { homePath } from '../../routes.tsx';
import { useSession } from '../../session.tsx';
import { SecondFactorEnrolment } from './SecondFactor.tsx';

/**
 * 绑定动态验证码 — required before anything else when the role must use a second factor and the account has none
 * (the server answers MFA_ENROLMENT_REQUIRED elsewhere until it is done), like the forced password change.
 */
export function SecondFactorPage() {
  const { pick } = useI18n();
  const { user, logout } = useSession();
  const navigate = useNavigate();
  if (!user) return null;
  if (!user.mfaEnrolmentRequired) return <Navigate to={homePath(user.role)} replace />;
  return (
    <AuthFrame title={pick('绑定动态验证码', 'Set up one-time codes')}>
      <Alert
        type="info"
        showIcon
        title={pick(
          '您的角色须使用双因素认证：请先绑定身份验证器应用。',
          'Your role must use a second factor: set up an authenticator app first.',
        )}
        style={{ marginBottom: 16 }}
      />
      <SecondFactorEnrolment onDone={() => void navigate(homePath(user.role), { replace: true })} />
      <Button type="link" onClick={() => void logout()} style={{ marginTop: 16, paddingLeft: 0 }}>
        {pick('退出登录', 'Sign out')}
      </Button>
    </AuthFrame>
  );
}
