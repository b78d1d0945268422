import type { BoothBoard, HandoverTask, KioskId, KioskState } from '@madoguchi/shared';
import type { ConsultationRecords } from '../store/consultation-records.ts';
import type { ConsultationService } from './consultation-service.ts';
import type { KioskStatusBoard } from './kiosk-status.ts';
import type { Participant } from './participant.ts';
import type { ParticipantRegistry } from './participant-registry.ts';

/**
 * What each booth's on-site staff see: the booth's kiosks and the tasks handed to them. Boards
 * are pushed to them whenever something changes, and tasks also reach the supervisors. The
 * recent tasks are held in memory (loaded once, then kept by `taskUpdated`), so a board is built
 * without a database round trip and pushes can never overtake one another.
 */
export class BoothBoards {
  readonly #registry: ParticipantRegistry;
  readonly #consultations: ConsultationService;
  readonly #kiosks: KioskStatusBoard;
  readonly #records: ConsultationRecords;
  readonly #kiosksOf: (boothId: string) => readonly string[];
  readonly #now: () => number;
  /** Per booth: open tasks and those resolved in the last day, by task id. */
  readonly #tasks = new Map<string, Map<string, HandoverTask>>();

  constructor(options: {
    registry: ParticipantRegistry;
    consultations: ConsultationService;
    kiosks: KioskStatusBoard;
    records: ConsultationRecords;
    /** The booth's kiosks as the catalogue in force lists them. */
    kiosksOf: (boothId: string) => readonly string[];
    now?: () => number;
  }) {
    this.#registry = options.registry;
    this.#consultations = options.consultations;
    this.#kiosks = options.kiosks;
    this.#records = options.records;
    this.#kiosksOf = options.kiosksOf;
    this.#now = options.now ?? Date.now;
    options.consultations.onChanged(() => this.pushAll());
  }

  /** Reads the booths' recent tasks from the records; call once before serving. */
  async load(boothIds: readonly string[]): Promise<void> {
    for (const boothId of boothIds) {
      const tasks = await this.#records.tasksOfBooth(boothId, this.#now());
      this.#tasks.set(boothId, new Map(tasks.map((task) => [task.taskId, task])));
    }
  }

  board(boothId: string): BoothBoard {
    const dayAgo = new Date(this.#now() - 86_400_000).toISOString();
    const tasks = [...(this.#tasks.get(boothId)?.values() ?? [])]
      .filter((task) => task.status === 'open' || (task.resolvedAt !== null && task.resolvedAt > dayAgo))
      .sort(
        (a, b) =>
          Number(b.status === 'open') - Number(a.status === 'open') || a.createdAt.localeCompare(b.createdAt),
      );
    return {
      boothId,
      kiosks: this.#kiosksOf(boothId).map((kioskId) => ({
        kioskId: kioskId as KioskId,
        state: this.#stateOf(kioskId),
      })),
      tasks,
    };
  }

  pushAll(): void {
    for (const participant of this.#registry.all()) {
      const boothId = onsiteBoothOf(participant);
      if (boothId) participant.notify('booth:updated', this.board(boothId));
    }
  }

  /** A task was created or resolved: its booth's on-site staff and the supervisors hear it. */
  taskUpdated(task: HandoverTask): void {
    const tasks = this.#tasks.get(task.boothId) ?? new Map<string, HandoverTask>();
    this.#tasks.set(task.boothId, tasks.set(task.taskId, task));
    for (const participant of this.#registry.all()) {
      if (onsiteBoothOf(participant) === task.boothId || participant.role === 'supervisor') {
        participant.notify('task:updated', { task });
      }
    }
  }

  #stateOf(kioskId: string): KioskState {
    const kiosk = this.#registry.findByIdentity({ role: 'kiosk', kioskId: kioskId as KioskId });
    if (!kiosk?.isAttached) return 'offline';
    if (!this.#kiosks.isInService(kioskId)) return 'out-of-service';
    const consultation = this.#consultations.current(kiosk);
    if (consultation?.status === 'active') return 'in-call';
    if (consultation?.isLive) return 'waiting';
    return 'idle';
  }
}

export function onsiteBoothOf(participant: Participant): string | undefined {
  const identity = participant.identity;
  return identity.role === 'onsite' && identity.boothId ? identity.boothId : undefined;
}
