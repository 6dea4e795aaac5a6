import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import type { RoleName } from '@jiangtai/contracts';
import { ACCESS } from '../lib/me.ts';
import { PageLoading } from '../components/states.tsx';
import { RequireAuth, RequireRole } from './guards.tsx';
import { PublicOrShell } from './PublicLayout.tsx';
import { RouteError } from './RouteError.tsx';

// Every page is its own chunk.
const LoginPage = lazy(() => import('../features/auth/pages/LoginPage.tsx'));
const ChangePasswordPage = lazy(() => import('../features/auth/pages/ChangePasswordPage.tsx'));
const AppLayout = lazy(() => import('./AppLayout.tsx'));
const NotFoundPage = lazy(() => import('./NotFoundPage.tsx'));
const OrgPage = lazy(() => import('../features/org/pages/OrgPage.tsx'));
const ImportPage = lazy(() => import('../features/org/pages/ImportPage.tsx'));
const MemberPage = lazy(() => import('../features/org/pages/MemberPage.tsx'));
const MemberAccountsPage = lazy(() => import('../features/org/member-accounts/MemberAccountsPage.tsx'));
const BranchAccountsPage = lazy(() => import('../features/org/member-accounts/BranchAccountsPage.tsx'));
const SlipsPrintPage = lazy(() => import('../features/org/member-accounts/SlipsPrintPage.tsx'));
const AccountsPage = lazy(() => import('../features/accounts/pages/AccountsPage.tsx'));
const AccountPage = lazy(() => import('../features/accounts/pages/AccountPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/pages/AuditPage.tsx'));
const CampaignsPage = lazy(() => import('../features/campaigns/pages/CampaignsPage.tsx'));
const NewCampaignPage = lazy(() => import('../features/campaigns/pages/NewCampaignPage.tsx'));
const CampaignPage = lazy(() => import('../features/campaigns/pages/CampaignPage.tsx'));
const CampaignEditPage = lazy(() => import('../features/campaigns/pages/CampaignEditPage.tsx'));
const MyEntriesPage = lazy(() => import('../features/entries/pages/MyEntriesPage.tsx'));
const NewEntryPage = lazy(() => import('../features/entries/pages/NewEntryPage.tsx'));
const EntryPage = lazy(() => import('../features/entries/pages/EntryPage.tsx'));
const CampaignEntriesPage = lazy(() => import('../features/entries/pages/CampaignEntriesPage.tsx'));
const MyRoundsPage = lazy(() => import('../features/judging/pages/MyRoundsPage.tsx'));
const JudgeQueuePage = lazy(() => import('../features/judging/pages/JudgeQueuePage.tsx'));
const JudgeItemPage = lazy(() => import('../features/judging/pages/JudgeItemPage.tsx'));
const PublicityBoardPage = lazy(() => import('../features/publicity/pages/PublicityBoardPage.tsx'));
const NoticePage = lazy(() => import('../features/publicity/pages/NoticePage.tsx'));
const NewRoundPage = lazy(() => import('../features/reviews/pages/NewRoundPage.tsx'));
const RoundPage = lazy(() => import('../features/reviews/pages/RoundPage.tsx'));
const DrawPage = lazy(() => import('../features/live-draw/pages/DrawPage.tsx'));
const VerifyDrawPage = lazy(() => import('../features/live-draw/pages/VerifyDrawPage.tsx'));
const ScreenPage = lazy(() => import('../features/screens/ScreenPage.tsx'));
const WatchPage = lazy(() => import('../features/screens/WatchPage.tsx'));
const AwardsPage = lazy(() => import('../features/awards/pages/AwardsPage.tsx'));
const AwardNoticePage = lazy(() => import('../features/awards/pages/AwardNoticePage.tsx'));
const CertificatePage = lazy(() => import('../features/awards/pages/CertificatePage.tsx'));
const LecturesPage = lazy(() => import('../features/lectures/pages/LecturesPage.tsx'));
const RecordLecturePage = lazy(() => import('../features/lectures/pages/RecordLecturePage.tsx'));
const LecturePage = lazy(() => import('../features/lectures/pages/LecturePage.tsx'));
const EditLecturePage = lazy(() => import('../features/lectures/pages/EditLecturePage.tsx'));
const MyLecturesPage = lazy(() => import('../features/lectures/pages/MyLecturesPage.tsx'));
const MenuPage = lazy(() => import('../features/orders/pages/MenuPage.tsx'));
const ClassroomHomePage = lazy(() => import('../features/classroom/pages/ClassroomHomePage.tsx'));
const NewOrderPage = lazy(() => import('../features/orders/pages/NewOrderPage.tsx'));
const OrdersPage = lazy(() => import('../features/orders/pages/OrdersPage.tsx'));
const OrderPage = lazy(() => import('../features/orders/pages/OrderPage.tsx'));
const OrderStatsPage = lazy(() => import('../features/orders/pages/OrderStatsPage.tsx'));
const LiveConsolePage = lazy(() => import('../features/live/pages/LiveConsolePage.tsx'));
const LiveJudgePage = lazy(() => import('../features/live/pages/LiveJudgePage.tsx'));
const NoticesPage = lazy(() => import('../features/notices/NoticesPage.tsx'));
const MyPlansPage = lazy(() => import('../features/plans/MyPlansPage.tsx'));
const PlanPage = lazy(() => import('../features/plans/PlanPage.tsx'));
const PlanOverviewPage = lazy(() => import('../features/plans/PlanOverviewPage.tsx'));
const LiveSupervisorPage = lazy(() => import('../features/live/pages/LiveSupervisorPage.tsx'));
const CoverageHomePage = lazy(() => import('../features/coverage/pages/CoverageHomePage.tsx'));
const PoolsPage = lazy(() => import('../features/pool/pages/PoolsPage.tsx'));
const PoolPage = lazy(() => import('../features/pool/pages/PoolPage.tsx'));
const PoolOverviewPage = lazy(() => import('../features/pool/pages/PoolOverviewPage.tsx'));
const NominatePage = lazy(() => import('../features/pool/pages/NominatePage.tsx'));
const SpeakerPage = lazy(() => import('../features/pool/pages/SpeakerPage.tsx'));
const CoveragePage = lazy(() => import('../features/coverage/pages/CoveragePage.tsx'));
const DashboardHomePage = lazy(() => import('../features/dashboard/pages/DashboardHomePage.tsx'));
const DashboardPage = lazy(() => import('../features/dashboard/pages/DashboardPage.tsx'));
const AnnexPage = lazy(() => import('../features/annex/pages/AnnexPage.tsx'));
const ArchivePage = lazy(() => import('../features/archive/pages/ArchivePage.tsx'));
const ClassroomLecturePage = lazy(() => import('../features/classroom/pages/LecturePage.tsx'));
const ClassroomConsentPage = lazy(() => import('../features/classroom/pages/ConsentPage.tsx'));
const ManageLecturesPage = lazy(() => import('../features/classroom/pages/ManageLecturesPage.tsx'));
const PublicLecturePage = lazy(() => import('../features/classroom/pages/PublicLecturePage.tsx'));
const EmbedLecturePage = lazy(() => import('../features/classroom/pages/EmbedLecturePage.tsx'));
const LearningTasksPage = lazy(() => import('../features/learning/pages/LearningTasksPage.tsx'));
const LearningTaskPage = lazy(() => import('../features/learning/pages/LearningTaskPage.tsx'));
const UnfinishedPage = lazy(() => import('../features/learning/pages/UnfinishedPage.tsx'));
const MyLearningTasksPage = lazy(() => import('../features/learning/pages/MyLearningTasksPage.tsx'));

function page(Page: LazyExoticComponent<ComponentType>, roles?: readonly RoleName[]) {
  const inner = (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
  return roles ? <RequireRole roles={roles}>{inner}</RequireRole> : inner;
}

export const router = createBrowserRouter([
  { path: '/login', element: page(LoginPage), errorElement: <RouteError /> },
  // 公示 is for the public: readable signed out, inside the usual shell when signed in.
  {
    element: <PublicOrShell />,
    errorElement: <RouteError />,
    children: [
      { path: '/publicity', element: page(PublicityBoardPage) },
      { path: '/publicity/:code', element: page(NoticePage) },
      // A live final's draw, recomputed in the visitor's browser.
      { path: '/draw/:roundId', element: page(VerifyDrawPage) },
      { path: '/awards/notice/:code', element: page(AwardNoticePage) },
      { path: '/certificates/:code', element: page(CertificatePage) },
      // A public classroom lecture: plays without signing in.
      { path: '/p/classroom/:code', element: page(PublicLecturePage) },
    ],
  },
  // The classroom embed, framed by units' own websites: the player alone.
  { path: '/embed/classroom/:code', element: page(EmbedLecturePage), errorElement: <RouteError /> },
  // The live final's big screen and audience view: public, full screen, without the app's chrome.
  { path: '/screen/:code', element: page(ScreenPage), errorElement: <RouteError /> },
  { path: '/watch/:code', element: page(WatchPage), errorElement: <RouteError /> },
  {
    element: <RequireAuth allowPasswordChange />,
    errorElement: <RouteError />,
    children: [{ path: '/change-password', element: page(ChangePasswordPage) }],
  },
  // Printable slips: the page alone, without the app's menu, so it prints as it looks.
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      { path: '/member-accounts/orgs/:orgId/slips', element: page(SlipsPrintPage, ACCESS.memberAccounts) },
    ],
  },
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: page(AppLayout),
        children: [
          { index: true, element: <Navigate to="/campaigns" replace /> },
          { path: 'campaigns', element: page(CampaignsPage) },
          { path: 'campaigns/new', element: page(NewCampaignPage, ACCESS.campaignCreate) },
          { path: 'campaigns/:id', element: page(CampaignPage) },
          { path: 'campaigns/:id/edit', element: page(CampaignEditPage) },
          { path: 'campaigns/:id/entries', element: page(CampaignEntriesPage) },
          // 人人上讲台: the server decides who sees which orgs (admins, organisers, branch secretaries).
          { path: 'coverage', element: page(CoverageHomePage) },
          { path: 'campaigns/:id/coverage', element: page(CoveragePage) },
          // 督查看板: the server scopes every number to the viewer's subtree.
          { path: 'dashboard', element: page(DashboardHomePage, ACCESS.dashboard) },
          { path: 'campaigns/:id/dashboard', element: page(DashboardPage, ACCESS.dashboard) },
          // 学习任务: the server decides who reads which tasks, percentages only; names for secretaries.
          { path: 'learning-tasks', element: page(LearningTasksPage) },
          { path: 'learning-tasks/:id', element: page(LearningTaskPage) },
          { path: 'learning-tasks/:id/unfinished', element: page(UnfinishedPage) },
          { path: 'my-learning', element: page(MyLearningTasksPage) },
          // 统计报表: the server scopes each table to the viewer's subtree.
          {
            path: 'annex',
            element: page(AnnexPage, ['platform_admin', 'organiser', 'unit_admin', 'supervisor']),
          },
          // 活动档案: readers over an org (the server checks the org and campaign on every request).
          {
            path: 'archive',
            element: page(ArchivePage, ['platform_admin', 'organiser', 'unit_admin', 'supervisor']),
          },
          // 师资库: the server decides which pools and speaker pages each viewer reads.
          { path: 'pools', element: page(PoolsPage) },
          { path: 'pools/overview', element: page(PoolOverviewPage) },
          { path: 'pools/:id', element: page(PoolPage) },
          { path: 'pools/:id/nominate', element: page(NominatePage) },
          { path: 'pool-speakers/:id', element: page(SpeakerPage) },
          // 网上微课堂 (publishing side): the server decides who sees and manages each lecture.
          {
            path: 'classroom/manage',
            element: page(ManageLecturesPage, ['platform_admin', 'organiser', 'unit_admin']),
          },
          { path: 'classroom/lectures/:id', element: page(ClassroomLecturePage) },
          { path: 'classroom/lectures/:id/consent', element: page(ClassroomConsentPage) },
          { path: 'entries', element: page(MyEntriesPage) },
          { path: 'entries/new', element: page(NewEntryPage) },
          { path: 'entries/:id', element: page(EntryPage) },
          { path: 'lectures', element: page(LecturesPage) },
          { path: 'lectures/new', element: page(RecordLecturePage) },
          { path: 'lectures/:id', element: page(LecturePage) },
          { path: 'lectures/:id/edit', element: page(EditLecturePage) },
          {
            path: 'lectures/:id/correct',
            element: (
              <Suspense fallback={<PageLoading />}>
                <EditLecturePage correct />
              </Suspense>
            ),
          },
          { path: 'my-lectures', element: page(MyLecturesPage) },
          // 宣讲菜单 and 点单: the server decides who sees which pools and orders.
          { path: 'lecture-menu', element: page(MenuPage) },
          { path: 'lecture-menu/order', element: page(NewOrderPage) },
          ...(['branch', 'manage', 'tasks'] as const).map((view) => ({
            path: { branch: 'my-orders', manage: 'dispatch', tasks: 'lecture-tasks' }[view],
            element: (
              <Suspense fallback={<PageLoading />}>
                <OrdersPage view={view} />
              </Suspense>
            ),
          })),
          { path: 'orders/:id', element: page(OrderPage) },
          // 网上微课堂: every signed-in user; the server lists only lectures the viewer may open.
          { path: 'classroom', element: page(ClassroomHomePage) },
          { path: 'order-stats', element: page(OrderStatsPage) },
          { path: 'rounds/new', element: page(NewRoundPage) },
          { path: 'rounds/:id', element: page(RoundPage) },
          { path: 'rounds/:id/draw', element: page(DrawPage) },
          { path: 'rounds/:id/awards', element: page(AwardsPage) },
          { path: 'live/:id', element: page(LiveConsolePage) },
          { path: 'live/:id/judge', element: page(LiveJudgePage) },
          { path: 'live/:id/supervise', element: page(LiveSupervisorPage) },
          // Judges reach only rounds on whose panel they sit (the server checks); others see an empty list.
          { path: 'judging', element: page(MyRoundsPage) },
          { path: 'judging/:id', element: page(JudgeQueuePage) },
          { path: 'judging/:id/:code', element: page(JudgeItemPage) },
          { path: 'notices', element: page(NoticesPage) },
          { path: 'plans', element: page(MyPlansPage) },
          { path: 'plans/:campaignId/:orgId', element: page(PlanPage) },
          { path: 'plan-overview', element: page(PlanOverviewPage, ACCESS.planOverview) },
          { path: 'org', element: page(OrgPage, ACCESS.org) },
          { path: 'org/import', element: page(ImportPage, ACCESS.orgEdit) },
          { path: 'members/:id', element: page(MemberPage, ACCESS.org) },
          { path: 'member-accounts', element: page(MemberAccountsPage, ACCESS.memberAccounts) },
          { path: 'member-accounts/orgs/:orgId', element: page(BranchAccountsPage, ACCESS.memberAccounts) },
          { path: 'accounts', element: page(AccountsPage, ACCESS.accounts) },
          { path: 'accounts/:id', element: page(AccountPage, ACCESS.accounts) },
          { path: 'audit', element: page(AuditPage, ACCESS.audit) },
          { path: '*', element: page(NotFoundPage) },
        ],
      },
    ],
  },
]);
