import type { CaptureId, StaffLanguage, StaffStatus } from '@madoguchi/shared';
import { lazy, Suspense, useMemo, useState } from 'react';
import { ConnectionBanner, ErrorMessage, TrackVideo, useProcedures } from '@madoguchi/shared/client/ui';
import { boothsOf } from '../features/admin/admin-desk.ts';
import { AdminScreen } from '../features/admin/components/admin-screen.tsx';
import { AuditScreen } from '../features/admin/components/audit-screen.tsx';
import { CallEndNoticePanel } from '../features/call/components/call-end-notice.tsx';
import { InCallScreen } from '../features/call/components/in-call-screen.tsx';
import { hasWorkingMedia, isMediaReconnecting } from '../features/call/desk-media.ts';
import { LoginScreen } from '../features/login/components/login-screen.tsx';
import { PasswordChangeScreen } from '../features/login/components/password-change-form.tsx';
import { UserMenu } from '../features/login/components/user-menu.tsx';
import { OnsiteScreen } from '../features/onsite/components/onsite-screen.tsx';
import { OfferPanel } from '../features/offer/components/offer-panel.tsx';
import { AccountPanel } from '../features/profile/components/account-panel.tsx';
import { ClerkProfileCard } from '../features/profile/components/clerk-profile-card.tsx';
import type { ReportActions } from '../features/reports/components/dashboard-screen.tsx';
import { InvitationPanel } from '../features/team/components/invitation-panel.tsx';
import { StatusBar } from '../features/status/components/status-bar.tsx';
import { SupervisorScreen } from '../features/supervisor/components/supervisor-screen.tsx';
import { WrapUpPanel } from '../features/wrap-up/components/wrap-up-panel.tsx';
import { I18nProvider, useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import {
  CALL_NOTES_MAX,
  type AdminView,
  type ConsoleController,
  type ConsoleState,
  type SupervisorView,
} from './console-controller.ts';
import { useConsoleState } from './use-console-state.ts';

export function App({ controller }: { controller: ConsoleController }) {
  const state = useConsoleState(controller);
  const [language, setLanguage] = useState<StaffLanguage>('ja');
  const { staff } = state;
  return (
    <I18nProvider language={language}>
      <div className="app" lang={language}>
        <StatusBar
          role={staff?.role ?? null}
          status={state.staffStatus}
          reason={state.statusReason}
          until={state.statusUntil}
          isPreparingMedia={state.isReady && state.deskMedia !== null && !hasWorkingMedia(state.deskMedia)}
          onSetStatus={(status) => void controller.setStatus(status)}
          onLanguageChange={setLanguage}
          userMenu={
            staff && (
              <UserMenu
                staff={staff}
                isSigningOut={state.isSigningOut}
                onLogOut={() => void controller.logOut()}
                onLogOutEverywhere={() => void controller.logOutEverywhere()}
                {...(state.isPasswordChangeRequired ? {} : { onAccount: () => controller.toggleAccount() })}
              />
            )
          }
        />
        {staff && state.isReady && !state.isConnected && <ConnectionBanner />}
        <ErrorMessage error={state.error} onDismiss={() => controller.clearError()} />
        {state.isAccountOpen && state.password && (
          <AccountPanel
            password={state.password}
            secondFactor={state.secondFactor}
            actions={{
              changePassword: (input) => void controller.changePassword(input),
              beginSecondFactor: () => void controller.beginSecondFactor(),
              confirmSecondFactor: (code) => void controller.confirmSecondFactor(code),
              dismissSecondFactor: () => controller.closeSecondFactor(),
              close: () => controller.toggleAccount(),
            }}
          />
        )}
        {state.screen === 'starting' ? (
          <main className="screen" data-testid="starting-screen">
            <StartingLead />
          </main>
        ) : state.screen === 'login' ? (
          <LoginScreen
            problem={state.loginProblem}
            isSigningIn={state.isSigningIn}
            onLogIn={(staffId, password) => void controller.logIn(staffId, password)}
            secondFactor={
              state.loginChallenge && {
                onSubmit: (code) => void controller.submitSecondFactor(code),
                onBack: () => controller.cancelSecondFactor(),
              }
            }
          />
        ) : state.screen === 'password-change' && state.password ? (
          <PasswordChangeScreen
            state={state.password}
            onChange={(input) => void controller.changePassword(input)}
          />
        ) : (
          <Desk controller={controller} state={state} />
        )}
      </div>
    </I18nProvider>
  );
}

function StartingLead() {
  const { t } = useI18n();
  return <p className="lead">{t('starting.title')}</p>;
}

/** A console stays open all day: its procedure names follow the catalogue this often. */
const PROCEDURES_REFRESH_MS = 5 * 60_000;

/** Everything after sign-in; the procedure list is loaded once someone is at the desk. */
function Desk({ controller, state }: { controller: ConsoleController; state: ConsoleState }) {
  const { t } = useI18n();
  const { procedures } = useProcedures({ refreshMs: PROCEDURES_REFRESH_MS });
  if (state.screen === 'connecting') {
    return (
      <main className="screen" data-testid="connecting-screen">
        <p className="lead">{t('connecting.title')}</p>
      </main>
    );
  }
  if (state.screen === 'onsite') {
    return (
      <OnsiteScreen
        onsite={state.onsite}
        actions={{
          resolveTask: (taskId, status, note) => void controller.resolveTask(taskId, status, note),
          dismissHelp: (kioskId) => controller.dismissHelp(kioskId),
        }}
      />
    );
  }
  if (state.screen === 'admin') {
    return (
      <div className="admin">
        <ViewTabs
          label={t('role.admin')}
          views={adminTabs}
          current={state.adminView}
          onSelect={(view) => controller.showAdminView(view)}
        />
        {state.adminView === 'dashboard' || state.adminView === 'national' ? (
          <Reports view={state.adminView} controller={controller} state={state} procedures={procedures} />
        ) : state.adminView === 'queues' ? (
          <SupervisorScreen
            snapshot={state.queueSnapshot}
            procedures={procedures}
            clockOffsetMs={state.clockOffsetMs}
          />
        ) : state.adminView === 'catalog' ? (
          state.catalog && (
            <Suspense fallback={<CatalogLoading />}>
              <CatalogScreen
                catalog={state.catalog}
                actions={{
                  edit: (change) => controller.editCatalog(change),
                  save: () => void controller.saveCatalog(),
                  discard: () => controller.discardCatalogChanges(),
                  reload: () => void controller.loadCatalog(),
                }}
              />
            </Suspense>
          )
        ) : state.adminView === 'audit' ? (
          state.admin && <AuditScreen admin={state.admin} onRefresh={() => void controller.loadAudit()} />
        ) : state.admin ? (
          <AdminScreen
            admin={state.admin}
            onRefresh={() => void controller.loadAdmin()}
            onCreateStaff={(input) => controller.createStaff(input)}
            onCreateCode={(kioskId) => void controller.createEnrollmentCode(kioskId)}
            onDismissCode={() => controller.dismissEnrollmentCode()}
            onRevoke={(kioskId) => void controller.revokeKiosk(kioskId)}
            accounts={{
              change: (staffId, action) => void controller.changeAccount(staffId, action),
              changeRole: (staffId, role) => void controller.changeRole(staffId, role),
              dismissPassword: () => controller.dismissTemporaryPassword(),
            }}
          />
        ) : null}
      </div>
    );
  }
  if (state.screen === 'supervisor') {
    return (
      <div className="admin">
        <ViewTabs
          label={t('reports.nav-label')}
          views={supervisorTabs}
          current={state.supervisorView}
          onSelect={(view) => controller.showSupervisorView(view)}
        />
        {state.supervisorView === 'queues' ? (
          <SupervisorScreen
            snapshot={state.queueSnapshot}
            procedures={procedures}
            clockOffsetMs={state.clockOffsetMs}
            self={state.staff?.staffId ?? null}
            monitor={
              state.monitor && {
                state: state.monitor,
                onMonitor: (consultationId) => void controller.monitor(consultationId),
                onStop: () => void controller.stopMonitoring(),
                onJoin: () => void controller.joinMonitoredCall(),
                onLeave: () => void controller.leaveMonitoredCall(),
              }
            }
          />
        ) : (
          <Reports
            view={state.supervisorView}
            controller={controller}
            state={state}
            procedures={procedures}
          />
        )}
      </div>
    );
  }
  if (state.screen === 'in-call' && state.consultation) {
    const captureActions = {
      requestStill: () => void controller.requestStill(),
      requestSignature: () => void controller.requestSignature(),
      decideSignature: (decision: 'accept' | 'retry') => void controller.decideSignature(decision),
      open: (captureId: CaptureId) => controller.openCapture(captureId),
      close: () => controller.closeCapture(),
    };
    return (
      <InCallScreen
        consultation={state.consultation}
        procedures={procedures}
        localMedia={state.deskMedia?.localMedia ?? null}
        remoteTracks={state.deskMedia?.remoteTracks ?? []}
        captures={state.captures}
        captureActions={captureActions}
        chat={state.chat}
        documents={state.documents}
        residentActions={{
          sendChat: (text) => controller.sendChat(text),
          pushDocument: (file) => void controller.pushDocument(file, file.name),
          closeDocument: (documentId) => void controller.closeDocument(documentId),
        }}
        selfStaffId={state.staff?.staffId ?? null}
        team={state.team}
        teamActions={{
          loadColleagues: () => void controller.loadColleagues(),
          invite: (staffId, note) => void controller.invite(staffId, note),
          transfer: (procedureId, note) => void controller.transfer(procedureId, note),
          leave: () => void controller.leaveCall(),
        }}
        controls={{
          isMicrophoneOn: state.isMicrophoneOn,
          isCameraOn: state.isCameraOn,
          notes: state.callNotes,
          maxNotes: CALL_NOTES_MAX,
          toggleMicrophone: () => controller.toggleMicrophone(),
          toggleCamera: () => controller.toggleCamera(),
          setNotes: (notes) => controller.setCallNotes(notes),
        }}
        isReconnecting={isMediaReconnecting(state.isConnected, state.deskMedia)}
        onHangUp={() => void controller.hangUp()}
      />
    );
  }
  return (
    <main className="screen idle-screen" data-testid="idle-screen">
      <div className="idle__main">
        {state.callEndNotice && (
          <CallEndNoticePanel
            notice={state.callEndNotice}
            onDismiss={() => controller.dismissCallEndNotice()}
          />
        )}
        {state.offer && (
          <OfferPanel
            offer={state.offer}
            procedures={procedures}
            isAnswering={state.isAnswering}
            onAccept={() => void controller.accept()}
            onDecline={() => void controller.decline()}
          />
        )}
        {state.invitation && (
          <InvitationPanel
            invitation={state.invitation}
            procedures={procedures}
            isJoining={state.isJoining}
            onJoin={() => void controller.joinInvitation()}
            onDecline={() => void controller.declineInvitation()}
          />
        )}
        {state.wrapUp && (
          <WrapUpPanel
            wrapUp={state.wrapUp}
            procedures={procedures}
            actions={{
              setOutcome: (outcome) => controller.setWrapUpOutcome(outcome),
              setNotes: (notes) => controller.setWrapUpNotes(notes),
              addTask: () => controller.addWrapUpTask(),
              updateTask: (index, patch) => controller.updateWrapUpTask(index, patch),
              removeTask: (index) => controller.removeWrapUpTask(index),
              submit: () => void controller.submitWrapUp(),
              skip: () => controller.skipWrapUp(),
            }}
          />
        )}
        {!state.offer && !state.invitation && !state.wrapUp && (
          <section className="card">
            <h2 className="card__title">{t('idle.title')}</h2>
            <p data-testid="idle-lead">{t(idleLeadKey(state.staffStatus))}</p>
          </section>
        )}
        {state.clerkProfile && <ClerkProfileCard profile={state.clerkProfile} />}
      </div>
      <figure className="tile tile--small">
        <TrackVideo track={state.deskMedia?.localMedia?.camera} testId="local-video-camera" isMirrored />
        <figcaption>{t('idle.self-view')}</figcaption>
      </figure>
    </main>
  );
}

/** What the idle card tells the clerk to expect, or to do, in each status. */
function idleLeadKey(status: StaffStatus | null): MessageKey {
  switch (status) {
    case 'away':
      return 'idle.lead-away';
    case 'wrap-up':
      return 'idle.lead-wrap-up';
    case 'not-responding':
      return 'idle.lead-not-responding';
    case 'offline':
    case null:
      return 'idle.lead-offline';
    case 'available':
    case 'offered':
    case 'busy':
      return 'idle.lead-available';
  }
}

interface ViewTab<V extends string> {
  view: V;
  testId: string;
  label: MessageKey;
}

const reportTabs = [
  { view: 'dashboard', testId: 'dashboard-open', label: 'reports.tab-dashboard' },
  { view: 'national', testId: 'national-report-open', label: 'reports.tab-national' },
] as const satisfies readonly ViewTab<'dashboard' | 'national'>[];

const adminTabs: readonly ViewTab<AdminView>[] = [
  { view: 'identities', testId: 'admin-tab-identities', label: 'admin.tab-identities' },
  { view: 'catalog', testId: 'admin-tab-catalog', label: 'admin.tab-catalog' },
  { view: 'audit', testId: 'admin-tab-audit', label: 'admin.tab-audit' },
  { view: 'queues', testId: 'admin-tab-queues', label: 'admin.tab-queues' },
  ...reportTabs,
];

const supervisorTabs: readonly ViewTab<SupervisorView>[] = [
  { view: 'queues', testId: 'supervisor-tab-queues', label: 'reports.tab-queues' },
  ...reportTabs,
];

/** The views of a supervisor's or an administrator's desk; not printed with a report. */
function ViewTabs<V extends string>({
  label,
  views,
  current,
  onSelect,
}: {
  label: string;
  views: readonly ViewTab<V>[];
  current: V;
  onSelect: (view: V) => void;
}) {
  const { t } = useI18n();
  return (
    <nav className="tabs no-print" role="tablist" aria-label={label}>
      {views.map(({ view, testId, label: tabLabel }) => (
        <button
          key={view}
          type="button"
          role="tab"
          className="tabs__tab"
          data-testid={testId}
          aria-selected={current === view}
          onClick={() => onSelect(view)}
        >
          {t(tabLabel)}
        </button>
      ))}
    </nav>
  );
}

// Only administrators edit the catalogue: its screens are fetched when they first open it.
const CatalogScreen = lazy(() => import('../features/admin/components/catalog-screen.tsx'));

function CatalogLoading() {
  const { t } = useI18n();
  return (
    <main className="screen">
      <p className="lead">{t('admin.loading')}</p>
    </main>
  );
}

const ReportView = lazy(() => import('../features/reports/components/report-view.tsx'));

/** The KPI dashboard or the national report, for supervisors and administrators alike. */
function Reports({
  view,
  controller,
  state,
  procedures,
}: {
  view: 'dashboard' | 'national';
  controller: ConsoleController;
  state: ConsoleState;
  procedures: ReturnType<typeof useProcedures>['procedures'];
}) {
  const kiosks = state.admin?.kiosks;
  // Administrators have the kiosks, and with them the booths' names; supervisors see booth ids.
  const boothNames = useMemo(
    () =>
      kiosks ? new Map(boothsOf(kiosks).map(({ boothId, boothName }) => [boothId, boothName])) : undefined,
    [kiosks],
  );
  const actions: ReportActions = {
    setPeriod: (period) => void controller.setReportPeriod(period),
    applyPreset: (preset) => void controller.applyReportPreset(preset),
    setGroupBy: (groupBy) => void controller.setReportGroupBy(groupBy),
    setDemo: (isDemo) => void controller.setReportDemo(isDemo),
    setBaseline: (baseline) => void controller.setReportBaseline(baseline),
  };
  if (!state.reports) return null;
  return (
    <Suspense fallback={<ReportsLoading />}>
      <ReportView
        view={view}
        reports={state.reports}
        procedures={procedures}
        actions={actions}
        {...(boothNames ? { boothNames } : {})}
      />
    </Suspense>
  );
}

function ReportsLoading() {
  const { t } = useI18n();
  return (
    <main className="screen">
      <p className="lead">{t('reports.loading')}</p>
    </main>
  );
}
