import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import type { VideoInput } from '../../../lib/media-devices.ts';
import { useVideoInputs } from '../hooks/use-video-inputs.ts';
import { DEFAULT_KIOSK_ID, parseSettings, type KioskSettings, type SettingsProblem } from '../settings.ts';

interface SettingsScreenProps {
  current: KioskSettings | null;
  /** The server refused the stored kiosk id at the handshake. */
  isKioskRefused?: boolean;
  onSave: (settings: KioskSettings) => void;
  /** Absent when there are no settings yet: the kiosk cannot run without them. */
  onCancel?: () => void;
}

const problemMessages: Record<SettingsProblem, MessageKey> = {
  'invalid-kiosk-id': 'settings.invalid-kiosk-id',
  'missing-camera': 'settings.missing-camera',
  'same-camera': 'settings.same-camera',
};

/** Operator screen: which booth this is and which camera looks where. */
export function SettingsScreen({ current, isKioskRefused = false, onSave, onCancel }: SettingsScreenProps) {
  const { t } = useI18n();
  const { inputs, error } = useVideoInputs();
  const [kioskId, setKioskId] = useState<string>(current?.kioskId ?? DEFAULT_KIOSK_ID);
  // Unset choices fall back to the stored camera, else to the first and second camera found.
  const [faceChoice, setFaceChoice] = useState<string | null>(null);
  const [documentChoice, setDocumentChoice] = useState<string | null>(null);
  const [problem, setProblem] = useState<SettingsProblem | null>(null);
  const [isErrorDismissed, setIsErrorDismissed] = useState(false);

  const fallback = (stored: string | undefined, index: number) =>
    stored && inputs?.some((input) => input.deviceId === stored) ? stored : (inputs?.[index]?.deviceId ?? '');
  const faceCameraId = faceChoice ?? fallback(current?.faceCameraId, 0);
  const documentCameraId = documentChoice ?? fallback(current?.documentCameraId, 1);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = parseSettings({ kioskId, faceCameraId, documentCameraId });
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    onSave(result.settings);
  };

  return (
    <main className="screen settings-screen" data-testid="settings-screen">
      <h1 className="title">{t('settings.title')}</h1>
      {!isErrorDismissed && <ErrorMessage error={error} onDismiss={() => setIsErrorDismissed(true)} />}
      <form className="form" onSubmit={submit} noValidate>
        {isKioskRefused && (
          <p className="form__problem" role="alert" data-testid="settings-kiosk-refused">
            {t('settings.kiosk-refused')}
          </p>
        )}
        <label className="field">
          <span className="field__label">{t('settings.kiosk-id')}</span>
          <input
            className="field__input"
            data-testid="settings-kiosk-id"
            value={kioskId}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setKioskId(event.target.value)}
          />
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
        {problem && (
          <p className="form__problem" role="alert" data-testid="settings-problem">
            {t(problemMessages[problem])}
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
          <button type="submit" className="button button--primary" data-testid="settings-save">
            {t('settings.save')}
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
