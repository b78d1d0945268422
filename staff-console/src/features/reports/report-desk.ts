import {
  kpiReportSchema,
  nationalReportSchema,
  type KpiGroupBy,
  type KpiReport,
  type NationalReport,
} from '@madoguchi/shared';
import type { HttpClient } from '@madoguchi/shared/client';
import {
  isValidPeriod,
  kpiReportPath,
  nationalReportPath,
  presetPeriod,
  previousPeriod,
  type Period,
  type PeriodPreset,
} from './report-format.ts';

/** The two report views; each loads its own figures while it is open. */
export type ReportView = 'dashboard' | 'national';

export type ReportProblem = 'invalid-period' | 'invalid-baseline';

export interface ReportState {
  period: Period;
  groupBy: KpiGroupBy;
  /** Demo records instead of real ones; every view marks them as such. */
  isDemo: boolean;
  /** The national report compares the period with this one. */
  baseline: Period;
  /** False while the baseline follows the period (the same length just before it). */
  isBaselineChosen: boolean;
  /** The figures of the current query once answered; null while a changed query is on its way. */
  kpis: KpiReport | null;
  national: NationalReport | null;
  isLoading: boolean;
  /** A period the form cannot ask for; nothing is sent until it is put right. */
  problem: ReportProblem | null;
}

export interface ReportDeskOptions {
  http: Pick<HttpClient, 'get'>;
  /** This machine's clock, for the presets (read as Tokyo days). */
  now: () => number;
  onChange: (state: ReportState) => void;
  /** Failures of a request (network, session ended, forbidden). */
  onError: (error: unknown) => void;
}

/**
 * The city's figures over HTTP, for supervisors and administrators: the KPI dashboard and the
 * national KPI report. Every change of the query reloads the open view; an answer to an older
 * query than the latest is dropped, so quick changes never leave stale figures on screen.
 */
export class ReportDesk {
  readonly #options: ReportDeskOptions;
  #state: ReportState;
  #view: ReportView | null = null;
  #requestSeq = 0;
  #isClosed = false;

  constructor(options: ReportDeskOptions) {
    this.#options = options;
    const period = presetPeriod('this-month', options.now());
    this.#state = {
      period,
      groupBy: 'day',
      isDemo: false,
      baseline: previousPeriod(period),
      isBaselineChosen: false,
      kpis: null,
      national: null,
      isLoading: false,
      problem: null,
    };
  }

  get state(): ReportState {
    return this.#state;
  }

  /** The view on screen (null when neither is), loaded now and after every change. */
  open(view: ReportView | null): Promise<void> {
    this.#view = view;
    if (view === null) {
      this.#requestSeq += 1;
      if (this.#state.isLoading) this.#update({ isLoading: false });
      return Promise.resolve();
    }
    return this.load();
  }

  setPeriod(period: Period): Promise<void> {
    const isFollowing = !this.#state.isBaselineChosen && isValidPeriod(period);
    return this.#change({ period, ...(isFollowing ? { baseline: previousPeriod(period) } : {}) });
  }

  applyPreset(preset: PeriodPreset): Promise<void> {
    return this.setPeriod(presetPeriod(preset, this.#options.now()));
  }

  setGroupBy(groupBy: KpiGroupBy): Promise<void> {
    return this.#change({ groupBy });
  }

  setDemo(isDemo: boolean): Promise<void> {
    return this.#change({ isDemo });
  }

  setBaseline(baseline: Period): Promise<void> {
    return this.#change({ baseline, isBaselineChosen: true });
  }

  /** Asks again for the open view's figures with the current query. */
  async load(): Promise<void> {
    const view = this.#view;
    const problem = this.#problem();
    if (view === null || problem) {
      // An answer still on its way is to a query no longer asked.
      this.#requestSeq += 1;
      this.#update({ problem, isLoading: false });
      return;
    }
    const seq = ++this.#requestSeq;
    this.#update({ problem: null, isLoading: true });
    const { period, groupBy, isDemo, baseline } = this.#state;
    const { http } = this.#options;
    try {
      if (view === 'dashboard') {
        const kpis = await http.get(kpiReportPath(period, groupBy, isDemo), kpiReportSchema);
        if (seq === this.#requestSeq) this.#update({ kpis, isLoading: false });
      } else {
        const path = nationalReportPath(period, baseline, isDemo);
        const national = await http.get(path, nationalReportSchema);
        if (seq === this.#requestSeq) this.#update({ national, isLoading: false });
      }
    } catch (error) {
      if (seq !== this.#requestSeq) return;
      this.#update({ isLoading: false });
      if (!this.#isClosed) this.#options.onError(error);
    }
  }

  /** Stops reporting: late answers after a logout change nothing. */
  close(): void {
    this.#isClosed = true;
    this.#requestSeq += 1;
  }

  #problem(): ReportProblem | null {
    if (!isValidPeriod(this.#state.period)) return 'invalid-period';
    if (this.#view === 'national' && !isValidPeriod(this.#state.baseline)) return 'invalid-baseline';
    return null;
  }

  #change(patch: Partial<ReportState>): Promise<void> {
    // Figures of the old query under the new query's controls would be read as the new ones.
    this.#update({ ...patch, kpis: null, national: null });
    return this.load();
  }

  #update(patch: Partial<ReportState>): void {
    if (this.#isClosed) return;
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
