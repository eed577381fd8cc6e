/**
 * Deadlines of many calls on one timer.
 *
 * A timer per etcd call (setTimeout + clearTimeout, ~5-10 µs each in Deno 2, where they are Node's
 * timer objects) was ~2 % of the API server's CPU per Pod create. Calls nearly always finish long before
 * their deadline, so one timer armed for the earliest deadline serves them all: adding and removing a
 * call costs a Set operation, and the timer fires about once per deadline period (say every 10 s for
 * 10 s deadlines), then walks the calls in flight.
 *
 * @module
 */

/** One registered deadline; `clear()` before it passes and its callback never runs. */
export interface Deadline {
  clear(): void;
}

interface Entry {
  at: number;
  expire: () => void;
}

/**
 * Runs callbacks when their deadlines (ms since the epoch) pass, on a single timer.
 *
 * @example
 * ```ts
 * const deadlines = new Deadlines();
 * const d = deadlines.add(Date.now() + 5000, () => exchange.cancel("Deadline exceeded"));
 * await exchange.response;
 * d.clear();
 * ```
 */
export class Deadlines {
  #entries = new Set<Entry>();
  #timer?: ReturnType<typeof setTimeout>;
  #timerAt = Infinity;

  /** Calls `expire` once `at` has passed, unless cleared first. */
  add(at: number, expire: () => void): Deadline {
    const entry = { at, expire };
    this.#entries.add(entry);
    if (at < this.#timerAt) this.#arm(at);
    return { clear: () => this.#remove(entry) };
  }

  /** How many deadlines are pending (for tests). */
  get size(): number {
    return this.#entries.size;
  }

  #remove(entry: Entry): void {
    this.#entries.delete(entry);
    // No timer left behind once nothing waits: an idle process (or a test's sanitizer) sees none. A timer
    // for an earlier entry that went stays: it finds nothing due and re-arms for the next.
    if (this.#entries.size === 0) this.#disarm();
  }

  #arm(at: number): void {
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - Date.now()));
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const entry of this.#entries) {
      if (entry.at <= now) {
        this.#entries.delete(entry);
        entry.expire();
      } else if (entry.at < next) next = entry.at;
    }
    if (next < Infinity && next < this.#timerAt) this.#arm(next);
  }
}
