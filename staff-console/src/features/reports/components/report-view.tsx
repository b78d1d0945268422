import type { Procedure } from '@madoguchi/shared';
import type { ReportState } from '../report-desk.ts';
import type { GroupNames } from '../report-format.ts';
import { DashboardScreen, type ReportActions } from './dashboard-screen.tsx';
import { NationalReport } from './national-report.tsx';

export interface ReportViewProps {
  view: 'dashboard' | 'national';
  reports: ReportState;
  procedures: readonly Procedure[] | null;
  boothNames?: GroupNames['boothNames'];
  actions: ReportActions;
}

/**
 * Either report view. The app loads this module (and Chart.js with it) only when someone opens a
 * report, so clerks' and kiosks' desks do not carry the charts.
 */
export default function ReportView({ view, ...props }: ReportViewProps) {
  return view === 'dashboard' ? <DashboardScreen {...props} /> : <NationalReport {...props} />;
}
