import { io, type Socket } from 'socket.io-client';
import {
  commandAckSchema,
  facts,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
} from '../events.ts';
import type { ClientToServerEvents, FactName, FactPayload, ServerToClientEvents } from '../events.ts';
import { errorCodeSchema, type ErrorCode } from '../errors.ts';
import type { HandshakeAuth } from '../handshake.ts';

/** A command the server refused, or that never got an answer. */
export class SignallingError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'SignallingError';
    this.code = code;
  }
}

export interface SignallingClientOptions {
  /** Origin of the server; defaults to the page's own origin. */
  url?: string;
  auth: HandshakeAuth;
  /** How long a command waits for its acknowledgement. */
  requestTimeoutMs?: number;
  /** For Node clients (tests, probes) talking to a server with a self-signed certificate. */
  rejectUnauthorized?: boolean;
  /** For Node clients: headers of the handshake (a browser sends its session cookie itself). */
  extraHeaders?: Record<string, string>;
  /** Called with facts whose payload does not match the contract; they are dropped. */
  onProtocolError?: (event: string, error: unknown) => void;
}

type Listener = (payload: never) => void;

/** The code the server gave a refused handshake (`error.data.code`); UNAUTHENTICATED if none. */
function refusalOf(error: Error): SignallingError {
  const code = errorCodeSchema.safeParse((error as Error & { data?: { code?: unknown } }).data?.code);
  return new SignallingError(code.success ? code.data : 'UNAUTHENTICATED', error.message);
}

/**
 * The one owner of a client's socket. Commands are typed by the shared contract and their answers
 * parsed; facts are parsed before listeners see them. The resume token from `session:ready` is put
 * into the handshake, so socket.io's automatic reconnection re-attaches to the same session.
 *
 * The server cuts a socket off on purpose (a revoked kiosk, staff logged out everywhere, a graceful
 * shutdown), and socket.io does not retry after that by itself. This client asks again at once: the
 * next handshake says whether it may come back, and a refusal reaches `onRefused`.
 */
export class SignallingClient {
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #requestTimeoutMs: number;
  readonly #onProtocolError: (event: string, error: unknown) => void;
  readonly #listeners = new Map<FactName, Set<Listener>>();
  readonly #refusalListeners = new Set<(error: SignallingError) => void>();
  #isClosed = false;
  /** Set when the server said it ended this session: no automatic reconnection then. */
  #isEndedByServer = false;
  /** The sequence number of the last fact received in this session (facts are numbered from 1). */
  #lastFactSeq = 0;

  constructor(options: SignallingClientOptions) {
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#onProtocolError = options.onProtocolError ?? (() => {});
    const auth: Record<string, unknown> = { ...options.auth };
    const socketOptions = {
      auth,
      transports: ['websocket'],
      autoConnect: false,
      ...(options.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
      ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    };
    this.#socket = options.url ? io(options.url, socketOptions) : io(socketOptions);
    for (const name of Object.keys(facts) as FactName[]) {
      this.#socket.on(
        name as never,
        ((raw: unknown, seq: unknown) => {
          if (typeof seq === 'number') {
            // A fact replayed after a resume that had already arrived on the old socket.
            if (seq <= this.#lastFactSeq) return;
            this.#lastFactSeq = seq;
            auth.lastFactSeq = seq;
          }
          this.#dispatch(name, raw);
        }) as never,
      );
    }
    this.on('session:ready', ({ resumeToken, isResumed }) => {
      // A new session numbers its facts from 1 again.
      if (!isResumed) {
        this.#lastFactSeq = 0;
        auth.lastFactSeq = 0;
      }
      auth.resumeToken = resumeToken;
    });
    this.on('session:ended', ({ reason }) => {
      this.#isEndedByServer = true;
      const ended = new SignallingError('UNAUTHENTICATED', `the server ended this session (${reason})`);
      for (const listener of [...this.#refusalListeners]) listener(ended);
    });
    this.#socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect' && !this.#isClosed && !this.#isEndedByServer)
        this.#socket.connect();
    });
    this.#socket.on('connect_error', (error) => {
      // A refused handshake leaves the socket inactive; a network failure is retried by socket.io
      // and is not a refusal.
      if (this.#socket.active) return;
      const refusal = refusalOf(error);
      for (const listener of [...this.#refusalListeners]) listener(refusal);
    });
  }

  get isConnected(): boolean {
    return this.#socket.connected;
  }

  connect(): void {
    this.#isClosed = false;
    this.#isEndedByServer = false;
    this.#socket.connect();
  }

  /** Resolves once connected; rejects with the server's reason if the handshake is refused. */
  waitForConnection(): Promise<void> {
    if (this.#socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const stop = () => {
        this.#socket.off('connect', onConnect);
        offRefused();
      };
      const onConnect = () => {
        stop();
        resolve();
      };
      const offRefused = this.onRefused((error) => {
        stop();
        reject(error);
      });
      this.#socket.once('connect', onConnect);
    });
  }

  /**
   * Called whenever the server refuses this client's handshake, at the first connection or after it
   * cut the socket off; the code says why (UNAUTHENTICATED: this identity may not connect any more).
   * Nothing is retried after a refusal.
   */
  onRefused(listener: (error: SignallingError) => void): () => void {
    this.#refusalListeners.add(listener);
    return () => void this.#refusalListeners.delete(listener);
  }

  onConnectionChange(listener: (isConnected: boolean) => void): () => void {
    const up = () => listener(true);
    const down = () => listener(false);
    this.#socket.on('connect', up);
    this.#socket.on('disconnect', down);
    return () => {
      this.#socket.off('connect', up);
      this.#socket.off('disconnect', down);
    };
  }

  async request<N extends CommandName>(name: N, payload: CommandRequest<N>): Promise<CommandResponse<N>> {
    let raw: unknown;
    try {
      // The contract types the payload; the socket's own typings cannot express the generic form.
      raw = await (this.#socket as unknown as Socket)
        .timeout(this.#requestTimeoutMs)
        .emitWithAck(name, payload);
    } catch {
      throw new SignallingError('TIMEOUT', `${name} was not answered within ${this.#requestTimeoutMs} ms`);
    }
    const parsed = commandAckSchema(name).safeParse(raw);
    if (!parsed.success) {
      this.#onProtocolError(name, parsed.error);
      throw new SignallingError('INTERNAL', `${name} was answered with an unexpected shape`);
    }
    if (!parsed.data.ok) throw new SignallingError(parsed.data.error.code, parsed.data.error.message);
    return parsed.data.data as CommandResponse<N>;
  }

  on<N extends FactName>(name: N, listener: (payload: FactPayload<N>) => void): () => void {
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  close(): void {
    this.#isClosed = true;
    this.#socket.disconnect();
    this.#listeners.clear();
    this.#refusalListeners.clear();
  }

  #dispatch(name: FactName, raw: unknown): void {
    const parsed = facts[name].safeParse(raw);
    if (!parsed.success) {
      this.#onProtocolError(name, parsed.error);
      return;
    }
    for (const listener of [...(this.#listeners.get(name) ?? [])]) {
      try {
        (listener as (payload: unknown) => void)(parsed.data);
      } catch (error) {
        // One broken listener must not stop the others from hearing the fact.
        this.#onProtocolError(name, error);
      }
    }
  }
}
