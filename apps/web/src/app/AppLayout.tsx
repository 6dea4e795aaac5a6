import { useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Tag, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CameraOutlined,
  CheckSquareOutlined,
  FileTextOutlined,
  FlagOutlined,
  IdcardOutlined,
  MenuOutlined,
  PieChartOutlined,
  NotificationOutlined,
  SoundOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { RoleName } from '@jiangtai/contracts';
import { ACCESS, hasRole, useCurrentMe, type Me } from '../lib/me.ts';
import { UserMenu } from './UserMenu.tsx';
import { NoticeBell } from '../features/notices/NoticeBell.tsx';

interface NavItem {
  key: string;
  label: string;
  icon: React.ReactNode;
  roles: readonly RoleName[] | null;
  /** Further condition on the person (e.g. linked to a member). */
  show?: (me: Me) => boolean;
}

const NAV: NavItem[] = [
  { key: '/campaigns', label: '活动', icon: <FlagOutlined />, roles: null },
  // Speakers (accounts linked to a member) and the admins who review or enter on their behalf; a judge
  // or supervisor has nothing to do there.
  {
    key: '/entries',
    label: '作品报送',
    icon: <FileTextOutlined />,
    roles: null,
    show: (me) => !!me.memberId || hasRole(me, ['platform_admin', 'organiser', 'unit_admin']),
  },
  // Branch secretaries (书记/副书记 of a branch, as the server reads it now) and the admins who file for branches.
  {
    key: '/plans',
    label: '宣讲计划',
    icon: <CalendarOutlined />,
    roles: null,
    show: (me) => me.ledBranches.length > 0 || hasRole(me, ACCESS.planOverview),
  },
  { key: '/plan-overview', label: '计划填报情况', icon: <CheckSquareOutlined />, roles: ACCESS.planOverview },
  // Branch secretaries (accounts linked to a member) record; the unit confirms; organisers and
  // supervisors read. Which branches a member leads is known to the server; the page asks it.
  {
    key: '/lectures',
    label: '宣讲记录',
    icon: <CameraOutlined />,
    roles: null,
    show: (me) =>
      me.ledBranches.length > 0 || hasRole(me, ['platform_admin', 'organiser', 'unit_admin', 'supervisor']),
  },
  {
    key: '/my-lectures',
    label: '我的宣讲',
    icon: <SoundOutlined />,
    roles: null,
    show: (me) => !!me.memberId,
  },
  { key: '/judging', label: '评审打分', icon: <TrophyOutlined />, roles: ACCESS.judging },
  // 人人上讲台 coverage: admins, organisers and supervisors, and branch secretaries (their branch).
  {
    key: '/coverage',
    label: '人人上讲台',
    icon: <PieChartOutlined />,
    roles: null,
    show: (me) =>
      me.ledBranches.length > 0 || hasRole(me, ['platform_admin', 'organiser', 'unit_admin', 'supervisor']),
  },
  { key: '/publicity', label: '公示', icon: <NotificationOutlined />, roles: null },
  { key: '/org', label: '组织架构 & 党员', icon: <ApartmentOutlined />, roles: ACCESS.org },
  { key: '/member-accounts', label: '党员账号', icon: <IdcardOutlined />, roles: ACCESS.memberAccounts },
  { key: '/accounts', label: '账号管理', icon: <TeamOutlined />, roles: ACCESS.accounts },
  { key: '/audit', label: '操作日志', icon: <AuditOutlined />, roles: ACCESS.audit },
];

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/members')) return '/org';
  if (/^\/campaigns\/[^/]+\/coverage/.test(pathname)) return '/coverage';
  return NAV.find((n) => pathname === n.key || pathname.startsWith(`${n.key}/`))?.key ?? '';
}

export default function AppLayout() {
  const me = useCurrentMe();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const items: MenuProps['items'] = NAV.filter(
    (n) => (n.roles === null || hasRole(me, n.roles)) && (n.show?.(me) ?? true),
  ).map((n) => ({
    key: n.key,
    icon: n.icon,
    label: n.label,
  }));
  const menu = (
    <Menu
      mode="inline"
      aria-label="主菜单"
      selectedKeys={[selectedKey(location.pathname)]}
      items={items}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, position: 'sticky', top: 0, zIndex: 10 }}
      >
        {isPhone && (
          <Button
            type="text"
            aria-label="打开菜单"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <span className="jt-brand">
          讲台
          {!isPhone && (
            <small style={{ fontWeight: 400, marginInlineStart: 8, letterSpacing: 0 }}>微宣讲活动平台</small>
          )}
        </span>
        {me.isDemo && (
          <Tag color="gold" data-testid="demo-badge" style={{ marginInlineEnd: 0 }}>
            演示账号
          </Tag>
        )}
        <div style={{ flex: 1 }} />
        <NoticeBell />
        <UserMenu compact={isPhone} />
      </Layout.Header>
      <Layout>
        {!isPhone && (
          <Layout.Sider
            width={200}
            theme="light"
            breakpoint="lg"
            collapsible={false}
            style={{ borderInlineEnd: '1px solid #f0f0f0' }}
          >
            <nav>{menu}</nav>
          </Layout.Sider>
        )}
        <Drawer
          title="讲台 · 菜单"
          placement="left"
          size={260}
          open={isPhone && drawerOpen}
          onClose={() => setDrawerOpen(false)}
          styles={{ body: { padding: 0 } }}
        >
          <nav>{menu}</nav>
        </Drawer>
        {/* antd's Layout.Content is the page's one <main> landmark. */}
        <Layout.Content>
          <div className="jt-page">
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
