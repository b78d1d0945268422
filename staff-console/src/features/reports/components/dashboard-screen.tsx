import { kpiGroupBySchema, type KpiGroupBy, type Procedure, type StaffLanguage } from '@madoguchi/shared';
import { useMemo } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import type { ReportState } from '../report-desk.ts';
import {
  chartSeries,
  formatFigure,
  formatRate,
  groupLabel,
  isValidPeriod,
  kpiColumnNames,
  kpiCsvPath,
  kpiTileNames,
  lastDayOf,
  targetVerdict,
  type GroupNames,
  type Period,
  type PeriodPreset,
} from '../report-format.ts';
import { satisfactionChart, volumeChart, waitChart } from './chart-configs.ts';
import { KpiChart } from './kpi-chart.tsx';
import { PeriodFields } from './period-fields.tsx';
import { DemoBadge, ReportStatus } from './report-parts.tsx';

export interface ReportActions {
  setPeriod: (period: Period) => void;
  applyPreset: (preset: PeriodPreset) => void;
  setGroupBy: (groupBy: KpiGroupBy) => void;
  setDemo: (isDemo: boolean) => void;
  setBaseline: (baseline: Period) => void;
}

interface DashboardScreenProps {
  reports: ReportState;
  procedures: readonly Procedure[] | null;
  boothNames?: GroupNames['boothNames'];
  actions: ReportActions;
}

/** The city's figures for a period: headline tiles, charts per group, the table, and its CSV. */
export function DashboardScreen({ reports, procedures, boothNames, actions }: DashboardScreenProps) {
  const { t, language } = useI18n();
  const { kpis } = reports;
  const isDemo = reports.isDemo || kpis?.isDemo === true;
  const names: GroupNames = useMemo(
    () => ({ t, language, procedures, ...(boothNames ? { boothNames } : {}) }),
    [t, language, procedures, boothNames],
  );
  const charts = useMemo(() => {
    if (!kpis || kpis.groups.length === 0) return null;
    const series = chartSeries(kpis, names);
    return {
      volume: volumeChart(series, t),
      wait: waitChart(series, t),
      satisfaction: satisfactionChart(series, t),
    };
  }, [kpis, names, t]);
  return (
    <main
      className="screen report-screen"
      data-testid="dashboard-screen"
      data-demo={isDemo}
      aria-busy={reports.isLoading}
    >
      <header className="report-screen__header">
        <h2 className="report-screen__title">{t('dashboard.title')}</h2>
        {isDemo && <DemoBadge testId="dashboard-demo-badge" />}
      </header>
      <section className="card report-controls no-print">
        <PeriodFields
          prefix="dashboard"
          period={reports.period}
          onChange={actions.setPeriod}
          onPreset={actions.applyPreset}
        />
        <label className="report-controls__field" htmlFor="dashboard-group-by">
          {t('dashboard.group-by')}
          <select
            id="dashboard-group-by"
            data-testid="dashboard-group-by"
            value={reports.groupBy}
            onChange={(event) => actions.setGroupBy(kpiGroupBySchema.parse(event.target.value))}
          >
            {kpiGroupBySchema.options.map((groupBy) => (
              <option key={groupBy} value={groupBy}>
                {t(`dashboard.group-by.${groupBy}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="report-controls__check" htmlFor="dashboard-demo">
          <input
            id="dashboard-demo"
            type="checkbox"
            data-testid="dashboard-demo"
            checked={reports.isDemo}
            onChange={(event) => actions.setDemo(event.target.checked)}
          />
          {t('reports.demo')}
        </label>
        {isValidPeriod(reports.period) && (
          <a
            className="button button--secondary"
            data-testid="dashboard-csv"
            href={kpiCsvPath(reports.period, reports.groupBy, reports.isDemo)}
            download
          >
            {t('dashboard.csv')}
          </a>
        )}
      </section>
      <ReportStatus reports={reports} testIdPrefix="dashboard" />
      {kpis && (
        <>
          <p className="notice" data-testid="dashboard-period">
            {t('reports.period', { from: kpis.from, to: lastDayOf(kpis) })}
          </p>
          <section className="kpi-tiles" aria-label={t('dashboard.title')}>
            {kpiTileNames.map((name) => (
              <div key={name} className="card kpi-tile" data-testid={`dashboard-tile-${name}`}>
                <span className="kpi-tile__label">{t(`kpi.${name}`)}</span>
                <strong className="kpi-tile__value">{formatFigure(name, kpis.total, t, language)}</strong>
                {name === 'satisfiedShare' && (
                  <SatisfactionVerdict
                    share={kpis.total.satisfiedShare}
                    target={kpis.satisfactionTarget}
                    surveys={kpis.total.surveys}
                    language={language}
                  />
                )}
              </div>
            ))}
          </section>
          {charts && (
            <section className="kpi-charts">
              {(['volume', 'wait', 'satisfaction'] as const).map((name) => {
                const title = t(`dashboard.chart-${name}`);
                return (
                  <KpiChart
                    key={name}
                    testId={`dashboard-chart-${name}`}
                    title={title}
                    description={t('dashboard.chart-note', { title })}
                    config={charts[name]}
                  />
                );
              })}
            </section>
          )}
          <section className="card">
            <h3 className="card__title">{t('dashboard.table-title')}</h3>
            <div className="table-scroll">
              <table className="table" data-testid="dashboard-table">
                <thead>
                  <tr>
                    <th scope="col">{t(`dashboard.group-by.${kpis.groupBy}`)}</th>
                    {kpiColumnNames.map((name) => (
                      <th key={name} scope="col" className="table__number">
                        {t(`kpi.${name}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {kpis.groups.length === 0 && (
                    <tr>
                      <td
                        colSpan={kpiColumnNames.length + 1}
                        className="notice"
                        data-testid="dashboard-empty"
                      >
                        {t('dashboard.empty')}
                      </td>
                    </tr>
                  )}
                  {kpis.groups.map((group) => (
                    <tr key={group.key} data-testid={`dashboard-row-${group.key}`}>
                      <th scope="row">{groupLabel(kpis.groupBy, group.key, names)}</th>
                      {kpiColumnNames.map((name) => (
                        <td key={name} className="table__number">
                          {formatFigure(name, group.figures, t, language)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr data-testid="dashboard-total">
                    <th scope="row">{t('dashboard.total')}</th>
                    {kpiColumnNames.map((name) => (
                      <td key={name} className="table__number">
                        {formatFigure(name, kpis.total, t, language)}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
        </>
      )}
    </main>
  );
}

/** The KGI against its target, in words: colour only repeats what the text says. */
export function SatisfactionVerdict({
  share,
  target,
  surveys,
  language,
}: {
  share: number | null;
  target: number;
  surveys: number;
  language: StaffLanguage;
}) {
  const { t } = useI18n();
  const verdict = targetVerdict(share, target);
  return (
    <span className={`kpi-verdict kpi-verdict--${verdict}`} data-verdict={verdict}>
      {t('reports.target', { target: formatRate(target, language) })}
      {' · '}
      <strong>{t(`reports.verdict.${verdict}`)}</strong>
      {' · '}
      {t('reports.surveys', { count: surveys })}
    </span>
  );
}
