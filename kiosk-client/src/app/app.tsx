import { useEffect } from 'react';
import { ConnectionBanner, ErrorMessage, languageTag, useProcedures } from '@madoguchi/shared/client/ui';
import { AttractScreen } from '../features/attract/components/attract-screen.tsx';
import { CallFailedScreen } from '../features/call/components/call-failed-screen.tsx';
import { InCallScreen } from '../features/call/components/in-call-screen.tsx';
import { WaitingScreen } from '../features/call/components/waiting-screen.tsx';
import { CaptureNotice } from '../features/capture/components/capture-notice.tsx';
import { ClosedScreen } from '../features/closed/components/closed-screen.tsx';
import { OutOfServiceScreen } from '../features/devices/components/out-of-service-screen.tsx';
import { DocumentViewer } from '../features/documents/components/document-viewer.tsx';
import { IdleWarning } from '../features/idle/components/idle-warning.tsx';
import { LanguageScreen } from '../features/language/components/language-screen.tsx';
import { ConfirmScreen } from '../features/procedures/components/confirm-screen.tsx';
import { IdleScreen } from '../features/procedures/components/idle-screen.tsx';
import { SettingsScreen } from '../features/settings/components/settings-screen.tsx';
import { HelpNotice } from '../features/shell/components/help-notice.tsx';
import { TopBar } from '../features/shell/components/top-bar.tsx';
import { SignatureScreen } from '../features/signature/components/signature-screen.tsx';
import { SurveyScreen } from '../features/survey/components/survey-screen.tsx';
import { ThanksScreen } from '../features/survey/components/thanks-screen.tsx';
import { I18nProvider, OperatorI18nProvider, useI18n } from '../i18n/i18n.ts';
import type { KioskController } from './kiosk-controller.ts';
import type { KioskState } from './kiosk-store.ts';
import { useKioskState } from './use-kiosk-state.ts';

/** Kiosks stay open for days: the procedure list is fetched again this often (names, new ones). */
const PROCEDURES_REFRESH_MS = 60_000;

export function App({ controller }: { controller: KioskController }) {
  const state = useKioskState(controller);
  const documentLanguage = state.screen === 'settings' ? 'ja' : languageTag(state.language);
  // The page's own language too, so screen readers and fonts pick the resident's language.
  useEffect(() => {
    document.documentElement.lang = documentLanguage;
  }, [documentLanguage]);
  if (state.screen === 'settings') {
    // The operator's screen: no resident controls, and its own (Japanese) dictionary.
    return (
      <OperatorI18nProvider language={state.language === 'en' ? 'en' : 'ja'}>
        <div className="app" lang="ja">
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
              state.settings?.enrollment && !state.isKioskRefused
                ? () => controller.closeSettings()
                : undefined
            }
          />
        </div>
      </OperatorI18nProvider>
    );
  }
  const isInCall = state.screen === 'in-call';
  const className = [
    'app',
    state.display.isLargeText ? 'app--large-text' : '',
    state.display.isHighContrast ? 'app--high-contrast' : '',
  ]
    .join(' ')
    .trim();
  return (
    <I18nProvider language={state.language}>
      <div
        className={className}
        lang={languageTag(state.language)}
        data-language={state.language}
        // Any touch or key means the resident is still there.
        onPointerDownCapture={() => controller.touch()}
        onKeyDownCapture={() => controller.touch()}
      >
        <TopBar
          display={state.display}
          canRequestHelp={state.help !== 'sending'}
          onHelp={() => void controller.requestHelp()}
          onLanguageChange={(language) => controller.setLanguage(language)}
          onToggleLargeText={() => controller.toggleLargeText()}
          onToggleHighContrast={() => controller.toggleHighContrast()}
        />
        <main className="app__main">
          {!state.isConnected && !isInCall && <ConnectionBanner />}
          <ErrorMessage error={state.error} onDismiss={() => controller.clearError()} />
          {state.isCallReset && state.screen === 'attract' && <CallResetNotice />}
          {state.help && <HelpNotice help={state.help} onClose={() => controller.dismissHelp()} />}
          <CurrentScreen controller={controller} state={state} />
          {isInCall && state.document && (
            <DocumentViewer
              key={state.document.documentId}
              document={state.document}
              onClose={() => controller.closeDocument()}
            />
          )}
          {isInCall && state.signature && (
            <SignatureScreen view={state.signature} pad={controller.signaturePad} />
          )}
          {isInCall && state.captureNotice && <CaptureNotice notice={state.captureNotice} />}
        </main>
        {state.idleWarningUntil !== null && (
          <IdleWarning until={state.idleWarningUntil} onExtend={() => controller.extendIdle()} />
        )}
      </div>
    </I18nProvider>
  );
}

function CurrentScreen({ controller, state }: { controller: KioskController; state: KioskState }) {
  const { t } = useI18n();
  const procedures = useProcedures({ refreshMs: PROCEDURES_REFRESH_MS });
  const selected = procedures.procedures?.find((procedure) => procedure.id === state.selectedProcedureId);
  switch (state.screen) {
    case 'settings':
      return null;
    case 'starting':
      return (
        <section className="screen" data-testid="starting-screen">
          <h1 className="title">{t('app.title')}</h1>
          <p className="lead" role="status">
            {t('app.starting')}
          </p>
        </section>
      );
    case 'out-of-service':
      return (
        <OutOfServiceScreen
          devices={state.devices}
          onRecheck={() => void controller.recheckDevices()}
          onOpenSettings={() => controller.openSettings()}
        />
      );
    case 'attract':
      return (
        <AttractScreen onStart={() => controller.start()} onOpenSettings={() => controller.openSettings()} />
      );
    case 'language':
      return (
        <LanguageScreen
          onChoose={(language) => controller.chooseLanguage(language)}
          onBack={() => controller.back()}
        />
      );
    case 'idle':
      return (
        <IdleScreen
          procedures={procedures}
          onSelect={(procedureId) => controller.selectProcedure(procedureId)}
          onBack={() => controller.back()}
        />
      );
    case 'confirm':
      return (
        <ConfirmScreen
          procedure={selected}
          canCall={state.isInService}
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
          chat={state.chat}
          quality={state.connectionQuality}
          clerkChangedTo={state.clerkChangedTo}
          isReconnecting={!state.isConnected || state.isMediaInterrupted}
          onSendChat={(text) => controller.sendChat(text)}
          onHangUp={() => void controller.hangUp()}
        />
      );
    case 'survey':
      return state.survey ? (
        <SurveyScreen
          survey={state.survey}
          onRate={(rating) => void controller.rate(rating)}
          onComment={(comment) => void controller.submitSurveyComment(comment)}
          onSkip={() => controller.skipSurvey()}
          onBack={() => controller.back()}
        />
      ) : null;
    case 'thanks':
      return <ThanksScreen onDone={() => controller.finish()} />;
    case 'call-failed':
      return <CallFailedScreen onDone={() => controller.finish()} />;
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
