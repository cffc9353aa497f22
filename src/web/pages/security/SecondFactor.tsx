import { Alert, App, Button, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, call, onlyApiError } from '../../api.ts';
import { authRoutes } from '../../../shared/api/auth.ts';
import type { RouteResponse } from '../../../shared/contract.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';

type Started = RouteResponse<typeof authRoutes.mfaStart>;

/**
 * 动态验证码 (TOTP): enrolment in two steps, each with the current password — a new secret shown as text and as the otpauth:// URL an authenticator app
 * reads, then a code from the app to confirm — and the recovery codes, shown once. Without a QR library the URL is
 * shown as text: most apps accept it pasted, or the secret typed.
 */
export function SecondFactorEnrolment({ onDone }: { onDone?: () => void }) {
  const { lang, pick } = useI18n();
  const { refresh } = useSession();
  const [started, setStarted] = useState<Started | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      const e = onlyApiError(caught);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  // Binding asks for the current password at both steps; it is held only while this form is open.
  const [password, setPassword] = useState('');
  const start = (typed: string) =>
    run(async () => {
      setStarted(await call(authRoutes.mfaStart, { body: { password: typed } }));
      setPassword(typed);
    });
  const confirm = (otp: string) =>
    run(async () => {
      const res = await call(authRoutes.mfaConfirm, { body: { otp: otp.trim(), password } });
      setPassword('');
      setCodes(res.recoveryCodes);
    });

  if (codes) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type="success"
          showIcon
          title={pick('动态验证码已启用', 'One-time codes are on')}
          description={pick(
            '下面的恢复码只显示这一次。请抄写或打印后妥善保管：手机丢失时，每个恢复码可代替动态验证码登录一次。',
            'These recovery codes are shown only now. Write them down or print them: if the phone is lost, each one signs you in once instead of a code.',
          )}
        />
        <pre className="wf-password" data-testid="recovery-codes" style={{ columns: 2 }}>
          {codes.join('\n')}
        </pre>
        <Button
          type="primary"
          onClick={() => {
            void refresh().then(() => onDone?.());
          }}
        >
          {pick('我已保存恢复码', 'I have kept them')}
        </Button>
      </Space>
    );
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error ? <Alert type="error" showIcon title={error.text(lang)} /> : null}
      {started ? (
        <>
          <Typography.Paragraph>
            {pick(
              '1. 用手机上的身份验证器应用（如微信小程序“腾讯身份验证器”、Google Authenticator、Microsoft Authenticator）扫描下面的二维码；无法扫码时，粘贴下面的链接或手动输入密钥（基于时间，6 位，30 秒）。',
              '1. Scan the QR code below with an authenticator app on your phone; if you cannot scan, paste the link below or type the secret (time-based, 6 digits, 30 seconds).',
            )}
          </Typography.Paragraph>
          <div data-testid="totp-qr" aria-label={pick('动态验证码二维码', 'One-time code QR code')}>
            <QRCode value={started.otpauthUrl} type="svg" size={176} errorLevel="M" bordered />
          </div>
          <Typography.Paragraph>
            {pick('密钥', 'Secret')}:{' '}
            <Typography.Text code copyable data-testid="totp-secret">
              {started.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: started.otpauthUrl }} style={{ wordBreak: 'break-all' }}>
            <Typography.Text type="secondary" data-testid="totp-url">
              {started.otpauthUrl}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph>
            {pick('2. 输入应用显示的 6 位验证码：', '2. Type the 6-digit code the app shows:')}
          </Typography.Paragraph>
          <Form layout="inline" onFinish={(v: { otp: string }) => void confirm(v.otp)}>
            <Form.Item
              name="otp"
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: pick('请输入 6 位数字', 'Six digits') }]}
            >
              <Input
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={8}
                style={{ width: 140 }}
                data-testid="totp-confirm-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {pick('确认启用', 'Confirm')}
            </Button>
          </Form>
        </>
      ) : (
        <Form layout="inline" onFinish={(v: { password: string }) => void start(v.password)}>
          <Form.Item
            name="password"
            rules={[{ required: true, message: pick('请输入当前密码', 'Type your password') }]}
          >
            <Input.Password
              placeholder={pick('当前密码', 'Current password')}
              autoComplete="current-password"
              data-testid="totp-start-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-start">
            {pick('绑定动态验证码', 'Set up one-time codes')}
          </Button>
        </Form>
      )}
    </Space>
  );
}

/** Switching the second factor off, where the role allows it: the password and a code (or a recovery code). */
export function SecondFactorDisable() {
  const { lang, pick } = useI18n();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { password: string; otp: string }) => {
    setBusy(true);
    setError(null);
    try {
      await call(authRoutes.mfaDisable, { body: { password: v.password, otp: v.otp.trim() } });
      void message.success(pick('动态验证码已停用', 'One-time codes are off'));
      await refresh();
    } catch (caught) {
      const e = onlyApiError(caught);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {error ? <Alert type="error" showIcon title={error.text(lang)} style={{ marginBottom: 12 }} /> : null}
      <Form layout="inline" onFinish={(v: { password: string; otp: string }) => void submit(v)}>
        <Form.Item name="password" rules={[{ required: true, message: pick('必填', 'Required') }]}>
          <Input.Password placeholder={pick('当前密码', 'Current password')} autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="otp" rules={[{ required: true, message: pick('必填', 'Required') }]}>
          <Input
            placeholder={pick('验证码或恢复码', 'Code or recovery code')}
            autoComplete="one-time-code"
            maxLength={32}
          />
        </Form.Item>
        <Button danger htmlType="submit" loading={busy}>
          {pick('停用', 'Switch off')}
        </Button>
      </Form>
    </>
  );
}
