/**
 * Writes started by events rather than requests (a call ended, a timer fired) have nobody to
 * await them. They are tracked here so a failure is reported, not lost in an unhandled rejection,
 * and so closing the server waits for them to land before the database goes.
 */
export class PendingWrites {
  readonly #pending = new Set<Promise<unknown>>();

  track(write: Promise<unknown>, onError: (error: unknown) => void): void {
    const settled = write.catch(onError).finally(() => this.#pending.delete(settled));
    this.#pending.add(settled);
  }

  /** Resolves once every write tracked so far has finished (or failed and been reported). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
