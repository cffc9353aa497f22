import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Space, Spin } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, call, fieldErrors, onlyApiError } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useRoute } from '../hooks/useApi.ts';
import { useI18n } from '../i18n.ts';
import { AuthFrame } from '../layout/AuthFrame.tsx';
import { passwordRules } from '../password.ts';
import { homePath } from '../routes.tsx';
import { useSession } from '../session.tsx';
import { authRoutes } from '../../shared/api/auth.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 修改密码 — forced after the first sign-in or a reset (the server refuses everything else until then), and
 * reachable from the user menu. The rules are the ones in force (`/auth/password-rules`), checked live by the
 * server's own checks (password.ts) and shown as a checklist.
 */
export function ChangePasswordPage() {
  const { t, lang } = useI18n();
  const { user, refresh, logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const currentPassword = Form.useWatch('currentPassword', form) ?? '';
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const policy = useRoute(authRoutes.passwordRules, {});
  if (!user) return null;
  if (!policy.data) {
    return (
      <AuthFrame title={t('password.title')}>
        {policy.error ? (
          <ErrorAlert error={policy.error} onRetry={policy.reload} />
        ) : (
          <div style={{ textAlign: 'center', padding: 24 }}>
            <Spin />
          </div>
        )}
      </AuthFrame>
    );
  }
  const ruleSet = policy.data;
  const rules = passwordRules(newPassword, { username: user.username, rules: ruleSet, current: currentPassword });

  const submit = async (values: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await call(authRoutes.changePassword, {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      await refresh();
      void message.success(t('password.changed'));
      void navigate(homePath(user.role), { replace: true });
    } catch (caught) {
      const e = onlyApiError(caught);
      setError(e);
      form.setFields(fieldErrors(e, ['currentPassword', 'newPassword'], lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('password.title')}>
      {user.mustChangePassword ? (
        <Alert type="info" showIcon title={t('password.forcedHint')} style={{ marginBottom: 16 }} />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.text(lang)}
          description={error.details.length ? error.details.map((d) => d.text[lang]).join('；') : undefined}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<PasswordForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          dependencies={['currentPassword']}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const failed = passwordRules(value ?? '', {
                  username: user.username,
                  rules: ruleSet,
                  current: form.getFieldValue('currentPassword') as string | undefined,
                }).filter((r) => !r.ok);
                if (failed.length > 0) throw new Error(failed.map((r) => t(r.id, r.params)).join('；'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ul className="rule-list" aria-live="polite">
          {rules.map((r) => (
            <li key={r.id} style={{ color: r.ok ? '#389e0d' : 'rgba(0,0,0,0.45)' }}>
              {r.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
              {t(r.id, r.params)}
            </li>
          ))}
          {ruleSet.historyCount > 0 ? (
            <li className="muted">{t('password.ruleHistory', { n: ruleSet.historyCount })}</li>
          ) : null}
        </ul>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.mismatch') },
            {
              validator: async (_, value: string | undefined) => {
                if (value !== form.getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('password.submit')}
          </Button>
          {user.mustChangePassword ? (
            <Button block type="link" onClick={() => void logout().then(() => navigate('/login', { replace: true }))}>
              {t('common.signOut')}
            </Button>
          ) : (
            <Button block type="link" onClick={() => void navigate(-1)}>
              {t('common.back')}
            </Button>
          )}
        </Space>
      </Form>
    </AuthFrame>
  );
}
