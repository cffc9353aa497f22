import { Alert, App, Button, Card, Form, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError, call, fieldErrors, onlyApiError } from '../../api.ts';
import { securityRoutes, type SecurityPolicy } from '../../../shared/api/security.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n.ts';
import { ROLE_LABELS } from '../../layout/HeaderBar.tsx';
import type { Role } from '../../types.ts';

type Policy = SecurityPolicy;

const FIELDS = [
  'minLength',
  'minClasses',
  'historyCount',
  'maxAgeDays',
  'lockoutThreshold',
  'lockoutMinutes',
  'idleMinutes',
  'mfaRequiredRoles',
] as const;

/** 安全策略 (security administrator): password rules, lockout, idle timeout, who must use a second factor. */
export function SecurityPolicyPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const policy = useRoute(securityRoutes.policy, {});
  const [form] = Form.useForm<Policy>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (v: Policy) => {
    setBusy(true);
    setError(null);
    try {
      form.setFieldsValue(await call(securityRoutes.setPolicy, { body: v }));
      void message.success(pick('安全策略已保存', 'Security policy saved'));
    } catch (caught) {
      const e = onlyApiError(caught);
      setError(e);
      form.setFields(fieldErrors(e, FIELDS, lang));
    } finally {
      setBusy(false);
    }
  };

  const number = (name: (typeof FIELDS)[number], zh: string, en: string, min: number, max: number, unit?: string) => (
    <Form.Item
      name={name}
      label={pick(zh, en)}
      extra={`${min}–${max}${unit ? ` ${unit}` : ''}`}
      rules={[{ required: true }]}
    >
      <InputNumber min={min} max={max} precision={0} style={{ width: 160 }} />
    </Form.Item>
  );

  return (
    <>
      <PageHeader
        title={pick('安全策略', 'Security policy')}
        subtitle={pick(
          '等保三级：只能比平台承诺的更严格',
          'MLPS level 3: only ever stricter than the platform promises',
        )}
      />
      {policy.error ? <ErrorAlert error={policy.error} onRetry={policy.reload} /> : null}
      {error ? <Alert type="error" showIcon title={error.text(lang)} style={{ marginBottom: 16 }} /> : null}
      <Card style={{ maxWidth: 860 }} loading={!policy.data}>
        {/* Mounted once the policy is there, so that it starts from the stored values. */}
        {policy.data ? (
          <Form form={form} layout="vertical" initialValues={policy.data} onFinish={(v) => void save(v)}>
            <Space wrap size="large" align="start">
              {number('minLength', '密码最短长度', 'Minimum length', 8, 64)}
              {number('minClasses', '字符类别数', 'Character classes', 3, 4)}
              {number('historyCount', '不得重复的历史密码数', 'Passwords not to reuse', 3, 24)}
              {number('maxAgeDays', '密码有效期（天）', 'Maximum age (days)', 1, 90)}
            </Space>
            <Space wrap size="large" align="start">
              {number('lockoutThreshold', '连续失败次数', 'Failures before lockout', 3, 5)}
              {number('lockoutMinutes', '锁定时长（分钟）', 'Lockout (minutes)', 10, 1440)}
              {number('idleMinutes', '空闲超时（分钟）', 'Idle timeout (minutes)', 1, 30)}
            </Space>
            <Form.Item
              name="mfaRequiredRoles"
              label={pick('必须使用动态验证码的角色', 'Roles that must use one-time codes')}
              extra={pick(
                '系统、安全、审计管理员必须保留。',
                'The system, security and audit administrators must stay.',
              )}
            >
              <Select
                mode="multiple"
                options={(Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Form>
        ) : null}
      </Card>
    </>
  );
}
