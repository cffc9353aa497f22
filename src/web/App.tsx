import { App as AntApp, ConfigProvider } from 'antd';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { antdLocale } from './antdLocale.ts';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { I18nProvider, useI18n } from './i18n.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { RequireAuth } from './layout/RequireAuth.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { SecondFactorPage } from './pages/security/SecondFactorPage.tsx';
import { ForbiddenPage } from './pages/ForbiddenPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { APP_ROUTES, canOpen, homePath } from './routes.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { THEME } from './theme.ts';

/** The meeting room's big screen: full screen, outside the menu layout; loaded only when opened. */
const BigScreenPage = lazy(() =>
  import('./pages/cockpit/BigScreenPage.tsx').then((m) => ({ default: m.BigScreenPage })),
);
const COCKPIT_ROUTE = APP_ROUTES.find((r) => r.path === '/cockpit');

export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}

function LocalizedApp() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function AppRoutes() {
  const { state, user } = useSession();
  if (state.status === 'loading') return <FullPageSpin />;
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/change-password"
        element={
          <RequireAuth allowPasswordChange>
            <ChangePasswordPage />
          </RequireAuth>
        }
      />
      <Route
        path="/second-factor"
        element={
          <RequireAuth allowMfaEnrolment>
            <SecondFactorPage />
          </RequireAuth>
        }
      />
      <Route
        path="/cockpit/screen"
        element={
          <RequireAuth>
            {user && COCKPIT_ROUTE && canOpen(COCKPIT_ROUTE, user.role) ? (
              <Suspense fallback={<FullPageSpin />}>
                <BigScreenPage />
              </Suspense>
            ) : (
              <ForbiddenPage />
            )}
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={user ? <Navigate to={homePath(user.role)} replace /> : null} />
        {APP_ROUTES.map((route) => {
          const Page = route.page;
          return (
            <Route
              key={route.path}
              path={route.path}
              element={user && canOpen(route, user.role) ? <Page /> : <ForbiddenPage />}
            />
          );
        })}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
