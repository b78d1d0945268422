import type { Procedure } from '@madoguchi/shared';
import { useI18n } from '../../../i18n/i18n.ts';
import type { ReportState } from '../report-desk.ts';
import {
  changeAgainst,
  formatChange,
  formatCount,
  formatDecimal,
  formatRate,
  formatSeconds,
  groupLabel,
  lastDayOf,
  targetVerdict,
  type GroupNames,
} from '../report-format.ts';
import type { ReportActions } from './dashboard-screen.tsx';
import { PeriodFields } from './period-fields.tsx';
import { DemoBadge, ReportStatus } from './report-parts.tsx';

interface NationalReportProps {
  reports: ReportState;
  procedures: readonly Procedure[] | null;
  boothNames?: GroupNames['boothNames'];
  actions: ReportActions;
}

/**
 * The national procedure book's KPIs for a period against a baseline, laid out as one A4 page:
 * the controls above it are not printed (see the print sheet), the page itself is black on white.
 */
export function NationalReport({ reports, procedures, boothNames, actions }: NationalReportProps) {
  const { t, language } = useI18n();
  const report = reports.national;
  const names: GroupNames = { t, language, procedures, ...(boothNames ? { boothNames } : {}) };
  const isDemo = reports.isDemo || report?.isDemo === true;
  return (
    <main className="screen report-screen" data-testid="national-report" aria-busy={reports.isLoading}>
      <section className="card report-controls no-print">
        <PeriodFields
          prefix="national"
          period={reports.period}
          onChange={actions.setPeriod}
          onPreset={actions.applyPreset}
        />
        <PeriodFields
          prefix="national-baseline"
          period={reports.baseline}
          onChange={actions.setBaseline}
          fromLabel={t('national.baseline-from')}
          toLabel={t('national.baseline-to')}
        />
        <label className="report-controls__check" htmlFor="national-demo">
          <input
            id="national-demo"
            type="checkbox"
            data-testid="national-demo"
            checked={reports.isDemo}
            onChange={(event) => actions.setDemo(event.target.checked)}
          />
          {t('reports.demo')}
        </label>
        <button
          type="button"
          className="button"
          data-testid="national-report-print"
          disabled={!report}
          onClick={() => window.print()}
        >
          {t('national.print')}
        </button>
      </section>
      <ReportStatus reports={reports} testIdPrefix="national" />
      {report && (
        <article className="report-page" data-testid="national-report-page" data-demo={isDemo}>
          <header className="report-page__header">
            <p className="report-page__issuer">{t('national.issuer')}</p>
            <h2 className="report-page__title">
              {t('national.title')}
              {isDemo && <DemoBadge testId="national-demo-badge" />}
            </h2>
            <dl className="report-page__periods">
              <dt>{t('national.period')}</dt>
              <dd data-testid="national-period">
                {t('reports.period', { from: report.from, to: lastDayOf(report) })}
              </dd>
              <dt>{t('national.baseline')}</dt>
              <dd data-testid="national-baseline">
                {t('reports.period', { from: reports.baseline.from, to: lastDayOf(reports.baseline) })}
              </dd>
            </dl>
          </header>

          <section className="report-page__section">
            <h3>{t('national.windows')}</h3>
            <p data-testid="national-windows">
              {t('national.windows-line', {
                booths: formatCount(report.windows.booths, language),
                kiosks: formatCount(report.windows.kiosks, language),
              })}
            </p>
          </section>

          <section className="report-page__section">
            <h3>{t('national.usage')}</h3>
            <table className="table" data-testid="national-usage">
              <thead>
                <tr>
                  <th scope="col">{t('national.booth')}</th>
                  <th scope="col" className="table__number">
                    {t('national.consultations')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('national.opening-days')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('national.per-day')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.usage.length === 0 && (
                  <tr>
                    <td colSpan={4}>{t('national.no-usage')}</td>
                  </tr>
                )}
                {report.usage.map((row) => (
                  <tr key={row.boothId} data-testid={`national-usage-${row.boothId}`}>
                    <th scope="row">{groupLabel('booth', row.boothId, names)}</th>
                    <td className="table__number">{formatCount(row.consultations, language)}</td>
                    <td className="table__number">{formatCount(row.openingDays, language)}</td>
                    <td className="table__number">{formatDecimal(row.perOpeningDay, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="report-page__section">
            <h3>
              {t('national.procedures')}{' '}
              <span data-testid="national-procedures-count">
                {t('national.procedures-count', {
                  count: formatCount(report.proceduresHandled.length, language),
                })}
              </span>
            </h3>
            <table className="table" data-testid="national-procedures">
              <thead>
                <tr>
                  <th scope="col">{t('national.procedure')}</th>
                  <th scope="col" className="table__number">
                    {t('national.answered')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.proceduresHandled.length === 0 && (
                  <tr>
                    <td colSpan={2}>{t('national.no-procedures')}</td>
                  </tr>
                )}
                {report.proceduresHandled.map((row) => (
                  <tr key={row.procedureId} data-testid={`national-procedure-${row.procedureId}`}>
                    <th scope="row">{groupLabel('procedure', row.procedureId, names)}</th>
                    <td className="table__number">{formatCount(row.answered, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="report-page__section">
            <h3>{t('national.waiting')}</h3>
            <table className="table" data-testid="national-waiting">
              <thead>
                <tr>
                  <th scope="col">{t('national.measure')}</th>
                  <th scope="col" className="table__number">
                    {t('national.current')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('national.baseline-value')}
                  </th>
                  <th scope="col" className="table__number">
                    {t('national.change')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    ['mean', report.waiting.meanSec, report.waiting.baselineMeanSec],
                    ['p90', report.waiting.p90Sec, report.waiting.baselineP90Sec],
                  ] as const
                ).map(([measure, current, baseline]) => {
                  const change = changeAgainst(current, baseline);
                  return (
                    <tr
                      key={measure}
                      data-testid={`national-wait-${measure}`}
                      data-change={change?.direction ?? 'none'}
                    >
                      <th scope="row">{t(`national.wait-${measure}`)}</th>
                      <td className="table__number">{formatSeconds(current, t)}</td>
                      <td className="table__number">{formatSeconds(baseline, t)}</td>
                      <td className="table__number">{formatChange(change, t, language)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>

          <section className="report-page__section">
            <h3>{t('national.satisfaction')}</h3>
            <p
              data-testid="national-satisfaction"
              data-verdict={targetVerdict(report.satisfaction.share, report.satisfaction.target)}
            >
              {t('national.satisfaction-line', {
                share: formatRate(report.satisfaction.share, language),
                target: formatRate(report.satisfaction.target, language),
                answers: formatCount(report.satisfaction.answers, language),
              })}{' '}
              <strong>
                {t(`reports.verdict.${targetVerdict(report.satisfaction.share, report.satisfaction.target)}`)}
              </strong>
            </p>
          </section>
        </article>
      )}
    </main>
  );
}
