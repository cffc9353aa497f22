import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The frame of the sign-in and change-password pages: the platform's name above a centred card. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="auth-page">
      <div className="auth-lang">
        <LanguageSwitch />
      </div>
      <div className="auth-brand">
        <span className="app-logo-mark auth-mark">共</span>
        <div>
          <div className="auth-brand-name">{t('app.title')}</div>
          <div className="auth-brand-sub">{t('app.name')}</div>
        </div>
      </div>
      <Card className="auth-card" title={title}>
        {children}
      </Card>
      <div className="auth-footer">{t('login.footer')}</div>
    </div>
  );
}
