import { Layout, Menu, Spin } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { matchPath, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n.ts';
import { MyTodos } from '../pages/lists/MyTodos.tsx';
import { ReportingTodos } from '../pages/rounds/ReportingTodos.tsx';
import { APP_ROUTES, canOpen, homePath } from '../routes.tsx';
import { useSession } from '../session.tsx';
import { DemoBanner } from './DemoBanner.tsx';
import { HeaderBar } from './HeaderBar.tsx';

/** The menu item of the page being shown: its own path, or the `menuKey` of a sub-page. */
function selectedMenuKey(pathname: string): string | undefined {
  for (const r of APP_ROUTES) {
    if (matchPath(r.path, pathname)) return r.menuKey ?? r.path;
  }
  return undefined;
}

export function AppLayout() {
  const t = useT();
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMemo(
    () =>
      APP_ROUTES.filter((r) => r.menu && user && canOpen(r, user.role)).map((r) => ({
        key: r.path,
        icon: r.menu?.icon,
        label: r.menu ? t(r.menu.label) : r.path,
      })),
    [t, user],
  );
  const selected = selectedMenuKey(location.pathname);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={208}
        className="app-sider"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div className="app-logo" onClick={() => void navigate('/')} role="link" tabIndex={0}>
          <span className="app-logo-mark">共</span>
          {collapsed ? null : (
            <span className="app-logo-text">
              <span className="app-logo-name">{t('app.name')}</span>
              <span className="app-logo-sub">{t('app.subtitle')}</span>
            </span>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          onClick={(e) => void navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <span className="app-header-title">{t('app.title')}</span>
          <HeaderBar />
        </Layout.Header>
        <DemoBanner />
        <Layout.Content className="app-content">
          <Suspense
            fallback={
              <div style={{ padding: 80, textAlign: 'center' }}>
                <Spin />
              </div>
            }
          >
            {user && location.pathname === homePath(user.role) ? (
              <>
                <ReportingTodos />
                <MyTodos />
              </>
            ) : null}
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
