import { App, Form, Input, Modal, Typography } from 'antd';
import { call, errorText } from '../../api.ts';
import { fmtPeriod } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { roundRoutes } from '../../../shared/api/rounds.ts';
import type { UnitStatus } from './types.ts';

interface Props {
  roundId: string;
  period: string;
  /** The units to remind; null when closed. */
  units: UnitStatus[] | null;
  onClose: () => void;
  onSent: () => void;
}

/** 催报: a note to the reporters of units still owing figures; it shows on their home page and in the round's record. */
export function RemindModal({ roundId, period, units, onClose, onSent }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const names = (units ?? []).map((u) => u.orgUnitName).join(lang === 'zh' ? '、' : ', ');
  return (
    <Modal
      open={units !== null}
      title={t('rounds.remindTitle', { period: fmtPeriod(period, lang) })}
      okText={t('rounds.remindSend')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'round-remind-send' }}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const { note } = await form.validateFields();
        try {
          const r = await call(roundRoutes.remind, {
            params: { id: roundId },
            body: { orgUnitIds: (units ?? []).map((u) => u.orgUnitId), ...(note ? { note } : {}) },
          });
          void message.success(t('rounds.remindSent', { count: r.sent, recipients: r.recipients }));
          onSent();
        } catch (e) {
          void message.error(errorText(e, lang));
        }
      }}
    >
      <Typography.Paragraph>{t('rounds.remindTo', { units: names })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('rounds.remindNote')}
          rules={[{ max: 200, message: t('rounds.remindNoteMax') }]}
          initialValue={t('rounds.remindDefault', { period: fmtPeriod(period, lang) })}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="round-remind-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
