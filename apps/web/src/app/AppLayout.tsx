import { useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Tag, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CameraOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FlagOutlined,
  IdcardOutlined,
  LineChartOutlined,
  MenuOutlined,
  PlayCircleOutlined,
  PieChartOutlined,
  TableOutlined,
  FolderOpenOutlined,
  ReadOutlined,
  ScheduleOutlined,
  SendOutlined,
  ShoppingCartOutlined,
  NotificationOutlined,
  SolutionOutlined,
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
  /** The menu's section (活动与比赛, 支部宣讲, 送党课进基层, 学习, 管理). */
  group: NavGroup;
  /** Further condition on the person (e.g. linked to a member). */
  show?: (me: Me) => boolean;
}

type NavGroup = 'contest' | 'season' | 'outreach' | 'learning' | 'admin';
const GROUP_LABELS: Record<NavGroup, string> = {
  contest: '活动与比赛',
  season: '支部宣讲',
  outreach: '送党课进基层',
  learning: '学习',
  admin: '管理',
};

const NAV: NavItem[] = [
  { key: '/campaigns', group: 'contest', label: '活动', icon: <FlagOutlined />, roles: null },
  // 督查看板: every measure of a campaign in the viewer's scope, for admins, organisers and supervisors.
  {
    key: '/dashboard',
    group: 'contest',
    label: '督查看板',
    icon: <DashboardOutlined />,
    roles: ACCESS.dashboard,
  },
  // Speakers (accounts linked to a member) and the admins who review or enter on their behalf; a judge
  // or supervisor has nothing to do there.
  {
    key: '/entries',
    group: 'contest',
    label: '作品报送',
    icon: <FileTextOutlined />,
    roles: null,
    show: (me) => !!me.memberId || hasRole(me, ['platform_admin', 'organiser', 'unit_admin']),
  },
  // Branch secretaries (书记/副书记 of a branch, as the server reads it now) and the admins who file for branches.
  {
    key: '/plans',
    group: 'season',
    label: '宣讲计划',
    icon: <CalendarOutlined />,
    roles: null,
    show: (me) => me.ledBranches.length > 0 || hasRole(me, ACCESS.planOverview),
  },
  {
    key: '/plan-overview',
    group: 'season',
    label: '计划填报情况',
    icon: <CheckSquareOutlined />,
    roles: ACCESS.planOverview,
  },
  // Branch secretaries (accounts linked to a member) record; the unit confirms; organisers and
  // supervisors read. Which branches a member leads is known to the server; the page asks it.
  {
    key: '/lectures',
    group: 'season',
    label: '宣讲记录',
    icon: <CameraOutlined />,
    roles: null,
    show: (me) =>
      me.ledBranches.length > 0 || hasRole(me, ['platform_admin', 'organiser', 'unit_admin', 'supervisor']),
  },
  {
    key: '/my-lectures',
    group: 'season',
    label: '我的宣讲',
    icon: <SoundOutlined />,
    roles: null,
    show: (me) => !!me.memberId,
  },
  // 宣讲菜单 and 点单: the menu for everyone in a pool's subtree (the page says when there is none);
  // 我的点单 for branch secretaries and the admins ordering for branches; 派单 and 点单统计 for a pool's
  // managers; 我的宣讲任务 for speakers (member accounts).
  { key: '/lecture-menu', group: 'outreach', label: '宣讲菜单', icon: <ReadOutlined />, roles: null },
  {
    key: '/my-orders',
    group: 'outreach',
    label: '我的点单',
    icon: <ShoppingCartOutlined />,
    roles: null,
    show: (me) => me.ledBranches.length > 0 || hasRole(me, ['platform_admin', 'unit_admin']),
  },
  {
    key: '/dispatch',
    group: 'outreach',
    label: '派单',
    icon: <SendOutlined />,
    roles: ['platform_admin', 'organiser', 'unit_admin'],
  },
  {
    key: '/order-stats',
    group: 'outreach',
    label: '点单统计',
    icon: <BarChartOutlined />,
    roles: ['platform_admin', 'organiser', 'unit_admin'],
  },
  {
    key: '/lecture-tasks',
    group: 'outreach',
    label: '我的宣讲任务',
    icon: <ScheduleOutlined />,
    roles: null,
    show: (me) => !!me.memberId,
  },
  // 网上微课堂 study tasks: admins and supervisors (percentages), branch secretaries (their branch and
  // its 未学完名单); 我的学习任务 for member accounts.
  {
    key: '/learning-tasks',
    group: 'learning',
    label: '学习任务',
    icon: <LineChartOutlined />,
    roles: null,
    show: (me) =>
      me.ledBranches.length > 0 || hasRole(me, ['platform_admin', 'organiser', 'unit_admin', 'supervisor']),
  },
  {
    key: '/my-learning',
    group: 'learning',
    label: '我的学习任务',
    icon: <BookOutlined />,
    roles: null,
    show: (me) => !!me.memberId,
  },
  { key: '/judging', group: 'contest', label: '评审打分', icon: <TrophyOutlined />, roles: ACCESS.judging },
  // 人人上讲台 coverage: admins, organisers and supervisors, and branch secretaries (their branch).
  {
    key: '/coverage',
    group: 'season',
    label: '人人上讲台',
    icon: <PieChartOutlined />,
    roles: null,
    show: (me) =>
      me.ledBranches.length > 0 || hasRole(me, ['platform_admin', 'organiser', 'unit_admin', 'supervisor']),
  },
  // 统计报表: the notice's annex tables, for admins, organisers and supervisors.
  {
    key: '/annex',
    group: 'season',
    label: '统计报表',
    icon: <TableOutlined />,
    roles: ['platform_admin', 'organiser', 'unit_admin', 'supervisor'],
  },
  // 活动档案: the season's material of an org's subtree, its zip and the 活动总结 draft.
  {
    key: '/archive',
    group: 'season',
    label: '活动档案',
    icon: <FolderOpenOutlined />,
    roles: ['platform_admin', 'organiser', 'unit_admin', 'supervisor'],
  },
  // 师资库: managers, supervisors and the unit admins who nominate (the server scopes each pool).
  {
    key: '/pools',
    group: 'outreach',
    label: '师资库',
    icon: <SolutionOutlined />,
    roles: ['platform_admin', 'organiser', 'unit_admin', 'supervisor'],
  },
  // 微课堂管理: the lectures of the managers' subtree, proposed from contest results.
  {
    key: '/classroom/manage',
    group: 'learning',
    label: '微课堂管理',
    icon: <PlayCircleOutlined />,
    roles: ['platform_admin', 'organiser', 'unit_admin'],
  },
  { key: '/publicity', group: 'contest', label: '公示', icon: <NotificationOutlined />, roles: null },
  // 网上微课堂: everyone signed in, members included (the server lists what each may watch).
  { key: '/classroom', group: 'learning', label: '微课堂', icon: <PlayCircleOutlined />, roles: null },
  { key: '/org', group: 'admin', label: '组织架构 & 党员', icon: <ApartmentOutlined />, roles: ACCESS.org },
  {
    key: '/member-accounts',
    group: 'admin',
    label: '党员账号',
    icon: <IdcardOutlined />,
    roles: ACCESS.memberAccounts,
  },
  { key: '/accounts', group: 'admin', label: '账号管理', icon: <TeamOutlined />, roles: ACCESS.accounts },
  { key: '/audit', group: 'admin', label: '操作日志', icon: <AuditOutlined />, roles: ACCESS.audit },
];

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/members')) return '/org';
  if (/^\/campaigns\/[^/]+\/coverage/.test(pathname)) return '/coverage';
  if (/^\/campaigns\/[^/]+\/dashboard/.test(pathname)) return '/dashboard';
  if (pathname.startsWith('/pool-speakers')) return '/pools';
  if (pathname.startsWith('/lecture-menu')) return '/lecture-menu';
  if (pathname.startsWith('/classroom/lectures')) return '/classroom/manage';
  return NAV.find((n) => pathname === n.key || pathname.startsWith(`${n.key}/`))?.key ?? '';
}

export default function AppLayout() {
  const me = useCurrentMe();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const visible = NAV.filter((n) => (n.roles === null || hasRole(me, n.roles)) && (n.show?.(me) ?? true));
  // Sections only help a long menu; a member with three entries gets them plain.
  const entry = (n: NavItem) => ({ key: n.key, icon: n.icon, label: n.label });
  const items: MenuProps['items'] =
    visible.length <= 6
      ? visible.map(entry)
      : (Object.keys(GROUP_LABELS) as NavGroup[])
          .map((g) => ({
            type: 'group' as const,
            key: `group-${g}`,
            label: GROUP_LABELS[g],
            children: visible.filter((n) => n.group === g).map(entry),
          }))
          .filter((g) => g.children.length > 0);
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
