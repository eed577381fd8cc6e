/**
 * The SDK's Logger as `skiff up` prints: one `skiff:` line per error (controller, key, message), info
 * lines only with SKIFF_VERBOSE=1, so a normal start shows its steps and nothing else.
 *
 * @module
 */
import type { Logger } from "@skiff/sdk";

/**
 * A Logger writing through `log`.
 *
 * @example
 * ```ts
 * lineLogger(console.error).with({ controller: "deployment" }).error("Reconciler error", { key: "default/web", error: new Error("boom") });
 * // deployment: Reconciler error default/web: boom
 * ```
 */
export function lineLogger(
  log: (line: string) => void,
  verbose = Deno.env.get("SKIFF_VERBOSE") === "1",
  fields: Record<string, unknown> = {},
): Logger {
  const line = (msg: string, extra: Record<string, unknown> = {}) => {
    const all = { ...fields, ...extra };
    const who = all.controller ?? all.lease ?? "";
    const error = all.error instanceof Error ? all.error.message : all.error;
    return [who ? `${who}:` : "", msg, all.key ?? "", error !== undefined ? `: ${error}` : ""]
      .filter(Boolean).join(" ").replace(/ : /, ": ");
  };
  return {
    info: (msg, extra) => verbose && log(line(msg, extra)),
    error: (msg, extra) => log(line(msg, extra)),
    with: (more) => lineLogger(log, verbose, { ...fields, ...more }),
  };
}
