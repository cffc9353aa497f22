import { DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { call, fieldErrors, onlyApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { periodOptions } from '../workflow/periods.ts';
import { roundRoutes } from '../../../shared/api/rounds.ts';

interface Props {
  open: boolean;
  year: number | undefined;
  frameworkId: string | undefined;
  onClose: () => void;
  onOpened: (round: { id: string; period: string }) => void;
}

interface Values {
  period: string;
  dueDate: Dayjs;
}

/** 开启新一轮填报: a period of the framework year and the date reports are due. */
export function OpenRoundModal({ open, year, frameworkId, onClose, onOpened }: Props) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const options = useMemo(() => (year === undefined ? [] : periodOptions(year, lang, t)), [year, lang, t]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const { id } = await call(roundRoutes.open, {
        body: { frameworkId, period: v.period, dueDate: v.dueDate.format('YYYY-MM-DD') },
      });
      onOpened({ id, period: v.period });
    } catch (caught) {
      const e = onlyApiError(caught);
      const fields = fieldErrors(e, ['period', 'dueDate'], lang);
      form.setFields(
        fields.length > 0
          ? fields.map((f) => ({ name: f.name, errors: f.errors }))
          : [{ name: 'period', errors: [e.text(lang)] }],
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('rounds.newTitle')}
      okText={t('rounds.new')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="period" label={t('wf.period')} rules={[{ required: true, message: t('users.required') }]}>
          <Select data-testid="round-new-period" options={options} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('rounds.dueDate')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <DatePicker data-testid="round-new-due" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
