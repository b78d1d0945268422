import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '@madoguchi/shared/client/ui';
import type { SettingsInput } from '../settings.ts';
import type { EnrollmentProblem } from '../enrollment.ts';
import { useOperatorI18n as useI18n } from '../../../i18n/i18n.ts';
import type { OperatorMessageKey as MessageKey } from '../../../i18n/operator-messages.ts';
import type { VideoInput } from '../../../lib/media-devices.ts';
import { useVideoInputs } from '../hooks/use-video-inputs.ts';
import {
  checkCameras,
  normalizeEnrollmentCode,
  type KioskSettings,
  type SettingsProblem,
} from '../settings.ts';

interface SettingsScreenProps {
  /** What is stored: maybe only cameras (not enrolled yet, or forgotten). */
  current: KioskSettings | null;
  /** The server refused the stored credential at the handshake: a new enrollment is needed. */
  isKioskRefused: boolean;
  isEnrolling: boolean;
  enrollmentProblem: EnrollmentProblem | null;
  /** A failure of the enrollment request that is not about the code (network, server). */
  error: unknown;
  onDismissError: () => void;
  onSave: (input: SettingsInput) => void;
  onForget: () => void;
  /** Absent while the kiosk cannot run: not enrolled, or refused. */
  onCancel?: () => void;
}

const problemMessages: Record<SettingsProblem | EnrollmentProblem, MessageKey> = {
  'invalid-code': 'settings.invalid-code',
  'missing-code': 'settings.missing-code',
  'missing-camera': 'settings.missing-camera',
  'same-camera': 'settings.same-camera',
  'code-refused': 'settings.code-refused',
  'rate-limited': 'settings.code-rate-limited',
};

/** Operator screen: enroll this kiosk with a code from an administrator, and say which camera looks where. */
export function SettingsScreen({
  current,
  isKioskRefused,
  isEnrolling,
  enrollmentProblem,
  error: saveError,
  onDismissError,
  onSave,
  onForget,
  onCancel,
}: SettingsScreenProps) {
  const { t } = useI18n();
  const { inputs, error } = useVideoInputs();
  const [code, setCode] = useState('');
  // Unset choices fall back to the stored camera, else to the first and second camera found.
  const [faceChoice, setFaceChoice] = useState<string | null>(null);
  const [documentChoice, setDocumentChoice] = useState<string | null>(null);
  const [problem, setProblem] = useState<SettingsProblem | null>(null);
  const [isErrorDismissed, setIsErrorDismissed] = useState(false);

  const enrollment = isKioskRefused ? null : (current?.enrollment ?? null);
  const fallback = (stored: string | undefined, index: number) =>
    stored && inputs?.some((input) => input.deviceId === stored) ? stored : (inputs?.[index]?.deviceId ?? '');
  const faceCameraId = faceChoice ?? fallback(current?.faceCameraId, 0);
  const documentCameraId = documentChoice ?? fallback(current?.documentCameraId, 1);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    const enrollmentCode = typed === '' ? null : normalizeEnrollmentCode(typed);
    const found =
      typed !== '' && enrollmentCode === null
        ? 'invalid-code'
        : enrollmentCode === null && !enrollment
          ? 'missing-code'
          : checkCameras({ faceCameraId, documentCameraId });
    setProblem(found);
    if (found) return;
    onSave({ enrollmentCode, faceCameraId, documentCameraId });
  };

  const shownProblem = problem ?? enrollmentProblem;
  return (
    <main className="screen settings-screen" data-testid="settings-screen">
      <h1 className="title">{t('settings.title')}</h1>
      {!isErrorDismissed && <ErrorMessage error={error} onDismiss={() => setIsErrorDismissed(true)} />}
      <ErrorMessage error={saveError} onDismiss={onDismissError} />
      <form className="form" onSubmit={submit} noValidate>
        {isKioskRefused && (
          <p className="form__problem" role="alert" data-testid="settings-kiosk-refused">
            {t('settings.kiosk-refused')}
          </p>
        )}
        <div className="field">
          <span className="field__label">{t('settings.kiosk-id')}</span>
          <output
            className="field__value"
            data-testid="settings-kiosk-id"
            data-enrolled={enrollment !== null}
          >
            {enrollment
              ? t('settings.enrolled-as', { kioskId: enrollment.kioskId })
              : t('settings.not-enrolled')}
          </output>
          {enrollment && (
            <button
              type="button"
              className="button button--secondary button--small"
              data-testid="settings-unenroll"
              onClick={onForget}
            >
              {t('settings.unenroll')}
            </button>
          )}
        </div>
        <label className="field">
          <span className="field__label">{t('settings.enrollment-code')}</span>
          <input
            className="field__input field__input--code"
            data-testid="settings-enrollment-code"
            value={code}
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={12}
            autoComplete="one-time-code"
            spellCheck={false}
            onChange={(event) => setCode(event.target.value)}
          />
          <span className="field__hint">
            {enrollment ? t('settings.reenroll-hint') : t('settings.enrollment-code-hint')}
          </span>
        </label>
        {inputs === null ? (
          <p className="notice">{t('settings.loading-devices')}</p>
        ) : (
          <>
            <CameraSelect
              label={t('settings.face-camera')}
              testId="settings-face-camera"
              inputs={inputs}
              value={faceCameraId}
              onChange={setFaceChoice}
            />
            <CameraSelect
              label={t('settings.document-camera')}
              testId="settings-document-camera"
              inputs={inputs}
              value={documentCameraId}
              onChange={setDocumentChoice}
            />
          </>
        )}
        {shownProblem && (
          <p
            className="form__problem"
            role="alert"
            data-testid="settings-problem"
            data-problem={shownProblem}
          >
            {t(problemMessages[shownProblem])}
          </p>
        )}
        <div className="actions">
          {onCancel && (
            <button
              type="button"
              className="button button--secondary"
              data-testid="settings-cancel"
              onClick={onCancel}
            >
              {t('settings.cancel')}
            </button>
          )}
          <button
            type="submit"
            className="button button--primary"
            data-testid="settings-save"
            disabled={isEnrolling}
          >
            {isEnrolling ? t('settings.enrolling') : t('settings.save')}
          </button>
        </div>
      </form>
    </main>
  );
}

interface CameraSelectProps {
  label: string;
  testId: string;
  inputs: readonly VideoInput[];
  value: string;
  onChange: (deviceId: string) => void;
}

function CameraSelect({ label, testId, inputs, value, onChange }: CameraSelectProps) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select
        className="field__input"
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t('settings.choose')}</option>
        {inputs.map((input, index) => (
          <option key={input.deviceId} value={input.deviceId}>
            {input.label || t('settings.unnamed-camera', { number: index + 1 })}
          </option>
        ))}
      </select>
    </label>
  );
}
