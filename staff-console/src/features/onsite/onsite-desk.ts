import type {
  BoothBoard,
  CommandRequest,
  CommandResponse,
  FactPayload,
  HandoverTask,
  KioskId,
  TaskId,
} from '@madoguchi/shared';

export type HelpRequest = FactPayload<'help:requested'>;

export interface OnsiteState {
  /** Null until the first board arrives. */
  board: BoothBoard | null;
  /** Kiosks asking for someone, newest first; one entry per kiosk, until dismissed here. */
  helpRequests: readonly HelpRequest[];
  /** Tasks whose resolution is on its way, so a second press sends nothing. */
  resolvingTaskIds: readonly TaskId[];
}

export const emptyOnsiteState: OnsiteState = { board: null, helpRequests: [], resolvingTaskIds: [] };

const isResolved = (task: HandoverTask) => task.status !== 'open';

/**
 * One task from two sources (a fact, an answer, a board), whichever order they arrive in: a task
 * only ever goes from open to resolved, so a resolved version is never replaced by an open one.
 */
function newerTask(current: HandoverTask | undefined, incoming: HandoverTask): HandoverTask {
  if (!current) return incoming;
  return isResolved(current) && !isResolved(incoming) ? current : incoming;
}

/** Inserts a task, or replaces the one with its id. */
export function mergeTask(tasks: readonly HandoverTask[], task: HandoverTask): HandoverTask[] {
  const index = tasks.findIndex((candidate) => candidate.taskId === task.taskId);
  if (index === -1) return [...tasks, task];
  return tasks.map((candidate, i) => (i === index ? newerTask(candidate, task) : candidate));
}

/**
 * A pushed board replaces the current one (the server decides which kiosks and tasks it holds),
 * except that a task this screen already knows as resolved stays resolved.
 */
export function mergeBoard(current: BoothBoard | null, incoming: BoothBoard): BoothBoard {
  if (!current) return incoming;
  const known = new Map(current.tasks.map((task) => [task.taskId, task]));
  return { ...incoming, tasks: incoming.tasks.map((task) => newerTask(known.get(task.taskId), task)) };
}

/** Open tasks first, oldest first (they have waited longest); then resolved ones, latest first. */
export function orderedTasks(tasks: readonly HandoverTask[]): HandoverTask[] {
  const time = (iso: string | null) => (iso === null ? 0 : Date.parse(iso));
  const open = tasks.filter((task) => !isResolved(task));
  const resolved = tasks.filter(isResolved);
  open.sort((a, b) => time(a.createdAt) - time(b.createdAt) || a.taskId.localeCompare(b.taskId));
  resolved.sort((a, b) => time(b.resolvedAt) - time(a.resolvedAt) || a.taskId.localeCompare(b.taskId));
  return [...open, ...resolved];
}

/** Newest first, one per kiosk: a second call from the same kiosk moves it to the top. */
export function addHelpRequest(requests: readonly HelpRequest[], request: HelpRequest): HelpRequest[] {
  return [request, ...requests.filter((existing) => existing.kioskId !== request.kioskId)];
}

export interface OnsiteDeskOptions {
  getBoard: () => Promise<CommandResponse<'onsite:get-board'>>;
  resolve: (payload: CommandRequest<'task:resolve'>) => Promise<CommandResponse<'task:resolve'>>;
  /** A short sound, so someone away from the screen hears that a kiosk needs them. */
  chime: () => void;
  onChange: (state: OnsiteState) => void;
  onError: (error: unknown) => void;
}

/**
 * What on-site staff look after: their booth's kiosks, the residents asking for help, the tasks
 * clerks hand over. The board is asked for at each socket session and then followed by facts.
 */
export class OnsiteDesk {
  readonly #options: OnsiteDeskOptions;
  #state: OnsiteState = emptyOnsiteState;
  /** Tasks heard while a board request is on its way, applied on top of its (possibly older) answer. */
  #heardWhileLoading: HandoverTask[] | null = null;
  #isClosed = false;

  constructor(options: OnsiteDeskOptions) {
    this.#options = options;
  }

  get state(): OnsiteState {
    return this.#state;
  }

  async load(): Promise<void> {
    if (this.#isClosed) return;
    const heard: HandoverTask[] = [];
    this.#heardWhileLoading = heard;
    try {
      const board = await this.#options.getBoard();
      if (this.#isClosed || this.#heardWhileLoading !== heard) return;
      this.#heardWhileLoading = null;
      const merged = mergeBoard(this.#state.board, board);
      this.#update({
        board: heard.reduce((next, task) => ({ ...next, tasks: mergeTask(next.tasks, task) }), merged),
      });
    } catch (error) {
      if (this.#isClosed || this.#heardWhileLoading !== heard) return;
      this.#heardWhileLoading = null;
      this.#options.onError(error);
    }
  }

  onBoard(board: BoothBoard): void {
    if (this.#isClosed) return;
    this.#update({ board: mergeBoard(this.#state.board, board) });
  }

  onTask(task: HandoverTask): void {
    if (this.#isClosed) return;
    this.#heardWhileLoading?.push(task);
    const board = this.#state.board;
    if (board) this.#update({ board: { ...board, tasks: mergeTask(board.tasks, task) } });
  }

  onHelp(request: HelpRequest): void {
    if (this.#isClosed) return;
    this.#update({ helpRequests: addHelpRequest(this.#state.helpRequests, request) });
    this.#options.chime();
  }

  dismissHelp(kioskId: KioskId): void {
    this.#update({
      helpRequests: this.#state.helpRequests.filter((request) => request.kioskId !== kioskId),
    });
  }

  /** Marks a task done, or says there is a problem with it (with a short note, if given). */
  async resolve(taskId: TaskId, status: 'done' | 'problem', problemNote = ''): Promise<void> {
    if (this.#isClosed || this.#state.resolvingTaskIds.includes(taskId)) return;
    const note = problemNote.trim();
    this.#update({ resolvingTaskIds: [...this.#state.resolvingTaskIds, taskId] });
    try {
      const { task } = await this.#options.resolve({
        taskId,
        status,
        ...(status === 'problem' && note !== '' ? { problemNote: note } : {}),
      });
      if (this.#isClosed) return;
      this.#doneResolving(taskId);
      this.onTask(task);
    } catch (error) {
      if (this.#isClosed) return;
      this.#doneResolving(taskId);
      this.#options.onError(error);
    }
  }

  close(): void {
    this.#isClosed = true;
  }

  #doneResolving(taskId: TaskId): void {
    this.#update({ resolvingTaskIds: this.#state.resolvingTaskIds.filter((id) => id !== taskId) });
  }

  #update(patch: Partial<OnsiteState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
