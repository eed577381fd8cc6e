/**
 * resource.Quantity: parsing "500m", "1.5Gi" or 2 into an exact value, comparing, and printing the
 * canonical form Kubernetes prints ("1000m" → "1", "1.5Gi" → "1536Mi"), following
 * k8s.io/apimachinery/pkg/api/resource/quantity.go.
 *
 * @module
 */

/** How a quantity was written, which decides how it prints back. */
export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

/** A parsed quantity: the value in nano-units (10^-9), exact, and the format it was written in. */
export interface Quantity {
  /** The value times 10^9, rounded up as Kubernetes rounds anything below a nano-unit. */
  nanos: bigint;
  format: QuantityFormat;
}

/** The message Kubernetes gives a string that is not a quantity at all. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** The message Kubernetes gives a quantity whose suffix it does not know ("5Qi"). */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const NANO = 1_000_000_000n;

/**
 * Parses a quantity; throws an Error carrying Kubernetes' message when it is not one.
 *
 * @example
 * ```ts
 * import { parseQuantity } from "@skiff/kinds";
 *
 * parseQuantity("250m").nanos; // 250000000n
 * parseQuantity("1Ki").nanos; // 1024000000000n
 * ```
 */
export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === "number" ? String(input) : input;
  // Clusters use a handful of distinct quantities ("100m", "128Mi", ...) millions of times (every Pod
  // validated, every scheduling decision); parsing one with its regexes and BigInts costs ~3 µs.
  const known = parsed.get(text);
  if (known) return { nanos: known.nanos, format: known.format };
  const quantity = parse(text);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(text, quantity);
  return { nanos: quantity.nanos, format: quantity.format };
}

/** Quantities parsed so far, by text; emptied when full, so odd inputs cannot grow it without bound. */
const parsed = new Map<string, Quantity>();
const PARSED_MAX = 4096;

function parse(text: string): Quantity {
  const match = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(text);
  if (!match) throw new Error(QUANTITY_FORMAT_ERROR);
  const [, number, suffix] = match;

  const numberMatch = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(number);
  if (!numberMatch || (numberMatch[2] === "" && (numberMatch[3] ?? "") === "")) {
    throw new Error(QUANTITY_FORMAT_ERROR);
  }
  const [, sign, whole, fraction = ""] = numberMatch;
  const mantissa = BigInt(`${whole || "0"}${fraction}`);

  let format: QuantityFormat;
  let numerator = mantissa * NANO;
  let denominator = 10n ** BigInt(fraction.length);
  if (suffix in DECIMAL_SUFFIXES) {
    format = "DecimalSI";
    [numerator, denominator] = scale(numerator, denominator, 10n, DECIMAL_SUFFIXES[suffix]);
  } else if (BINARY_SUFFIXES.includes(suffix)) {
    format = "BinarySI";
    numerator *= 1024n ** BigInt(BINARY_SUFFIXES.indexOf(suffix));
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = "DecimalExponent";
    [numerator, denominator] = scale(numerator, denominator, 10n, Number(suffix.slice(1)));
  } else {
    throw new Error(QUANTITY_SUFFIX_ERROR);
  }
  // Round up (away from zero) to a whole nano-unit, as Quantity does for anything finer.
  let nanos = (numerator + denominator - 1n) / denominator;
  if (sign === "-") nanos = -nanos;
  return { nanos, format };
}

function scale(numerator: bigint, denominator: bigint, base: bigint, exponent: number): [bigint, bigint] {
  return exponent >= 0
    ? [numerator * base ** BigInt(exponent), denominator]
    : [numerator, denominator * base ** BigInt(-exponent)];
}

/**
 * -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
 *
 * @example
 * ```ts
 * import { compareQuantities, parseQuantity } from "@skiff/kinds";
 *
 * compareQuantities(parseQuantity("1"), parseQuantity("1000m")); // 0
 * ```
 */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/**
 * The canonical text of a quantity, as Quantity.String() prints it: the largest suffix of the original
 * format that keeps the number whole; BinarySI below 1024 or fractional falls back to DecimalSI.
 *
 * @example
 * ```ts
 * import { formatQuantity, parseQuantity } from "@skiff/kinds";
 *
 * formatQuantity(parseQuantity("1.5Gi")); // "1536Mi"
 * formatQuantity(parseQuantity("0.5")); // "500m"
 * ```
 */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return "0";
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const sign = negative ? "-" : "";

  if (q.format === "BinarySI" && abs >= 1024n * NANO && abs % NANO === 0n) {
    let value = abs / NANO;
    let power = 0;
    while (power < BINARY_SUFFIXES.length - 1 && value % 1024n === 0n) {
      value /= 1024n;
      power++;
    }
    return `${sign}${value}${BINARY_SUFFIXES[power]}`;
  }

  let value = abs;
  let exponent = -9;
  while (value % 1000n === 0n) {
    value /= 1000n;
    exponent += 3;
  }
  if (q.format === "DecimalExponent") return `${sign}${value}${exponent === 0 ? "" : `e${exponent}`}`;
  const suffix = Object.entries(DECIMAL_SUFFIXES).find(([, e]) => e === exponent)?.[0];
  return `${sign}${value}${suffix ?? `e${exponent}`}`;
}
