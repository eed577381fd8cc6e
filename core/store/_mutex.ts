/**
 * A first-come-first-served async lock.
 *
 * @example
 * ```ts
 * const lock = new Mutex();
 * const n = await lock.run(async () => 42);
 * ```
 *
 * @module
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` once every earlier `run` has settled; returns what `fn` returns. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.catch(() => {});
    return result;
  }
}
