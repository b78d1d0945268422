import { useI18n } from '../../../i18n/i18n.ts';
import type { ReportState } from '../report-desk.ts';

/** Demo figures are never mistaken for the city's: a badge in words, printed too. */
export function DemoBadge({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <span className="demo-badge" data-testid={testId} title={t('reports.demo-note')}>
      {t('reports.demo-badge')}
    </span>
  );
}

/** Loading, or why nothing was asked (a period the form cannot send). */
export function ReportStatus({ reports, testIdPrefix }: { reports: ReportState; testIdPrefix: string }) {
  const { t } = useI18n();
  if (reports.problem) {
    return (
      <p className="form__problem" role="alert" data-testid={`${testIdPrefix}-problem`}>
        {t(`reports.problem.${reports.problem}`)}
      </p>
    );
  }
  if (reports.isLoading) {
    return (
      <p className="notice no-print" role="status" data-testid={`${testIdPrefix}-loading`}>
        {t('reports.loading')}
      </p>
    );
  }
  return null;
}
