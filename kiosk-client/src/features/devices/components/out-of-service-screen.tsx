import type { KioskDevices } from '@madoguchi/shared';
import { useI18n } from '../../../i18n/i18n.ts';
import { Icon } from '../../shell/components/icon.tsx';

interface OutOfServiceScreenProps {
  devices: KioskDevices | null;
  onRecheck: () => void;
  onOpenSettings: () => void;
}

const deviceNames = ['camera', 'documentCamera', 'microphone', 'speaker'] as const;

/** A device is missing or broken: no calls from here. Says which, in words and with a mark. */
export function OutOfServiceScreen({ devices, onRecheck, onOpenSettings }: OutOfServiceScreenProps) {
  const { t } = useI18n();
  return (
    <section className="screen out-of-service-screen" data-testid="out-of-service-screen">
      <h1 className="title">
        <Icon name="warning" className="title__icon" />
        {t('oos.title')}
      </h1>
      <p className="lead">{t('oos.lead')}</p>
      {devices && (
        <section className="device-status" aria-labelledby="device-status-title">
          <h2 id="device-status-title" className="subtitle">
            {t('oos.devices')}
          </h2>
          <dl className="device-status__list">
            {deviceNames.map((name) => (
              <div
                key={name}
                className="device-status__row"
                data-testid={`device-${name}`}
                data-state={devices[name]}
              >
                <dt>{t(`device.${name}`)}</dt>
                <dd className={`device-status__state device-status__state--${devices[name]}`}>
                  <Icon name={devices[name] === 'ok' ? 'check' : 'warning'} />
                  <span>{t(`device-state.${devices[name]}`)}</span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="device-recheck"
          onClick={onRecheck}
        >
          {t('oos.recheck')}
        </button>
        <button
          type="button"
          className="button button--icon"
          data-testid="settings-button"
          aria-label={t('settings.open')}
          title={t('settings.open')}
          onClick={onOpenSettings}
        >
          ⚙
        </button>
      </div>
    </section>
  );
}
