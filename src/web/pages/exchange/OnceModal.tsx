import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space } from 'antd';
import { useT } from '../../i18n.ts';
import { copyText } from '../workflow/copyText.ts';

interface Props {
  /** What is shown once (an API token, a receiver's secret) and whose it is; null when closed. */
  shown: { kind: 'token' | 'secret'; value: string; name: string } | null;
  onClose: () => void;
}

/** A token or a signing secret, shown exactly once: the server keeps only its hash (or sealed), never shows it again. */
export function OnceModal({ shown, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    if (!shown) return;
    if (await copyText(shown.value)) void message.success(t('ex.once.copied'));
    else void message.warning(t('ex.once.copyFailed'));
  };
  return (
    <Modal
      open={shown !== null}
      title={
        <Space>
          <KeyOutlined />
          {shown?.kind === 'secret' ? t('ex.once.secretTitle') : t('ex.once.tokenTitle')}
          {shown ? `· ${shown.name}` : null}
        </Space>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="once-close">
          {t('ex.once.done')}
        </Button>
      }
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title={shown?.kind === 'secret' ? t('ex.once.secret') : t('ex.once.token')}
        style={{ marginBottom: 16 }}
      />
      <Space.Compact style={{ width: '100%' }}>
        <div className="wf-password" data-testid="once-value" style={{ flex: 1, wordBreak: 'break-all' }}>
          {shown?.value}
        </div>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} style={{ height: 'auto' }}>
          {t('ex.once.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
