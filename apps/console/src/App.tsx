import { lazy, type ReactNode } from 'react';
import { Result } from 'antd';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from './i18n/I18nContext';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { homeFor, PAGES, pagesFor } from './nav/navigation';
import { useSession } from './session/SessionContext';

// One chunk per page: a customer never downloads the staff pages.
const SignInPage = lazy(() => import('./pages/SignInPage'));
const MemberSearchPage = lazy(() => import('./pages/MemberSearchPage'));
const Member360Page = lazy(() => import('./pages/Member360Page'));
const RewardsPage = lazy(() => import('./pages/RewardsPage'));
const AuditLogPage = lazy(() => import('./pages/AuditLogPage'));
const MyMembershipPage = lazy(() => import('./pages/MyMembershipPage'));
const CampaignsPage = lazy(() => import('./pages/CampaignsPage'));
const ProgrammePage = lazy(() => import('./pages/ProgrammePage'));
const StoresPage = lazy(() => import('./pages/StoresPage'));
const StaffPage = lazy(() => import('./pages/StaffPage'));
const ServiceDeskPage = lazy(() => import('./pages/ServiceDeskPage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const KpisPage = lazy(() => import('./pages/KpisPage'));
const SegmentsPage = lazy(() => import('./pages/SegmentsPage'));
const SurveyPage = lazy(() => import('./pages/SurveyPage'));

const ELEMENTS: Record<string, ReactNode> = {
  me: <MyMembershipPage />,
  members: <MemberSearchPage />,
  member: <Member360Page />,
  'service-desk': <ServiceDeskPage />,
  case: <CasePage />,
  kpis: <KpisPage />,
  segments: <SegmentsPage />,
  campaigns: <CampaignsPage />,
  programme: <ProgrammePage />,
  rewards: <RewardsPage />,
  stores: <StoresPage />,
  staff: <StaffPage />,
  'audit-log': <AuditLogPage />,
};

/** Pages need a session; a page the role may not use is not routed for it at all. */
function Guard({ pageKey }: { pageKey: string }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (!pagesFor(session.actor.role).some((p) => p.key === pageKey)) return <NoAccess />;
  return <>{ELEMENTS[pageKey]}</>;
}

function NoAccess() {
  const { t } = useI18n();
  return <Result status="403" title="403" subTitle={t('error.forbidden')} />;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound.title')} />;
}

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homeFor(session.actor.role) : '/sign-in'} replace />;
}

export function App() {
  return (
    <BrowserRouter basename="/console">
      <ConsoleLayout>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/no-access" element={<NoAccess />} />
          {/* A survey invitation's link: no sign-in, its one-time token is the credential. */}
          <Route path="/survey/:token" element={<SurveyPage />} />
          {PAGES.map((page) => (
            <Route key={page.key} path={page.path} element={<Guard pageKey={page.key} />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </ConsoleLayout>
    </BrowserRouter>
  );
}
