/**
 * Path elements as structured-merge-diff serializes them in fieldsV1 (fieldpath/serialize-pe.go):
 * `f:name` for a field, `k:{"name":"web"}` for an associative list item by its key fields (sorted by
 * name), `v:"a"` for a set item by its value, `i:3` for an index. A path element is kept as that string:
 * two elements are the same element exactly when their strings are equal, because keys and values are
 * always written in one canonical form.
 *
 * @module
 */

/** One serialized path element. */
export type PathElement = string;
/** A path from the object's root. */
export type Path = readonly PathElement[];

/**
 * `f:name`.
 *
 * @example
 * ```ts
 * fieldElement("spec"); // "f:spec"
 * ```
 */
export function fieldElement(name: string): PathElement {
  return "f:" + name;
}

/**
 * `k:{...}` from key fields already sorted by name.
 *
 * @example
 * ```ts
 * keyElement([["containerPort", 80], ["protocol", "TCP"]]); // 'k:{"containerPort":80,"protocol":"TCP"}'
 * ```
 */
export function keyElement(fields: [string, unknown][]): PathElement {
  let s = "k:{";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) s += ",";
    s += goJson(fields[i][0]) + ":" + goJson(fields[i][1]);
  }
  return s + "}";
}

/**
 * `v:value`.
 *
 * @example
 * ```ts
 * valueElement("a"); // 'v:"a"'
 * ```
 */
export function valueElement(value: unknown): PathElement {
  return "v:" + goJson(value);
}

/**
 * JSON as Go's encoding/json writes it: object keys sorted, and `<`, `>`, `&`, U+2028 and U+2029 escaped,
 * so that keys built here equal keys Kubernetes wrote.
 *
 * @example
 * ```ts
 * goJson({ b: "<", a: 1 }); // '{"a":1,"b":"\\u003c"}'
 * ```
 */
export function goJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const s = JSON.stringify(value ?? null);
    return /[<>&\u2028\u2029]/.test(s) ? s.replace(/[<>&\u2028\u2029]/g, escapeChar) : s;
  }
  if (Array.isArray(value)) return "[" + value.map(goJson).join(",") + "]";
  const o = value as Record<string, unknown>;
  return "{" + Object.keys(o).sort().map((k) => goJson(k) + ":" + goJson(o[k])).join(",") + "}";
}

function escapeChar(c: string): string {
  return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
}

/**
 * A path element read back from fieldsV1, in canonical form; undefined for a malformed one.
 *
 * @example
 * ```ts
 * canonicalElement('k:{"b": 1, "a": 2}'); // 'k:{"a":2,"b":1}'
 * ```
 */
export function canonicalElement(pe: string): PathElement | undefined {
  if (pe.length < 2 || pe[1] !== ":") return undefined;
  switch (pe[0]) {
    case "f":
      return pe;
    case "i":
      return /^i:-?\d+$/.test(pe) ? pe : undefined;
    case "v":
      try {
        return valueElement(JSON.parse(pe.slice(2)));
      } catch {
        return undefined;
      }
    case "k":
      try {
        const o = JSON.parse(pe.slice(2));
        if (o === null || typeof o !== "object" || Array.isArray(o)) return undefined;
        return keyElement(Object.keys(o).sort().map((k) => [k, o[k]]));
      } catch {
        return undefined;
      }
  }
  return undefined;
}

const TYPE_ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };
const parsed = new Map<string, unknown>();

function payload(pe: PathElement): unknown {
  let v = parsed.get(pe);
  if (v === undefined) {
    v = JSON.parse(pe.slice(2));
    // A bounded memo: key and value elements repeat across writes of the same objects.
    if (parsed.size > 10000) parsed.clear();
    parsed.set(pe, v);
  }
  return v;
}

/**
 * structured-merge-diff's order of path elements (PathElement.Compare): fields, then keys, then values,
 * then indexes; fields by name, keys field by field, values by value.Compare.
 *
 * @example
 * ```ts
 * ["v:1", "f:b", 'k:{"name":"x"}'].sort(compareElements); // ["f:b", 'k:{"name":"x"}', "v:1"]
 * ```
 */
export function compareElements(a: PathElement, b: PathElement): number {
  if (a === b) return 0;
  const ta = TYPE_ORDER[a[0]], tb = TYPE_ORDER[b[0]];
  if (ta !== tb) return ta - tb;
  switch (a[0]) {
    case "f":
      return compareStrings(a, b);
    case "i":
      return Number(a.slice(2)) - Number(b.slice(2));
    case "v":
      return compareValues(payload(a), payload(b));
    default: {
      const ka = payload(a) as Record<string, unknown>, kb = payload(b) as Record<string, unknown>;
      const na = Object.keys(ka), nb = Object.keys(kb);
      for (let i = 0;; i++) {
        if (i >= na.length && i >= nb.length) return 0;
        if (i >= na.length) return -1;
        if (i >= nb.length) return 1;
        const c = compareStrings(na[i], nb[i]) || compareValues(ka[na[i]], kb[nb[i]]);
        if (c !== 0) return c;
      }
    }
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// value.Compare: floats, ints, strings, bools, lists, maps, null, in that order.
function rank(v: unknown): number {
  if (typeof v === "number") return Number.isInteger(v) ? 1 : 0;
  if (typeof v === "string") return 2;
  if (typeof v === "boolean") return 3;
  if (Array.isArray(v)) return 4;
  if (v !== null && typeof v === "object") return 5;
  return 6;
}

function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a), rb = rank(b);
  if (ra <= 1 && rb <= 1) return (a as number) - (b as number);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
      return compareStrings(a as string, b as string);
    case 3:
      return Number(a) - Number(b);
    case 4: {
      const la = a as unknown[], lb = b as unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return la.length - lb.length;
    }
    case 5: {
      const ka = Object.keys(a as object).sort(), kb = Object.keys(b as object).sort();
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = compareStrings(ka[i], kb[i]) ||
          compareValues((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]]);
        if (c !== 0) return c;
      }
      return ka.length - kb.length;
    }
  }
  return 0;
}

/**
 * A path as Kubernetes prints it in conflicts (fieldpath.Path.String): `.spec.replicas`,
 * `.spec.containers[name="web"].image`, `.metadata.finalizers[="x"]`, `.spec.args[0]`.
 *
 * @example
 * ```ts
 * pathString(["f:spec", 'k:{"name":"web"}', "f:image"]); // '.spec[name="web"].image'
 * ```
 */
export function pathString(path: Path): string {
  let s = "";
  for (const pe of path) {
    switch (pe[0]) {
      case "f":
        s += "." + pe.slice(2);
        break;
      case "i":
        s += "[" + pe.slice(2) + "]";
        break;
      case "v":
        s += "[=" + goString(payload(pe)) + "]";
        break;
      default: {
        const k = payload(pe) as Record<string, unknown>;
        s += "[" + Object.keys(k).map((n) => `${n}=${goString(k[n])}`).join(",") + "]";
      }
    }
  }
  return s;
}

// value.ToString: strings quoted (%q), the rest as Go prints them.
function goString(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object") return goJson(v);
  return String(v);
}
