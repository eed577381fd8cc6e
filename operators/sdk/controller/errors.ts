/**
 * The error a reconciler throws when retrying cannot help (controller-runtime's `reconcile.TerminalError`).
 *
 * @module
 */

/**
 * A reconcile error that is logged and counted but not retried: the key is forgotten until its object
 * changes again. Wrap the cause: `throw new TerminalError("spec.size must be positive", { cause })`.
 *
 * @example
 * ```ts
 * import { TerminalError } from "@skiff/sdk";
 *
 * if (widget.spec.size < 0) throw new TerminalError("spec.size must not be negative");
 * ```
 */
export class TerminalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "TerminalError";
  }
}

/**
 * Whether an error is (or wraps, through `cause`) a {@link TerminalError}.
 *
 * @example
 * ```ts
 * isTerminalError(new Error("x", { cause: new TerminalError("bad spec") })); // true
 * ```
 */
export function isTerminalError(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (e instanceof TerminalError) return true;
  }
  return false;
}
