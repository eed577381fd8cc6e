/**
 * Ages as kubectl shows them: Kubernetes' `duration.HumanDuration` (apimachinery/pkg/util/duration) and
 * the printers' `translateTimestampSince`, which the API server uses to fill AGE and LAST SEEN cells.
 *
 * @module
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * A succinct, 2-3 significant figure rendering of a duration in milliseconds: `45s`, `119s`, `3m10s`,
 * `70m`, `3h1m`, `47h`, `2d1h`, `367d`, `2y1d`, `8y`.
 *
 * @example
 * ```ts
 * humanDuration(190_000); // "3m10s"
 * humanDuration(-1_500); // "0s": up to 2s of clock skew counts as now
 * ```
 */
export function humanDuration(ms: number): string {
  // Go truncates toward zero, so -1.9s is -1s: skew below 2s reads as "0s", more as "<invalid>".
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

// RFC 3339 as Go's time.Parse(time.RFC3339) takes it: upper-case T and Z, optional fractional seconds.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant an RFC 3339 timestamp names, in epoch milliseconds; `undefined` for an absent (zero)
 * timestamp, `NaN` for one that does not parse.
 *
 * @example
 * ```ts
 * parseTimestamp("2024-05-01T10:00:00Z"); // 1714557600000
 * parseTimestamp(undefined); // undefined
 * ```
 */
export function parseTimestamp(value: unknown): number | undefined {
  // metav1.Time reads "" and "null" as the zero time, like an absent field.
  if (value === undefined || value === null || value === "" || value === "null") return undefined;
  if (typeof value !== "string" || !RFC3339.test(value)) return NaN;
  return Date.parse(value);
}

/**
 * The age of a timestamp at `now` as kubectl prints it, `<unknown>` when the timestamp is absent.
 *
 * @example
 * ```ts
 * age("2024-05-01T10:00:00Z", Date.parse("2024-05-01T10:05:00Z")); // "5m"
 * age(undefined, Date.now()); // "<unknown>"
 * ```
 */
export function age(timestamp: unknown, now: number): string {
  const t = parseTimestamp(timestamp);
  // An unparsable timestamp cannot reach a Kubernetes printer (decoding the object fails first); read it
  // as absent rather than print NaN.
  if (t === undefined || Number.isNaN(t)) return "<unknown>";
  return humanDuration(now - t);
}
