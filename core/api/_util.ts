/**
 * Small helpers of the API package.
 *
 * @module
 */

/** An RFC 3339 timestamp in whole seconds, as Kubernetes writes them: `2026-11-23T10:50:11Z`. */
export function now(offsetMs = 0): string {
  // Every write stamps a time (creationTimestamp, managedFields); formatting one costs ~3 µs, so the
  // text of the current second is kept.
  const second = Math.floor((Date.now() + offsetMs) / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  return lastText;
}

let lastSecond = NaN;
let lastText = "";

// Kubernetes' utilrand alphabet: no vowels (no words) and no confusable characters (0/o, 1/l, 3/e).
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** Five random characters for generateName: `web-` becomes `web-x7k2q`. */
export function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
}
