/** Anything a slot can hold: it is closed when it is replaced or the slot is cleared. */
export interface Closable {
  close(): void;
}

/** Wraps a callback so that it runs only while the instance it was given to is still current. */
export type Live = <A extends unknown[]>(callback: (...args: A) => void) => (...args: A) => void;

/**
 * The one current instance of something that is replaced over time: a desk of the console, a
 * media session. Opening the next one closes the previous one, and the callbacks each instance was
 * built with (wrapped by `live`) are dropped once it is no longer current, so a late answer or
 * event of a replaced instance can change nothing. Async work checks `isCurrent` after each await.
 */
export class CurrentSlot<T extends Closable> {
  #current: T | null = null;
  /** Changes with every open and clear; a callback runs only while its own token is this one. */
  #token: object = {};

  get current(): T | null {
    return this.#current;
  }

  /** Closes the current instance (if any) and makes the next one with `build`. */
  open(build: (live: Live) => T): T {
    this.clear();
    const token = this.#token;
    const live: Live =
      (callback) =>
      (...args) => {
        if (this.#token === token) callback(...args);
      };
    const next = build(live);
    // A build that opened another instance in the meantime lost its place.
    if (this.#token === token) this.#current = next;
    else next.close();
    return next;
  }

  isCurrent(instance: T): boolean {
    return this.#current === instance;
  }

  /** Closes the current instance; idempotent. */
  clear(): void {
    const previous = this.#current;
    this.#current = null;
    this.#token = {};
    previous?.close();
  }
}
