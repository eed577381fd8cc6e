/**
 * Go's time.Duration.String, which meta/v1 Duration's JSON uses: `1h0m0s`, `1m30s`, `1.5s`, `250ms`.
 *
 * @module
 */

const SECOND = 1_000_000_000n;

/**
 * Formats `ns` nanoseconds as Go's Duration.String does.
 *
 * @example
 * ```ts
 * goDuration(3_600_000_000_000n); // "1h0m0s"
 * goDuration(1_500_000n); // "1.5ms"
 * ```
 */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return "0s";
  const sign = ns < 0n ? "-" : "";
  let u = ns < 0n ? -ns : ns;
  // Under a second Go picks the largest unit below it, with a fraction: 1500ns is "1.5µs".
  if (u < 1000n) return `${sign}${u}ns`;
  if (u < 1_000_000n) return `${sign}${fraction(u, 1000n)}µs`;
  if (u < SECOND) return `${sign}${fraction(u, 1_000_000n)}ms`;
  const hours = u / (3600n * SECOND);
  u -= hours * 3600n * SECOND;
  const minutes = u / (60n * SECOND);
  u -= minutes * 60n * SECOND;
  // Larger units print their smaller ones even when zero: 1h is "1h0m0s", 1m is "1m0s".
  let out = `${fraction(u, SECOND)}s`;
  if (hours > 0n || minutes > 0n) out = `${minutes}m${out}`;
  if (hours > 0n) out = `${hours}h${out}`;
  return sign + out;
}

/** `value / unit` in decimal without trailing zeros: fraction(1500n, 1000n) is "1.5". */
function fraction(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) return `${whole}`;
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, "0").replace(/0+$/, "")}`;
}
