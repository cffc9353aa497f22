import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { useT } from '../i18n.ts';
import { ROLE_LABELS } from '../layout/HeaderBar.tsx';
import { useSession } from '../session.tsx';

/** Landing page of the roles that have no data page of their own yet (security and audit administrators). */
export function WelcomePage() {
  const t = useT();
  const { user } = useSession();
  if (!user) return null;
  return (
    <Result
      icon={<SafetyCertificateOutlined />}
      title={t('welcome.title', { name: user.displayName })}
      subTitle={t('welcome.hint', { role: t(ROLE_LABELS[user.role]) })}
    />
  );
}
