import type {
  CommandRequest,
  CommandResponse,
  ConsultationOutcome,
  ConsultationView,
  HandoverKind,
  HandoverTask,
} from '@madoguchi/shared';

/** The contract's limits, checked here so the clerk hears about them before anything travels. */
export const wrapUpLimits = { maxNotes: 2000, maxTaskNote: 300, maxTasks: 5 } as const;

/** A task for the booth's on-site staff, as the clerk is writing it. */
export interface WrapUpTaskDraft {
  kind: HandoverKind;
  note: string;
}

export type WrapUpProblem = 'missing-outcome' | 'notes-too-long' | 'task-note-too-long' | 'too-many-tasks';

export interface WrapUpState {
  consultation: Pick<ConsultationView, 'consultationId' | 'procedureId' | 'kioskId'>;
  outcome: ConsultationOutcome | null;
  notes: string;
  tasks: readonly WrapUpTaskDraft[];
  isSubmitting: boolean;
  /** Why the last submit was held back; cleared by the next edit. */
  problem: WrapUpProblem | null;
}

type Draft = Pick<WrapUpState, 'outcome' | 'notes' | 'tasks'>;

/** What is wrong with a draft, or null; lengths count as the server counts them (after trimming). */
export function wrapUpProblem(draft: Draft): WrapUpProblem | null {
  if (draft.outcome === null) return 'missing-outcome';
  if (draft.notes.trim().length > wrapUpLimits.maxNotes) return 'notes-too-long';
  if (draft.tasks.length > wrapUpLimits.maxTasks) return 'too-many-tasks';
  if (draft.tasks.some((task) => task.note.trim().length > wrapUpLimits.maxTaskNote))
    return 'task-note-too-long';
  return null;
}

export interface WrapUpDeskOptions {
  consultation: WrapUpState['consultation'];
  /** Notes the clerk took during the call, to start the draft with; empty when left out. */
  notes?: string;
  /** Sends `consultation:wrap-up`. */
  submit: (
    payload: CommandRequest<'consultation:wrap-up'>,
  ) => Promise<CommandResponse<'consultation:wrap-up'>>;
  onChange: (state: WrapUpState) => void;
  /** The wrap-up was stored (with the tasks the server created) or skipped; the desk is closed. */
  onFinish: (tasks: readonly HandoverTask[]) => void;
  /** A refusal to show; the draft stays, so the clerk can try again or skip. */
  onError: (error: unknown) => void;
}

/**
 * The clerk's notes on one call that just ended: its outcome, free notes and up to five tasks for
 * the booth's on-site staff. It outlives the server's timed wrap-up status: the draft stays until
 * the clerk submits or skips it.
 */
export class WrapUpDesk {
  readonly #options: WrapUpDeskOptions;
  #state: WrapUpState;
  #isClosed = false;

  constructor(options: WrapUpDeskOptions) {
    this.#options = options;
    this.#state = {
      consultation: options.consultation,
      outcome: null,
      notes: options.notes ?? '',
      tasks: [],
      isSubmitting: false,
      problem: null,
    };
  }

  get state(): WrapUpState {
    return this.#state;
  }

  get consultationId(): ConsultationView['consultationId'] {
    return this.#state.consultation.consultationId;
  }

  setOutcome(outcome: ConsultationOutcome): void {
    this.#edit({ outcome });
  }

  setNotes(notes: string): void {
    this.#edit({ notes });
  }

  addTask(): void {
    if (this.#state.tasks.length >= wrapUpLimits.maxTasks) return;
    this.#edit({ tasks: [...this.#state.tasks, { kind: 'hand-over-certificate', note: '' }] });
  }

  updateTask(index: number, patch: Partial<WrapUpTaskDraft>): void {
    if (index < 0 || index >= this.#state.tasks.length) return;
    this.#edit({ tasks: this.#state.tasks.map((task, i) => (i === index ? { ...task, ...patch } : task)) });
  }

  removeTask(index: number): void {
    this.#edit({ tasks: this.#state.tasks.filter((_, i) => i !== index) });
  }

  async submit(): Promise<void> {
    if (this.#isClosed || this.#state.isSubmitting) return;
    const { outcome, notes, tasks } = this.#state;
    const problem = wrapUpProblem(this.#state);
    if (problem !== null || outcome === null) {
      this.#update({ problem: problem ?? 'missing-outcome' });
      return;
    }
    this.#update({ isSubmitting: true, problem: null });
    try {
      const answer = await this.#options.submit({
        consultationId: this.consultationId,
        outcome,
        notes: notes.trim(),
        tasks: tasks.map((task) => ({ kind: task.kind, note: task.note.trim() })),
      });
      if (this.#isClosed) return;
      this.#finish(answer.tasks);
    } catch (error) {
      if (this.#isClosed) return;
      this.#update({ isSubmitting: false });
      this.#options.onError(error);
    }
  }

  /** Nothing worth recording: the panel goes without telling the server. */
  skip(): void {
    if (this.#isClosed || this.#state.isSubmitting) return;
    this.#finish([]);
  }

  close(): void {
    this.#isClosed = true;
  }

  #finish(tasks: readonly HandoverTask[]): void {
    this.#isClosed = true;
    this.#options.onFinish(tasks);
  }

  #edit(patch: Partial<Draft>): void {
    if (this.#isClosed || this.#state.isSubmitting) return;
    this.#update({ ...patch, problem: null });
  }

  #update(patch: Partial<WrapUpState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
