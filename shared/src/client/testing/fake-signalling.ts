import { vi, type Mock } from 'vitest';
import type { ErrorCode } from '../../errors.ts';
import type { CommandName, FactName, FactPayload } from '../../events.ts';
import type { MediaSource } from '../../media.ts';
import type { PublishOptions } from '../media-session.ts';
import { SignallingError } from '../signalling-client.ts';

/**
 * A SignallingClient stand-in for controller tests: records every command, answers from
 * `responses` (a missing answer is refused like a server would), `emit` delivers a fact and
 * `refuse` a refused handshake.
 */
export class FakeSignalling {
  readonly requests: { name: CommandName; payload: unknown }[] = [];
  readonly responses = new Map<CommandName, (payload: unknown) => unknown>();
  readonly connect: Mock<() => void> = vi.fn();
  readonly close: Mock<() => void> = vi.fn();
  readonly waitForConnection: Mock<() => Promise<void>> = vi.fn(async () => undefined);
  readonly #listeners = new Map<string, Set<(payload: never) => void>>();
  readonly #refusalListeners = new Set<(error: SignallingError) => void>();

  on(name: FactName, listener: (payload: never) => void) {
    const set = this.#listeners.get(name) ?? new Set();
    set.add(listener);
    this.#listeners.set(name, set);
    return () => void set.delete(listener);
  }

  readonly #connectionListeners = new Set<(isConnected: boolean) => void>();

  onConnectionChange(listener: (isConnected: boolean) => void) {
    this.#connectionListeners.add(listener);
    return () => void this.#connectionListeners.delete(listener);
  }

  /** The socket comes up or goes down. */
  setConnected(isConnected: boolean) {
    for (const listener of [...this.#connectionListeners]) listener(isConnected);
  }

  onRefused(listener: (error: SignallingError) => void) {
    this.#refusalListeners.add(listener);
    return () => void this.#refusalListeners.delete(listener);
  }

  /** The server refuses the handshake (at connection, or after cutting the socket off). */
  refuse(code: ErrorCode = 'UNAUTHENTICATED', message = 'refused') {
    for (const listener of [...this.#refusalListeners]) listener(new SignallingError(code, message));
  }

  async request(name: CommandName, payload: unknown) {
    this.requests.push({ name, payload });
    const respond = this.responses.get(name);
    if (!respond) throw new SignallingError('INTERNAL', `no fake answer for ${name}`);
    return respond(payload);
  }

  emit<N extends FactName>(name: N, payload: FactPayload<N>) {
    for (const listener of this.#listeners.get(name) ?? []) (listener as (payload: unknown) => void)(payload);
  }
}

/** A device track that only records whether it was stopped. */
export const fakeTrack = (kind: 'audio' | 'video') =>
  ({ kind, stop: vi.fn() }) as unknown as MediaStreamTrack;

export interface FakeMediaSession {
  start: Mock<() => Promise<void>>;
  publish: Mock<(track: MediaStreamTrack, source: MediaSource, options?: PublishOptions) => Promise<string>>;
  close: Mock<() => void>;
  /** Resolves null (no transport) unless a test gives it a stats report. */
  getReceiveStats: Mock<() => Promise<ReadonlyMap<string, unknown> | null>>;
}

/** A MediaSession stand-in whose transports start at once and whose producers all succeed. */
export const fakeMediaSession = (): FakeMediaSession => ({
  start: vi.fn(async () => undefined),
  publish: vi.fn(async () => 'p'),
  close: vi.fn(),
  getReceiveStats: vi.fn(async () => null),
});
