/**
 * A poller for tests against a real core: controllers act asynchronously, so a test waits until what it
 * expects holds rather than sleeping.
 *
 * @module
 */

/**
 * Options of {@link eventually}.
 *
 * @example
 * ```ts
 * const options: EventuallyOptions = { timeoutMs: 5000, intervalMs: 10 };
 * ```
 */
export interface EventuallyOptions {
  /** How long to keep asking before failing (default 15 s). */
  timeoutMs?: number;
  /** The pause between two asks (default 25 ms). */
  intervalMs?: number;
}

/**
 * Asks `probe` until it answers something truthy and answers that; throws "timed out waiting until
 * <what>" once `timeoutMs` (a number, or in the options) has passed.
 *
 * @example
 * ```ts
 * import { eventually } from "@skiff/sdk";
 *
 * let n = 0;
 * const value = await eventually("the third ask", () => ++n === 3 && n);
 * // value === 3
 * ```
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: number | EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 15_000, intervalMs = 25 } = typeof options === "number"
    ? { timeoutMs: options }
    : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
