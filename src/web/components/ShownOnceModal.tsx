import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space } from 'antd';
import type { ReactNode } from 'react';
import { copyText } from '../pages/workflow/copyText.ts';

interface Props {
  /** The secret (a password, an API token, a signing secret); null when closed. */
  value: string | null;
  title: ReactNode;
  warning: ReactNode;
  labels: { copy: string; copied: string; copyFailed: string; done: string };
  testIds: { value: string; done: string; copy?: string };
  onClose: () => void;
}

/**
 * A secret shown exactly once (the server keeps only its hash, or keeps it sealed): copy it now, it cannot be seen
 * again. The modal cannot be dismissed by a click beside it or by Escape, only by saying it was kept.
 */
export function ShownOnceModal({ value, title, warning, labels, testIds, onClose }: Props) {
  const { message } = App.useApp();
  const copy = async () => {
    if (value === null) return;
    if (await copyText(value)) void message.success(labels.copied);
    else void message.warning(labels.copyFailed);
  };
  return (
    <Modal
      open={value !== null}
      title={
        <Space>
          <KeyOutlined />
          {title}
        </Space>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid={testIds.done}>
          {labels.done}
        </Button>
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: '100%' }}>
        <div className="wf-password" data-testid={testIds.value} style={{ flex: 1, wordBreak: 'break-all' }}>
          {value}
        </div>
        <Button
          icon={<CopyOutlined />}
          onClick={() => void copy()}
          style={{ height: 'auto' }}
          data-testid={testIds.copy}
        >
          {labels.copy}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
