import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Col, Row, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n, useT } from '../../i18n.ts';
import { WARNING_KIND_NAMES } from '../../../domain/lists/types.ts';
import { listRoutes } from '../../../shared/api/lists.ts';
import '../workflow/workflow.css';
import { ColourTag, KindTag, StatusTag } from './common.tsx';
import { AdjustmentsCard } from './item/AdjustmentsCard.tsx';
import { AttachmentsCard } from './item/AttachmentsCard.tsx';
import { DetailsCard } from './item/DetailsCard.tsx';
import { HistoryCard } from './item/HistoryCard.tsx';
import { IndicatorCard } from './item/IndicatorCard.tsx';
import { itemActionButtons } from './item/itemActionButtons.tsx';
import { ItemDialogs } from './item/ItemDialogs.tsx';
import { MilestonesCard } from './item/MilestonesCard.tsx';
import { NoticesCard } from './item/NoticesCard.tsx';
import { ReportsCard } from './item/ReportsCard.tsx';
import { useItemActions } from './item/useItemActions.ts';
import { WarningsCard } from './item/WarningsCard.tsx';

/**
 * One item: its details, milestones, monthly reports, warnings (active and past), supervision notices with answers,
 * adjustments, attachments and history; and the buttons for what the signed-in user may do now. Each card is its
 * own component (./item/), the acts and their dialogs go through `useItemActions`.
 */
export function ItemPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useI18n();
  const detail = useRoute(listRoutes.detail, { params: { id }, query: {} });
  const reload = detail.reload;
  const actions = useItemActions(reload);
  const d = detail.data;

  if (detail.error && !d) return <ErrorAlert error={detail.error} onRetry={reload} />;
  if (!d) return <FullPageSpin />;
  const i = d.item;
  const activeWarnings = d.warnings.filter((w) => w.clearedAt === null);
  const buttons = itemActionButtons(d, actions, lang);

  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="item-title">
              {i.code} {i.title}
            </span>
            <KindTag kind={i.kind} />
            <StatusTag status={i.status} />
            <ColourTag colour={i.colour} />
          </Space>
        }
        subtitle={
          <Link to="/lists">
            <ArrowLeftOutlined /> {t('item.back')}
          </Link>
        }
        extra={
          <Space wrap data-testid="item-actions">
            {buttons.length > 0 ? buttons : <Typography.Text type="secondary">{t('item.noActions')}</Typography.Text>}
          </Space>
        }
      />
      {activeWarnings.length > 0 ? (
        <Alert
          type={i.colour === 'red' ? 'error' : i.colour === 'yellow' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="item-active-warnings"
          title={activeWarnings.map((w) => `${WARNING_KIND_NAMES[w.kind][lang]}：${w.reason[lang]}`).join('；')}
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <DetailsCard detail={d} />
          <MilestonesCard detail={d} actions={actions} />
          <ReportsCard detail={d} actions={actions} />
          <NoticesCard detail={d} actions={actions} />
          <AdjustmentsCard detail={d} actions={actions} />
        </Col>
        <Col xs={24} xl={8}>
          <WarningsCard detail={d} />
          <AttachmentsCard detail={d} onUploaded={reload} />
          <IndicatorCard detail={d} />
          <HistoryCard detail={d} />
        </Col>
      </Row>
      <ItemDialogs detail={d} actions={actions} onSaved={reload} />
    </>
  );
}
