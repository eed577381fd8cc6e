/**
 * Structured logging for controllers and managers: one JSON object per line, as controller-runtime's zap
 * logger writes them (`level`, `ts`, `msg`, then key/value fields such as `controller`, `namespace`, `name`).
 *
 * @module
 */

/**
 * A structured logger; `with(fields)` answers one that adds the fields to every line.
 *
 * @example
 * ```ts
 * const log: Logger = jsonLogger().with({ controller: "widget" });
 * log.info("Starting workers", { workerCount: 2 });
 * ```
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  with(fields: Record<string, unknown>): Logger;
}

/**
 * A logger writing JSON lines (to stderr unless `write` is given). Errors are written as their message.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const log = jsonLogger((line) => lines.push(line));
 * log.error("Reconciler error", { controller: "widget", error: new Error("boom") });
 * JSON.parse(lines[0]).error; // "boom"
 * ```
 */
export function jsonLogger(
  write: (line: string) => void = (line) => console.error(line),
  fields: Record<string, unknown> = {},
): Logger {
  const emit = (level: string, msg: string, extra: Record<string, unknown> = {}) => {
    const entry: Record<string, unknown> = { level, ts: new Date().toISOString(), msg, ...fields };
    for (const [k, v] of Object.entries(extra)) entry[k] = v instanceof Error ? v.message : v;
    write(JSON.stringify(entry));
  };
  return {
    info: (msg, extra) => emit("info", msg, extra),
    error: (msg, extra) => emit("error", msg, extra),
    with: (more) => jsonLogger(write, { ...fields, ...more }),
  };
}

/**
 * A logger that drops everything.
 *
 * @example
 * ```ts
 * const log = silentLogger;
 * log.info("not written");
 * ```
 */
export const silentLogger: Logger = {
  info: () => {},
  error: () => {},
  with: () => silentLogger,
};
