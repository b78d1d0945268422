import type { CommandRequest } from '@madoguchi/shared';

/** The call-staff button's state: on its way, confirmed ("係員が参ります"), or not delivered. */
export type HelpState = 'sending' | 'requested' | 'failed';

/** Why staff are called: the resident pressed the button, or the out-of-service screen did. */
export type HelpReason = CommandRequest<'kiosk:request-help'>['reason'];

/** How long "staff are coming" stays up after the call-staff button. */
export const HELP_NOTICE_MS = 60_000;
/** How long a failed help request says so. */
export const HELP_FAILED_MS = 15_000;

export interface HelpRequestOptions {
  /** Sends `kiosk:request-help`; rejects when it did not reach the server. */
  send(reason: HelpReason): Promise<unknown>;
  /** Every change of the state (null: nothing to show). */
  onChange(help: HelpState | null): void;
}

/**
 * The call-staff button: the booth's on-site staff are told to come. A calm confirmation stays up
 * for a while; a request that did not reach the server says so, so nobody waits for no one.
 */
export class HelpRequest {
  readonly #options: HelpRequestOptions;
  #state: HelpState | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  // The request whose answer is awaited; a dismissal forgets it, so its late answer shows nothing.
  #request: object | null = null;

  constructor(options: HelpRequestOptions) {
    this.#options = options;
  }

  get state(): HelpState | null {
    return this.#state;
  }

  async request(reason: HelpReason): Promise<void> {
    if (this.#state === 'sending') return;
    clearTimeout(this.#timer);
    const request = {};
    this.#request = request;
    this.#set('sending');
    let help: HelpState = 'requested';
    try {
      await this.#options.send(reason);
    } catch {
      help = 'failed';
    }
    if (this.#request !== request) return;
    this.#set(help);
    this.#timer = setTimeout(() => this.#set(null), help === 'requested' ? HELP_NOTICE_MS : HELP_FAILED_MS);
  }

  /** The notice's close button, or the wipe: nothing more is shown of any request. */
  dismiss(): void {
    clearTimeout(this.#timer);
    this.#request = null;
    this.#set(null);
  }

  #set(help: HelpState | null): void {
    if (help === this.#state) return;
    this.#state = help;
    this.#options.onChange(help);
  }
}
