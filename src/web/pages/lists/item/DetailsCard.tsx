import { EyeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../../api.ts';
import { GeneratedTag } from '../../../components/GeneratedTag.tsx';
import { useT } from '../../../i18n.ts';
import { listRoutes, type ItemDetail } from '../../../../shared/api/lists.ts';
import { COLOUR_HEX, TargetText } from '../common.tsx';

/** 基本信息: who is responsible, dates, target, progress against time elapsed, the source. */
export function DetailsCard({ detail: d }: { detail: ItemDetail }) {
  const t = useT();
  const i = d.item;
  // 显示完整: masked by default; the audited route (?unmask=1) answers in clear for the roles the policy allows.
  const [clear, setClear] = useState<{ personInCharge: string; contact: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const unmask = async () => {
    setLoading(true);
    try {
      const full = await call(listRoutes.detail, { params: { id: i.id }, query: { unmask: '1' } });
      setClear({ personInCharge: full.item.personInCharge, contact: full.item.contact });
    } finally {
      setLoading(false);
    }
  };
  const person = clear ?? { personInCharge: i.personInCharge, contact: i.contact };
  return (
    <Card
      title={t('item.details')}
      style={{ marginBottom: 16 }}
      extra={
        i.generated ? (
          <Tooltip title={t('lists.generatedFields', { fields: i.generatedFields.join(', ') })}>
            <span>
              <GeneratedTag />
            </span>
          </Tooltip>
        ) : null
      }
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label={t('item.content')} span={2}>
          {i.content || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('lists.leader')}>{i.leaderName}</Descriptions.Item>
        <Descriptions.Item label={t('common.leadUnit')}>{i.leadUnitName}</Descriptions.Item>
        <Descriptions.Item label={t('lists.coUnits')}>{i.coUnitNames.join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('lists.person')}>
          <span data-testid="person-in-charge">
            {person.personInCharge}
            {person.contact ? ` · ${person.contact}` : ''}
          </span>
          {i.personalData.mayUnmask && !i.personalData.unmasked && clear === null ? (
            <Button
              size="small"
              type="link"
              icon={<EyeOutlined />}
              loading={loading}
              onClick={() => void unmask()}
              data-testid="unmask-person"
            >
              {t('item.showFull')}
            </Button>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('lists.dimension')}>
          {[i.dimensionCode, i.workTeamName].filter(Boolean).join(' · ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('lists.district')}>{i.districtName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={`${t('lists.start')} / ${t('lists.deadline')}`}>
          {i.startDate} → {i.deadline}
          {i.originalDeadline ? (
            <Tag style={{ marginInlineStart: 8 }}>{t('lists.originalDeadline', { date: i.originalDeadline })}</Tag>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('lists.target')}>
          <TargetText target={i.target} />
          {i.originalTarget ? (
            <Tag style={{ marginInlineStart: 8 }}>
              {t('lists.floor')} {i.originalTarget.floor ?? '—'} / {t('lists.stretch')}{' '}
              {i.originalTarget.stretch ?? '—'} {t('item.original')}
            </Tag>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('lists.progress')} span={2}>
          <Space style={{ width: '100%' }} direction="vertical" size={0}>
            <Progress
              percent={i.progressPct ?? 0}
              strokeColor={i.colour === 'none' ? undefined : COLOUR_HEX[i.colour]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('item.elapsed')} {i.elapsedPct}%
            </Typography.Text>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('item.source')} span={2}>
          <Typography.Text type="secondary">
            {i.source.title}
            {i.source.quote ? `：“${i.source.quote}”` : ''}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
