import { CloudUploadOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { call, errorText } from '../../api.ts';
import { fmtPeriod, fmtTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { valueRoutes, type PublishPreview } from '../../../shared/api/values.ts';
import type { PeriodLock } from './types.ts';

interface Props {
  period: string;
  lock: PeriodLock | undefined;
  /** After a publish, lock or unlock: the round's figures and the locks change. */
  onChanged: () => void;
}

/** The coordination centre's actions on a period: publish what is approved, lock it, unlock it with a reason. */
export function PeriodActions({ period, lock, onChanged }: Props) {
  const { lang, t } = useI18n();
  const { message, modal } = App.useApp();
  const [unlocking, setUnlocking] = useState(false);
  const name = fmtPeriod(period, lang);

  const run = async (action: () => Promise<string>) => {
    try {
      void message.success(await action());
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      onChanged();
    }
  };

  // The dialog says exactly what will change: the server counts the values it would publish, by unit.
  const publish = async () => {
    let preview: PublishPreview;
    try {
      preview = await call(valueRoutes.publishPreview, { query: { period } });
    } catch (e) {
      void message.error(errorText(e, lang));
      return;
    }
    if (preview.count === 0) {
      void message.info(t('rounds.publishNothing', { period: name }));
      return;
    }
    const units = preview.units
      .map((u) => t('rounds.publishUnit', { name: lang === 'zh' ? u.name : u.nameEn, count: u.count }))
      .join(lang === 'zh' ? '、' : ', ');
    modal.confirm({
      title: t('rounds.publish'),
      content: (
        <span data-testid="round-publish-summary">
          {t('rounds.publishConfirm', { period: name, count: preview.count, indicators: preview.indicators, units })}
        </span>
      ),
      okText: t('rounds.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'round-publish-confirm' },
      onOk: () =>
        run(async () =>
          t('rounds.publishedCount', {
            count: (await call(valueRoutes.publish, { body: { period } })).published,
          }),
        ),
    });
  };

  const lockPeriod = () =>
    modal.confirm({
      title: t('rounds.lock'),
      content: t('rounds.lockConfirm', { period: name }),
      okText: t('rounds.lock'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'round-lock-confirm' },
      onOk: () =>
        run(async () => {
          await call(valueRoutes.lock, { body: { period, reason: null } });
          return t('rounds.lockDone', { period: name });
        }),
    });

  return (
    <Space wrap>
      {lock ? (
        <Tag color="red" icon={<LockOutlined />} data-testid="round-locked-tag">
          {t('rounds.lockedAt', { period: name, time: fmtTime(lock.lockedAt) })}
        </Tag>
      ) : null}
      <Button
        type="primary"
        icon={<CloudUploadOutlined />}
        disabled={lock !== undefined}
        onClick={() => void publish()}
        data-testid="round-publish"
      >
        {t('rounds.publish')}
      </Button>
      {lock ? (
        <Button icon={<UnlockOutlined />} onClick={() => setUnlocking(true)} data-testid="round-unlock">
          {t('rounds.unlock')}
        </Button>
      ) : (
        <Button danger icon={<LockOutlined />} onClick={lockPeriod} data-testid="round-lock">
          {t('rounds.lock')}
        </Button>
      )}
      <UnlockModal
        open={unlocking}
        period={period}
        onClose={() => setUnlocking(false)}
        onUnlock={(reason) =>
          run(async () => {
            await call(valueRoutes.unlock, { body: { period, reason } });
            setUnlocking(false);
            return t('rounds.unlockDone', { period: name });
          })
        }
      />
    </Space>
  );
}

function UnlockModal({
  open,
  period,
  onClose,
  onUnlock,
}: {
  open: boolean;
  period: string;
  onClose: () => void;
  onUnlock: (reason: string) => Promise<void>;
}) {
  const { lang, t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await onUnlock(v.reason.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('rounds.unlockTitle', { period: fmtPeriod(period, lang) })}
      okText={t('rounds.unlock')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'round-unlock-confirm' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('rounds.unlockReason')}
          rules={[{ required: true, whitespace: true, message: t('rounds.unlockReasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea data-testid="round-unlock-reason" rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
