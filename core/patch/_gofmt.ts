/**
 * JSON values seen as the Go values Kubernetes decodes them into (map[string]interface{}, []interface{},
 * string, bool, int64, float64, nil), so that type checks and error messages come out as Kubernetes'
 * do: `fmt` verbs `%v` and `%s`, reflect type names, and interface equality (`==`).
 *
 * @module
 */
import { PatchError } from "./errors.ts";
import { isObject } from "./_json.ts";

/** The Go kind of a decoded JSON value; whole numbers are int64 because Kubernetes decodes with PreserveInts. */
export type GoKind = "map" | "slice" | "string" | "bool" | "int64" | "float64" | "nil";

const INT64_LIMIT = 2 ** 63;

/**
 * The Go kind of a JSON value.
 *
 * @example
 * ```ts
 * goKind(1); // "int64"
 * goKind(1.5); // "float64"
 * ```
 */
export function goKind(v: unknown): GoKind {
  if (v === null || v === undefined) return "nil";
  if (Array.isArray(v)) return "slice";
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(v) && Math.abs(v) < INT64_LIMIT ? "int64" : "float64";
    default:
      return "map";
  }
}

/**
 * What `%s` prints for `reflect.TypeOf(v)`.
 *
 * @example
 * ```ts
 * goTypeName({}); // "map[string]interface {}"
 * ```
 */
export function goTypeName(v: unknown): string {
  switch (goKind(v)) {
    case "map":
      return "map[string]interface {}";
    case "slice":
      return "[]interface {}";
    case "nil":
      return "%!s(<nil>)";
    default:
      return goKind(v);
  }
}

/**
 * Go's `fmt.Sprintf("%v", v)`: `map[a:1 b:[x y]]`, map keys sorted.
 *
 * @example
 * ```ts
 * goV({ name: "a", ports: [80] }); // "map[name:a ports:[80]]"
 * ```
 */
export function goV(v: unknown): string {
  return format(v, "v");
}

/**
 * Go's `fmt.Sprintf("%s", v)`: strings as they are, other scalars as `%!s(int64=5)`.
 *
 * @example
 * ```ts
 * goS(5); // "%!s(int64=5)"
 * ```
 */
export function goS(v: unknown): string {
  return format(v, "s");
}

function format(v: unknown, verb: "v" | "s"): string {
  if (Array.isArray(v)) return `[${v.map((x) => format(x, verb)).join(" ")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${format(v[k], verb)}`).join(" ")}]`;
  }
  const kind = goKind(v);
  if (kind === "string") return v as string;
  if (verb === "s") return kind === "nil" ? "%!s(<nil>)" : `%!s(${kind}=${format(v, "v")})`;
  switch (kind) {
    case "nil":
      return "<nil>";
    case "bool":
      return String(v);
    case "int64":
      return BigInt(v as number).toString();
    default:
      return goFloat(v as number);
  }
}

/** `%v` of a float64: shortest digits, exponent form below 1e-4 and from 1e+06 on (strconv 'g', -1). */
function goFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  const [mantissa, e] = x.toExponential().split("e");
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? "-" : "+"}${abs < 10 ? "0" : ""}${abs}`;
  }
  return String(x);
}

/**
 * Go's `==` on two interface{} values: different dynamic types are unequal, and comparing two maps or two
 * slices panics (Kubernetes then answers 500).
 *
 * @example
 * ```ts
 * goEqual("a", "a"); // true
 * goEqual(1, "1"); // false
 * ```
 */
export function goEqual(a: unknown, b: unknown): boolean {
  const ka = goKind(a);
  if (ka !== goKind(b)) return false;
  if (ka === "map" || ka === "slice") {
    throw PatchError.panicked(`runtime error: comparing uncomparable type ${goTypeName(a)}`);
  }
  return ka === "nil" || a === b;
}

/**
 * A Go `map[interface{}]...` used as a set: maps and slices cannot be keys (Go panics).
 *
 * @example
 * ```ts
 * const s = new GoSet(["a", 1]);
 * s.has("a"); // true
 * s.has("1"); // false
 * ```
 */
export class GoSet {
  #keys = new Set<string>();

  constructor(values: Iterable<unknown> = []) {
    for (const v of values) this.#keys.add(GoSet.#key(v));
  }

  /** Adds `v`; false when it was already there. */
  add(v: unknown): boolean {
    const key = GoSet.#key(v);
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    return true;
  }

  /** Whether `v` is in the set. */
  has(v: unknown): boolean {
    return this.#keys.has(GoSet.#key(v));
  }

  static #key(v: unknown): string {
    const key = hashKey(v);
    if (key === undefined) {
      throw PatchError.panicked(`runtime error: hash of unhashable type ${goTypeName(v)}`);
    }
    return key;
  }
}

/**
 * A string that two values share exactly when Go's `==` finds them equal; undefined for maps and lists,
 * which Go cannot hash.
 *
 * @example
 * ```ts
 * hashKey(1); // "int64:1"
 * hashKey("1"); // "string:1"
 * ```
 */
export function hashKey(v: unknown): string | undefined {
  const kind = goKind(v);
  if (kind === "map" || kind === "slice") return undefined;
  return kind === "nil" ? "nil" : `${kind}:${String(v)}`;
}
