/**
 * Values printed the way Go prints them where a Table cell shows Go's output: `fmt.Fprint` for scalars
 * and `encoding/json` for maps and slices, as client-go's jsonpath PrintResults does for CRD `string`
 * columns.
 *
 * @module
 */

/**
 * A float literal of a JSONPath expression (`1.5` in `[?(@.x>1.5)]`): Go keeps it a float64 even when it
 * is integral, which matters when it is compared with an integer.
 *
 * @example
 * ```ts
 * goText(new GoFloat(1e6)); // "1e+06", where the integer 1000000 prints "1000000"
 * ```
 */
export class GoFloat {
  constructor(readonly value: number) {}
}

/**
 * What jsonpath's PrintResults writes for one value: JSON for objects and arrays, the text of scalars,
 * `<no value>` for null.
 *
 * @example
 * ```ts
 * goText({ b: 1, a: [true] }); // '{"a":[true],"b":1}'
 * goText(0.00001); // "1e-05"
 * ```
 */
export function goText(value: unknown): string {
  if (value instanceof GoFloat) return goFloat(value.value);
  if (value === null || value === undefined) return "<no value>";
  if (typeof value === "object") return goJson(value);
  if (typeof value === "number") return goNumber(value);
  return String(value);
}

/**
 * Go's `json.Marshal` of decoded JSON: object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped.
 *
 * @example
 * ```ts
 * goJson({ z: "<a>", y: [1, 2] }); // '{"y":[1,2],"z":"\\u003ca\\u003e"}'
 * ```
 */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
    // These characters appear only inside string literals, so escaping them in the output is safe.
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function sortKeys(value: unknown): unknown {
  if (value instanceof GoFloat) return value.value;
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}

/**
 * A decoded JSON number as `fmt.Fprint` prints it: Kubernetes decodes integral numbers to int64 (printed
 * in full) and the rest to float64 (printed `%g`-style).
 */
function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? n.toFixed(0) : goFloat(n);
}

/**
 * Go's `%v` of a float64: the shortest digits, in exponent form when the exponent is below -4 or at
 * least 6 (strconv's rule for shortest `%g`), with a two-digit exponent: 1234567.5 → `1.2345675e+06`.
 */
function goFloat(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const [mantissa, e] = n.toExponential().split("e");
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, "0");
    return `${mantissa}e${exp < 0 ? "-" : "+"}${digits}`;
  }
  return String(n);
}
