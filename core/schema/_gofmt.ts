/**
 * Go's value printing, as Kubernetes' messages use it: `%q` (strconv.Quote), `%v` of int64/float64/bool,
 * and encoding/json for everything else. Messages must match the apiserver byte for byte, so these follow
 * Go's rules rather than JavaScript's (`1e+06`, not `1000000`, for a float64 `%v`).
 *
 * @module
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const HEX = "0123456789abcdef";

/** The largest magnitude Go's JSON decoder still reads as int64; beyond it a number becomes float64. */
const INT64_LIMIT = 9223372036854775808;

/**
 * True when Kubernetes' JSON decoding would have produced an int64 for this number (an integer literal
 * within int64 range). JavaScript cannot tell `1.0` from `1`, so both count as int64 here.
 *
 * @example
 * ```ts
 * import { isInt64 } from "./_gofmt.ts";
 * isInt64(3); // true
 * isInt64(1.5); // false
 * ```
 */
export function isInt64(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < INT64_LIMIT;
}

/**
 * strconv.Quote: a double-quoted Go string literal.
 *
 * @example
 * ```ts
 * import { goQuote } from "./_gofmt.ts";
 * goQuote('a"b'); // "\"a\\\"b\""
 * ```
 */
export function goQuote(s: string): string {
  if (PRINTABLE_ASCII.test(s)) {
    return '"' + (s.includes('"') || s.includes("\\") ? s.replace(/["\\]/g, "\\$&") : s) + '"';
  }
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    switch (r) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += "\\\\";
        continue;
      case 7:
        out += "\\a";
        continue;
      case 8:
        out += "\\b";
        continue;
      case 12:
        out += "\\f";
        continue;
      case 10:
        out += "\\n";
        continue;
      case 13:
        out += "\\r";
        continue;
      case 9:
        out += "\\t";
        continue;
      case 11:
        out += "\\v";
        continue;
    }
    if (r >= 0xd800 && r <= 0xdfff) {
      // A lone surrogate is what Go sees as invalid UTF-8; it prints the replacement rune's escape.
      out += "\\ufffd";
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else if (r < 0x20 || r === 0x7f) {
      out += "\\x" + HEX[r >> 4] + HEX[r & 15];
    } else if (r < 0x10000) {
      out += "\\u" + r.toString(16).padStart(4, "0");
    } else {
      out += "\\U" + r.toString(16).padStart(8, "0");
    }
  }
  return out + '"';
}

/**
 * `%v` of a float64 (strconv.FormatFloat(f, 'g', -1, 64)): shortest digits, exponent form when the
 * exponent is below -4 or at least 6, with a signed two-digit exponent.
 *
 * @example
 * ```ts
 * import { goFloat } from "./_gofmt.ts";
 * goFloat(1e6); // "1e+06"
 * goFloat(0.5); // "0.5"
 * ```
 */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mantissa, expText] = f.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? "-" : "+"}${abs < 10 ? "0" : ""}${abs}`;
  }
  // Within this range JavaScript prints the same shortest digits positionally.
  return String(f);
}

/**
 * `%v` of a number as Kubernetes' JSON decoding types it: int64 in decimal, float64 as {@link goFloat}.
 *
 * @example
 * ```ts
 * import { goNumber } from "./_gofmt.ts";
 * goNumber(10); // "10"
 * goNumber(2.5); // "2.5"
 * ```
 */
export function goNumber(n: number): string {
  return isInt64(n) ? String(n) : goFloat(n);
}

/**
 * encoding/json.Marshal of an unstructured value: map keys sorted, `<`, `>`, `&`, U+2028 and U+2029
 * escaped as Go does. Pass `sortKeys: false` for a Go struct, whose fields keep their declared order.
 *
 * @example
 * ```ts
 * import { goJSON } from "./_gofmt.ts";
 * goJSON({ b: 1, a: "<x>" }); // '{"a":"\\u003cx\\u003e","b":1}'
 * ```
 */
export function goJSON(value: unknown, sortKeys = true): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (Array.isArray(value)) return "[" + value.map((v) => goJSON(v, sortKeys)).join(",") + "]";
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
      if (sortKeys) keys.sort();
      return "{" + keys.map((k) => jsonString(k) + ":" + goJSON(obj[k], sortKeys)).join(",") + "}";
    }
    default:
      return "null";
  }
}

const JSON_HTML = /[<>&\u2028\u2029]/g;
const JSON_HTML_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

function jsonString(s: string): string {
  const out = JSON.stringify(s);
  return JSON_HTML.test(out) ? out.replace(JSON_HTML, (c) => JSON_HTML_ESCAPES[c]) : out;
}

/**
 * A bad value already printed the Go way (a typed struct, map or slice with `%#v`, say), which
 * {@link goBadValue} prints as it is. Typed validators need it because JSON of the TypeScript object
 * cannot say `map[string]string{...}` or `v1.LabelSelector{...}`.
 *
 * @example
 * ```ts
 * import { goBadValue, GoValue } from "./_gofmt.ts";
 * goBadValue(new GoValue("[]string(nil)")); // "[]string(nil)"
 * ```
 */
export class GoValue {
  /** @param text the value exactly as Go prints it */
  constructor(readonly text: string) {}
}

/**
 * How field.Error prints a bad value: int64, float64 and bool with `%v`, strings with `%q`, a
 * {@link GoValue} as it is, anything else as JSON.
 *
 * @example
 * ```ts
 * import { goBadValue } from "./_gofmt.ts";
 * goBadValue("abc"); // '"abc"'
 * goBadValue({ a: 1 }); // '{"a":1}'
 * ```
 */
export function goBadValue(value: unknown): string {
  if (value instanceof GoValue) return value.text;
  switch (typeof value) {
    case "string":
      return goQuote(value);
    case "number":
      return goNumber(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      return goJSON(value);
  }
}

/**
 * The number of bytes `s` takes as UTF-8, which is what Go's len() counts.
 *
 * @example
 * ```ts
 * import { utf8Length } from "./_gofmt.ts";
 * utf8Length("é"); // 2
 * ```
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is one 4-byte rune: its two UTF-16 units already count 2.
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * The number of runes (code points) in `s`, which is what utf8.RuneCountInString counts.
 *
 * @example
 * ```ts
 * import { runeCount } from "./_gofmt.ts";
 * runeCount("😀a"); // 2
 * ```
 */
export function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
