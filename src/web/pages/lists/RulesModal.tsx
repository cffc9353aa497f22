import { App, Col, Divider, Form, InputNumber, Modal, Radio, Row } from 'antd';
import { useEffect, useState } from 'react';
import { call, errorText } from '../../api.ts';
import { listRoutes } from '../../../shared/api/lists.ts';
import { type MsgId, useI18n, useT } from '../../i18n.ts';
import type { ListRules } from '../../../domain/lists/rules.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const NUMBERS: {
  name: keyof Omit<ListRules, 'score' | 'lateReportColour'>;
  label: MsgId;
  min: number;
  max: number;
}[] = [
  { name: 'approachDays', label: 'rules.approachDays', min: 0, max: 90 },
  { name: 'behindPoints', label: 'rules.behindPoints', min: 1, max: 100 },
  { name: 'reportDay', label: 'rules.reportDay', min: 1, max: 31 },
  { name: 'firstReportGraceDays', label: 'rules.firstReportGraceDays', min: 0, max: 31 },
  { name: 'autoNoticeAfterYellow', label: 'rules.autoNoticeAfterYellow', min: 0, max: 50 },
  { name: 'noticeAnswerDays', label: 'rules.noticeAnswerDays', min: 1, max: 60 },
  { name: 'acknowledgeDays', label: 'rules.acknowledgeDays', min: 1, max: 60 },
  { name: 'reviewDays', label: 'rules.reviewDays', min: 1, max: 60 },
];

const SCORE: (keyof ListRules['score'])[] = ['base', 'yellow', 'red', 'notice', 'escalation', 'lateItem'];

/** The coordination centre's settings of the lists: warning thresholds, report day, supervision and the score. */
export function RulesModal({ open, onClose, onSaved }: Props) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ListRules>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    call(listRoutes.rules).then(
      (r) => form.setFieldsValue(r),
      (e: unknown) => void message.error(errorText(e, lang)),
    );
  }, [open, form, message, lang]);

  const save = async () => {
    let v: ListRules;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await call(listRoutes.setRules, { body: v });
      void message.success(t('act.rulesSaved'));
      onSaved();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('rules.title')}
      width={720}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          {NUMBERS.map((n) => (
            <Col span={12} key={n.name}>
              <Form.Item name={n.name} label={t(n.label)} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={n.min} max={n.max} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
          <Col span={12}>
            <Form.Item name="lateReportColour" label={t('rules.lateReportColour')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'yellow', label: t('rules.yellow') },
                  { value: 'blue', label: t('rules.blue') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider plain>{t('rules.score')}</Divider>
        <Row gutter={16}>
          {SCORE.map((k) => (
            <Col span={8} key={k}>
              <Form.Item
                name={['score', k]}
                label={t(`rules.score.${k}`)}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <InputNumber min={0} max={k === 'base' ? 1000 : 100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
