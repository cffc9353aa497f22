import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { AuthFrame } from '../layout/AuthFrame.tsx';
import { landingPath } from '../routes.tsx';
import { useSession } from '../session.tsx';

interface LoginForm {
  username: string;
  password: string;
  otp?: string;
}

/** 用户登录. Field limits follow the server's loginRequestSchema (user name ≤64, password ≤256, code ≤32). */
export function LoginPage() {
  const { t, lang } = useI18n();
  const { user, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const [needOtp, setNeedOtp] = useState(false);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (user) {
    return <Navigate to={user.mustChangePassword ? '/change-password' : landingPath(from, user.role)} replace />;
  }

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const session = await login({
        username: values.username.trim(),
        password: values.password,
        ...(values.otp ? { otp: values.otp.trim() } : {}),
      });
      void navigate(session.user.mustChangePassword ? '/change-password' : landingPath(from, session.user.role), {
        replace: true,
      });
    } catch (e) {
      if (e instanceof ApiError) {
        // The first answer MFA_REQUIRED (no code typed yet) is the next step, not a mistake: a prompt, not an error.
        const firstAsk = e.code === 'MFA_REQUIRED' && !values.otp;
        if (e.code === 'MFA_REQUIRED') setNeedOtp(true);
        setError(firstAsk ? null : e);
      } else {
        throw e;
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('login.title')}>
      {error ? <Alert type="error" showIcon title={error.text(lang)} style={{ marginBottom: 16 }} /> : null}
      {needOtp && !error ? (
        <Alert
          type="info"
          showIcon
          title={t('login.otpPrompt')}
          style={{ marginBottom: 16 }}
          data-testid="otp-prompt"
        />
      ) : null}
      <Form<LoginForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} size="large">
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[
            { required: true, whitespace: true, message: t('login.usernameRequired') },
            { max: 64, message: t('login.tooLong', { max: 64 }) },
          ]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[
            { required: true, message: t('login.passwordRequired') },
            { max: 256, message: t('login.tooLong', { max: 256 }) },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        {needOtp ? (
          <Form.Item
            name="otp"
            label={t('login.otp')}
            rules={[
              { required: true, whitespace: true, message: t('login.otpRequired') },
              { max: 32, message: t('login.tooLong', { max: 32 }) },
            ]}
          >
            <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" autoFocus />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
