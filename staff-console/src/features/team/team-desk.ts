import type {
  CommandRequest,
  CommandResponse,
  ConsultationView,
  FactPayload,
  ProcedureId,
  StaffId,
} from '@madoguchi/shared';
import { SignallingError } from '@madoguchi/shared/client';

export type Colleague = CommandResponse<'staff:colleagues'>['colleagues'][number];

/** An invitation this clerk sent: on its way, waiting for the colleague, declined, or taken up. */
export interface SentInvitation {
  staffId: StaffId;
  displayName: string;
  status: 'sending' | 'pending' | 'declined' | 'joined';
}

export interface TeamState {
  /** Signed-in colleagues, as last asked; null before the first answer. */
  colleagues: readonly Colleague[] | null;
  isLoadingColleagues: boolean;
  invitation: SentInvitation | null;
  /** True while a transfer is on its way (the pending transfer itself is the consultation's). */
  isTransferring: boolean;
  isLeaving: boolean;
  /** The server would not let this clerk leave: no one else is in the call (hang up instead). */
  isLastClerk: boolean;
}

export const emptyTeamState: TeamState = {
  colleagues: null,
  isLoadingColleagues: false,
  invitation: null,
  isTransferring: false,
  isLeaving: false,
  isLastClerk: false,
};

type DeskCommand =
  'staff:colleagues' | 'consultation:invite' | 'consultation:transfer' | 'consultation:leave';

export interface TeamDeskOptions {
  consultationId: ConsultationView['consultationId'];
  /** Sends a command on the socket. */
  request: <N extends DeskCommand>(name: N, payload: CommandRequest<N>) => Promise<CommandResponse<N>>;
  /** The consultation as the transfer's answer has it (the transfer now pending). */
  onConsultation: (consultation: ConsultationView) => void;
  /** This clerk left the call; the others go on with the resident. */
  onLeft: () => void;
  onChange: (state: TeamState) => void;
  /** A command the server refused, to show like any other failure. */
  onError: (error: unknown) => void;
}

/**
 * 回らない窓口, the clerk's side during one call: colleagues to invite, the invitation sent, and the
 * transfer to another procedure's queue. Lives as long as the call; answers after `close` are dropped.
 */
export class TeamDesk {
  readonly consultationId: ConsultationView['consultationId'];
  readonly #options: TeamDeskOptions;
  #state: TeamState = emptyTeamState;
  #isClosed = false;

  constructor(options: TeamDeskOptions) {
    this.consultationId = options.consultationId;
    this.#options = options;
  }

  get state(): TeamState {
    return this.#state;
  }

  /** Asks who is signed in now (statuses change by the second, so every opening of the list asks). */
  async loadColleagues(): Promise<void> {
    if (this.#isClosed || this.#state.isLoadingColleagues) return;
    this.#set({ isLoadingColleagues: true });
    try {
      const { colleagues } = await this.#options.request('staff:colleagues', {});
      this.#set({ colleagues, isLoadingColleagues: false });
    } catch (error) {
      this.#set({ isLoadingColleagues: false });
      if (!this.#isClosed) this.#options.onError(error);
    }
  }

  /** Only an available colleague can be invited; one invitation at a time. */
  async invite(staffId: StaffId, note: string): Promise<void> {
    const colleague = this.#state.colleagues?.find((candidate) => candidate.staffId === staffId);
    const sent = this.#state.invitation;
    if (this.#isClosed || colleague?.status !== 'available') return;
    if (sent?.status === 'sending' || sent?.status === 'pending') return;
    const { displayName } = colleague;
    this.#set({ invitation: { staffId, displayName, status: 'sending' } });
    try {
      await this.#options.request('consultation:invite', {
        consultationId: this.consultationId,
        staffId,
        note: note.trim(),
      });
      // A decline (or the join) can overtake the answer; keep what it said.
      if (this.#state.invitation?.staffId === staffId && this.#state.invitation.status === 'sending') {
        this.#set({ invitation: { staffId, displayName, status: 'pending' } });
      }
    } catch (error) {
      if (this.#state.invitation?.staffId === staffId) this.#set({ invitation: null });
      if (!this.#isClosed) this.#options.onError(error);
      // Most refusals mean the colleague is no longer available: show the list as it is now.
      void this.loadColleagues();
    }
  }

  onInviteDeclined(fact: FactPayload<'call:invite-declined'>): void {
    const sent = this.#state.invitation;
    if (fact.consultationId !== this.consultationId || sent?.staffId !== fact.staffId) return;
    if (sent.status === 'joined') return;
    this.#set({ invitation: { ...sent, status: 'declined' } });
  }

  /** The call as the server says now: an invited colleague who is in it has joined. */
  onConsultation(consultation: ConsultationView): void {
    if (consultation.consultationId !== this.consultationId) return;
    if (this.#state.isLastClerk && consultation.staff.length > 1) this.#set({ isLastClerk: false });
    const sent = this.#state.invitation;
    if (!sent || sent.status === 'joined') return;
    if (consultation.staff.some((member) => member.staffId === sent.staffId)) {
      this.#set({ invitation: { ...sent, status: 'joined' } });
    }
  }

  /** Hands the resident to another procedure's queue; this clerk stays on the line until it is answered. */
  async transfer(procedureId: ProcedureId, note: string): Promise<void> {
    if (this.#isClosed || this.#state.isTransferring) return;
    this.#set({ isTransferring: true });
    try {
      const { consultation } = await this.#options.request('consultation:transfer', {
        consultationId: this.consultationId,
        procedureId,
        note: note.trim(),
      });
      this.#set({ isTransferring: false });
      if (!this.#isClosed) this.#options.onConsultation(consultation);
    } catch (error) {
      this.#set({ isTransferring: false });
      if (!this.#isClosed) this.#options.onError(error);
    }
  }

  /** Hands the resident over to the clerks who stay, and leaves the call. */
  async leave(): Promise<void> {
    if (this.#isClosed || this.#state.isLeaving) return;
    this.#set({ isLeaving: true, isLastClerk: false });
    try {
      await this.#options.request('consultation:leave', { consultationId: this.consultationId });
      this.#set({ isLeaving: false });
      if (!this.#isClosed) this.#options.onLeft();
    } catch (error) {
      const isLastClerk = error instanceof SignallingError && error.code === 'INVALID_STATE';
      this.#set({ isLeaving: false, isLastClerk });
      if (!isLastClerk && !this.#isClosed) this.#options.onError(error);
    }
  }

  close(): void {
    this.#isClosed = true;
  }

  #set(patch: Partial<TeamState>): void {
    if (this.#isClosed) return;
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
