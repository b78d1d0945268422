import { ConnectionBanner, ErrorMessage, useProcedures } from '@madoguchi/shared/client/ui';
import { InCallScreen } from '../features/call/components/in-call-screen.tsx';
import { WaitingScreen } from '../features/call/components/waiting-screen.tsx';
import { ClosedScreen } from '../features/closed/components/closed-screen.tsx';
import { ConfirmScreen } from '../features/procedures/components/confirm-screen.tsx';
import { IdleScreen } from '../features/procedures/components/idle-screen.tsx';
import { CaptureNotice } from '../features/capture/components/capture-notice.tsx';
import { SettingsScreen } from '../features/settings/components/settings-screen.tsx';
import { SignatureScreen } from '../features/signature/components/signature-screen.tsx';
import { I18nProvider, useI18n } from '../i18n/i18n.ts';
import type { KioskController, KioskState } from './kiosk-controller.ts';
import { useKioskState } from './use-kiosk-state.ts';

export function App({ controller }: { controller: KioskController }) {
  const state = useKioskState(controller);
  return (
    <I18nProvider language={state.language}>
      <div className="app" lang={state.language}>
        {!state.isConnected && state.screen !== 'settings' && <ConnectionBanner />}
        {state.screen !== 'settings' && (
          <ErrorMessage error={state.error} onDismiss={() => controller.clearError()} />
        )}
        {state.isCallReset && state.screen === 'idle' && <CallResetNotice />}
        <CurrentScreen controller={controller} state={state} />
        {state.screen === 'in-call' && state.signature && (
          <SignatureScreen view={state.signature} pad={controller.signaturePad} />
        )}
        {state.screen === 'in-call' && state.captureNotice && <CaptureNotice notice={state.captureNotice} />}
      </div>
    </I18nProvider>
  );
}

function CurrentScreen({ controller, state }: { controller: KioskController; state: KioskState }) {
  const { t } = useI18n();
  const procedures = useProcedures();
  const selected = procedures.procedures?.find((procedure) => procedure.id === state.selectedProcedureId);
  switch (state.screen) {
    case 'settings':
      return (
        <SettingsScreen
          current={state.settings}
          isKioskRefused={state.isKioskRefused}
          isEnrolling={state.isEnrolling}
          enrollmentProblem={state.enrollmentProblem}
          error={state.error}
          onDismissError={() => controller.clearError()}
          onSave={(input) => void controller.saveSettings(input)}
          onForget={() => controller.forgetKiosk()}
          onCancel={
            state.settings?.enrollment && !state.isKioskRefused ? () => controller.closeSettings() : undefined
          }
        />
      );
    case 'starting':
      return (
        <main className="screen" data-testid="starting-screen">
          <h1 className="title">{t('app.title')}</h1>
          <p className="lead">{t('app.starting')}</p>
        </main>
      );
    case 'idle':
      return (
        <IdleScreen
          procedures={procedures}
          onLanguageChange={(language) => controller.setLanguage(language)}
          onSelect={(procedureId) => controller.selectProcedure(procedureId)}
          onOpenSettings={() => controller.openSettings()}
        />
      );
    case 'confirm':
      return (
        <ConfirmScreen
          procedure={selected}
          onLanguageChange={(language) => controller.setLanguage(language)}
          onCall={() => void controller.call()}
          onBack={() => controller.back()}
        />
      );
    case 'waiting':
      return (
        <WaitingScreen
          procedure={selected}
          camera={state.localMedia?.camera}
          queue={state.queue}
          canCancel={state.consultation !== null}
          onCancel={() => void controller.cancel()}
        />
      );
    case 'closed':
      return <ClosedScreen nextOpeningAt={state.nextOpeningAt} onBack={() => controller.startOver()} />;
    case 'in-call':
      return (
        <InCallScreen
          consultation={state.consultation}
          localMedia={state.localMedia}
          remoteTracks={state.remoteTracks}
          onHangUp={() => void controller.hangUp()}
        />
      );
  }
}

function CallResetNotice() {
  const { t } = useI18n();
  return (
    <div className="call-reset-notice" role="status" data-testid="call-reset-notice">
      {t('call.reset')}
    </div>
  );
}
