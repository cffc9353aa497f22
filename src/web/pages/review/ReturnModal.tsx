import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../i18n.ts';

interface Props {
  open: boolean;
  count: number;
  busy: boolean;
  onCancel: () => void;
  onReturn: (reason: string) => void;
}

/** 退回: a reason is required; the reporter sees it beside the value. */
export function ReturnModal({ open, count, busy, onCancel, onReturn }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('review.returnTitle', { count })}
      okText={t('review.return')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'review-return-confirm' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() =>
        form.validateFields().then(
          (v) => onReturn(v.reason.trim()),
          () => undefined,
        )
      }
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('review.returnReason')}
          rules={[{ required: true, whitespace: true, message: t('review.returnReasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea
            data-testid="review-return-reason"
            rows={4}
            maxLength={500}
            showCount
            placeholder={t('review.returnReasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
