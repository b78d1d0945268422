import { useI18n } from '../../../i18n/i18n.ts';
import { endAfter, lastDayOf, periodPresets, type Period, type PeriodPreset } from '../report-format.ts';

interface PeriodFieldsProps {
  /** Test ids and input ids start with it: `<prefix>-from`, `<prefix>-to`, `<prefix>-preset-<name>`. */
  prefix: string;
  period: Period;
  onChange: (period: Period) => void;
  /** The presets (今月・先月・直近7日); absent for a baseline, which has none. */
  onPreset?: (preset: PeriodPreset) => void;
  fromLabel?: string;
  toLabel?: string;
}

/**
 * Two date inputs and the presets. People write the last day they mean ("to 31 May"); the
 * period keeps the API's exclusive end, so the end input shows the day before it.
 */
export function PeriodFields({ prefix, period, onChange, onPreset, fromLabel, toLabel }: PeriodFieldsProps) {
  const { t } = useI18n();
  return (
    <div className="report-controls__period">
      <label className="report-controls__field" htmlFor={`${prefix}-from`}>
        {fromLabel ?? t('reports.from')}
        <input
          id={`${prefix}-from`}
          type="date"
          data-testid={`${prefix}-from`}
          value={period.from}
          onChange={(event) => onChange({ from: event.target.value, to: period.to })}
        />
      </label>
      <label className="report-controls__field" htmlFor={`${prefix}-to`}>
        {toLabel ?? t('reports.to')}
        <input
          id={`${prefix}-to`}
          type="date"
          data-testid={`${prefix}-to`}
          value={lastDayOf(period)}
          onChange={(event) => onChange({ from: period.from, to: endAfter(event.target.value) })}
        />
      </label>
      {onPreset && (
        <div className="report-controls__presets" role="group" aria-label={t('reports.presets')}>
          {periodPresets.map((preset) => (
            <button
              key={preset}
              type="button"
              className="button button--secondary button--small"
              data-testid={`${prefix}-preset-${preset}`}
              onClick={() => onPreset(preset)}
            >
              {t(`reports.preset-${preset}`)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
