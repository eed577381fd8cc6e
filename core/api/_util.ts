/**
 * Small helpers of the API package.
 *
 * @module
 */

import { nowRfc3339 } from "@skiff/schema";

/** An RFC 3339 timestamp in whole seconds, as Kubernetes writes them: `2026-11-23T10:50:11Z`. */
export const now: (offsetMs?: number) => string = nowRfc3339;

// Kubernetes' utilrand alphabet: no vowels (no words) and no confusable characters (0/o, 1/l, 3/e).
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** Five random characters for generateName: `web-` becomes `web-x7k2q`. */
export function randomSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
}
