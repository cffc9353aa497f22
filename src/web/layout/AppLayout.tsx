import { MenuOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Drawer, Grid, Layout, Menu, Spin } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n.ts';
import { MyTodos } from '../pages/lists/MyTodos.tsx';
import { ReportingTodos } from '../pages/rounds/ReportingTodos.tsx';
import { APP_ROUTES, canOpen, homePath } from '../routes.tsx';
import { useSession } from '../session.tsx';
import { DemoBanner } from './DemoBanner.tsx';
import { crumbsOf, routeOf, selectedMenuKey } from './navigation.ts';
import { HeaderBar } from './HeaderBar.tsx';

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
  // The last menu page shown: the parent of a sub-page opened from it.
  const [cameFrom, setCameFrom] = useState<string | undefined>(undefined);
  const here = routeOf(location.pathname);
  useEffect(() => {
    if (here?.menu) setCameFrom(here.path);
  }, [here]);
  const fromHere = here?.menu ? here.path : cameFrom;
  const selected = selectedMenuKey(location.pathname, fromHere);
  const crumbs = crumbsOf(location.pathname, fromHere);
  // Below 768 px (a phone) the menu is a drawer opened from the header, so the page keeps the whole width.
  const phone = Grid.useBreakpoint().md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const logo = (showText: boolean) => (
    <div
      className="app-logo"
      onClick={() => {
        setDrawerOpen(false);
        void navigate('/');
      }}
      role="link"
      tabIndex={0}
    >
      <span className="app-logo-mark">共</span>
      {showText ? (
        <span className="app-logo-text">
          <span className="app-logo-name">{t('app.name')}</span>
          <span className="app-logo-sub">{t('app.subtitle')}</span>
        </span>
      ) : null}
    </div>
  );
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={(e) => {
        setDrawerOpen(false);
        void navigate(e.key);
      }}
    />
  );
  // Leaders open on the cockpit: their first screen is the cockpit itself, never a to-do card above it.
  const showTodos = user && location.pathname === homePath(user.role) && user.role !== 'leader';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          className="app-menu-drawer"
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {logo(true)}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          className="app-sider"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          {logo(!collapsed)}
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className={phone ? 'app-header app-header-phone' : 'app-header'}>
          {phone ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('common.openMenu')}
              onClick={() => setDrawerOpen(true)}
            />
          ) : null}
          <span className="app-header-title">{phone ? t('app.name') : t('app.title')}</span>
          <HeaderBar compact={phone} />
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
            {crumbs ? (
              <Breadcrumb
                className="app-breadcrumb"
                items={[
                  { title: <Link to={crumbs.parent.path}>{t(crumbs.parent.label)}</Link> },
                  { title: t(crumbs.current) },
                ]}
              />
            ) : null}
            {showTodos ? (
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
