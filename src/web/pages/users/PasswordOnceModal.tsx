import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space } from 'antd';
import { copyText } from '../workflow/copyText.ts';
import { useT } from '../../i18n.ts';

interface Props {
  /** The password and whose it is; null when closed. */
  shown: { password: string; name: string; initial: boolean } | null;
  onClose: () => void;
}

/** A new password, shown exactly once: copy it now, it cannot be seen again. */
export function PasswordOnceModal({ shown, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    if (!shown) return;
    if (await copyText(shown.password)) void message.success(t('users.copied'));
    else void message.warning(t('users.copyFailed'));
  };
  return (
    <Modal
      open={shown !== null}
      title={
        <Space>
          <KeyOutlined />
          {shown?.initial ? t('users.passwordTitle') : t('users.newPasswordTitle')}
          {shown ? `· ${shown.name}` : null}
        </Space>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="password-once-close">
          {t('users.passwordSaved')}
        </Button>
      }
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title={t('users.passwordOnce', { name: shown?.name ?? '' })}
        style={{ marginBottom: 16 }}
      />
      <Space.Compact style={{ width: '100%' }}>
        <div className="wf-password" data-testid="password-once" style={{ flex: 1 }}>
          {shown?.password}
        </div>
        <Button
          icon={<CopyOutlined />}
          onClick={() => void copy()}
          style={{ height: 'auto' }}
          data-testid="password-once-copy"
        >
          {t('users.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
