import { SignallingClient } from '@madoguchi/shared/client';
import { facts, type FactName, type FactPayload } from '@madoguchi/shared';
import type { Credentials } from './identities.ts';

/** A real socket.io client speaking the contract, recording every fact it receives. */
export class TestClient {
  readonly signalling: SignallingClient;
  readonly received: { name: FactName; payload: unknown }[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(url: string, credentials: Credentials) {
    this.signalling = new SignallingClient({
      url,
      auth: credentials.auth,
      rejectUnauthorized: false,
      requestTimeoutMs: 5_000,
      ...(credentials.cookie ? { extraHeaders: { cookie: credentials.cookie } } : {}),
    });
    for (const name of Object.keys(facts) as FactName[]) {
      this.signalling.on(name, (payload) => {
        this.received.push({ name, payload });
        for (const wake of this.#waiters) wake();
      });
    }
  }

  static async connect(url: string, credentials: Credentials): Promise<TestClient> {
    const client = new TestClient(url, credentials);
    const ready = client.waitFor('session:ready');
    client.signalling.connect();
    await client.signalling.waitForConnection();
    await ready;
    return client;
  }

  /** The first fact of this name received at or after index `since` (default: ever), waiting if needed. */
  waitFor<N extends FactName>(
    name: N,
    predicate: (payload: FactPayload<N>) => boolean = () => true,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<FactPayload<N>> {
    const since = options.since ?? 0;
    const timeoutMs = options.timeoutMs ?? 5_000;
    return new Promise((resolve, reject) => {
      const check = () => {
        for (const fact of this.received.slice(since)) {
          if (fact.name === name && predicate(fact.payload as FactPayload<N>)) {
            cleanup();
            resolve(fact.payload as FactPayload<N>);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`no ${name} within ${timeoutMs} ms; got ${this.received.map((f) => f.name).join(', ')}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  all<N extends FactName>(name: N): FactPayload<N>[] {
    return this.received.filter((fact) => fact.name === name).map((fact) => fact.payload as FactPayload<N>);
  }

  close(): void {
    this.signalling.close();
  }
}
