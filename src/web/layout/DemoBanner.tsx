import { ExperimentOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';

/** In demo mode, says so on every page: demo accounts and generated figures are not the city's statistics. */
export function DemoBanner() {
  const t = useT();
  const { demoMode } = useSession();
  if (!demoMode) return null;
  return (
    <Alert
      banner
      type="warning"
      icon={<ExperimentOutlined />}
      title={
        <span>
          <strong>{t('app.demoBanner')}</strong>
          <span style={{ marginInlineStart: 12, color: 'rgba(0,0,0,0.65)' }}>{t('app.demoBannerHint')}</span>
        </span>
      }
    />
  );
}
