/**
 * kube-openapi's schema validator (k8s.io/kube-openapi/pkg/validation/validate), reproduced closely
 * enough that every error carries the same path, value and wording: the same validators run in the same
 * order (type, anyOf/oneOf/allOf/not, string, format, number, slice, enum, object), errors are
 * de-duplicated by message, and anyOf/oneOf report the failures of the branch with the most passing
 * checks (MatchCount). The walk also calls back at each node of the structural spine so the
 * embedded-resource and list-type checks ride along without a second traversal.
 *
 * @module
 */
import { additionalNode, compile, itemsNode, type Node } from "./_compile.ts";
import { jsonEqual } from "./json.ts";
import { goFloat, goJSON, goQuote, isInt64, runeCount } from "./_gofmt.ts";
import { invalid, notSupported, required, tooLong, tooMany, typeInvalid } from "./field_error.ts";
import type { FieldError, JSONSchemaProps } from "./types.ts";
import { Path, rootPath } from "./_path.ts";

export { fieldPath, joinField, Path } from "./_path.ts";

const PLAIN = 0;
const INVALID_TYPE = 1;
const REQUIRED = 2;
const TOO_LONG = 3;
const ENUM = 4;
const MAX_ITEMS = 5;
const TOO_MANY_PROPERTIES = 6;
const OTHER = 7;

/** One kube-openapi error: a Validation (code, name, value) or a plain error (code PLAIN). */
interface KubeError {
  code: number;
  name: string | Path;
  value: unknown;
  valid?: number;
  values?: readonly unknown[];
  /** The message, built only when needed: failing anyOf branches are common and mostly discarded. */
  msg: () => string;
  text?: string;
}

function text(e: KubeError): string {
  return e.text ??= e.msg();
}

/** A validation result: errors in order, de-duplicated by message, and the count of passing checks. */
class Result {
  errors: KubeError[] = [];
  count = 0;
  #seen: Set<string> | undefined;

  add(e: KubeError): void {
    if (this.errors.length) {
      this.#seen ??= new Set(this.errors.map(text));
      const t = text(e);
      if (this.#seen.has(t)) return;
      this.#seen.add(t);
    }
    this.errors.push(e);
  }

  merge(r: Result): void {
    for (const e of r.errors) this.add(e);
    this.count += r.count;
  }
}

/** Callbacks for the structural spine (properties, additionalProperties, items; not allOf & co). */
export interface SpineVisitor {
  object?(value: Record<string, unknown>, node: Node, path: Path): void;
  array?(value: unknown[], node: Node, path: Path): void;
}

function plain(msg: () => string): KubeError {
  return { code: PLAIN, name: "", value: undefined, msg };
}

function invalidType(name: Path, type: string, value: string): KubeError {
  return {
    code: INVALID_TYPE,
    name,
    value,
    msg: () => `${name} in body must be of type ${type}: ${goQuote(value)}`,
  };
}

type Kind = "string" | "int" | "float" | "bool" | "slice" | "map";

function kindOf(v: unknown): Kind {
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return isInt64(v) ? "int" : "float";
    case "boolean":
      return "bool";
    default:
      return Array.isArray(v) ? "slice" : "map";
  }
}

const SCHEMA_TYPE: Record<Kind, string> = {
  string: "string",
  int: "integer",
  float: "number",
  bool: "boolean",
  slice: "array",
  map: "object",
};
const DATA_FORMAT: Record<Kind, string> = {
  string: "",
  int: "int64",
  float: "float64",
  bool: "",
  slice: "",
  map: "",
};

const MAX_JSON_FLOAT = 9007199254740991;

/** swag.IsFloat64AJSONInteger, as it behaves on amd64 (negative non-integers never qualify). */
function isJSONInteger(f: number): boolean {
  if (!Number.isFinite(f) || f < -MAX_JSON_FLOAT || f > MAX_JSON_FLOAT) return false;
  if (Number.isInteger(f)) return true;
  if (f < 0) return false;
  const g = Math.trunc(f);
  if (g === 0) return false;
  return Math.abs(f - g) / (f + g) < 1e-9;
}

function allows(n: Node, kind: Kind): boolean {
  switch (kind) {
    case "string":
      return n.allowsString;
    case "int":
      return n.allowsInteger;
    case "float":
      return n.allowsNumber;
    case "bool":
      return n.allowsBoolean;
    case "slice":
      return n.allowsArray;
    case "map":
      return n.allowsObject;
  }
}

/** typeValidator: null against nullable, integer vs number, and the format-vs-type check. */
function checkType(data: unknown, n: Node, name: Path, res: Result): void {
  if (data === null) {
    if (n.hasType && !n.nullable && !n.types.includes("null")) res.add(invalidType(name, n.typeName, "null"));
    else res.count++;
    return;
  }
  const kind = kindOf(data);
  const matches = allows(n, kind);
  const isFloatInt = kind === "float" && n.allowsInteger && isJSONInteger(data as number);
  const isIntFloat = kind === "int" && n.allowsNumber;
  if (
    kind !== "string" && kind !== "slice" && n.format &&
    !(matches || DATA_FORMAT[kind] === n.format || isFloatInt || isIntFloat)
  ) {
    res.add(invalidType(name, n.format, DATA_FORMAT[kind]));
    return;
  }
  // Kubernetes lets a string through here whenever a format is set on a non-numeric type, and an array
  // too (Go's []byte case). Skiff keeps the array exception only for a schema without a type: an array
  // is no string, and built-in kinds, which Go would refuse to decode, are served from these schemas.
  if (
    !n.allowsNumber && !n.allowsInteger && n.format && (kind === "string" || (kind === "slice" && !n.hasType))
  ) {
    res.count++;
    return;
  }
  if (!(matches || isFloatInt || isIntFloat)) {
    res.add(invalidType(name, n.typeName, SCHEMA_TYPE[kind]));
    return;
  }
  res.count++;
}

const MAX_INT64 = 9223372036854775807;
const MAX_INT32 = 2147483647;
const MAX_FLOAT32 = 3.4028234663852886e38;

/** IsValueValidAgainstRange: the plain error when `val` does not fit the node's numeric type/format. */
function rangeError(
  val: number,
  valIsInt: boolean,
  n: Node,
  prefix: string,
  name: Path,
): string | undefined {
  let ok = true;
  if (n.numType === "integer") {
    // Go formats the value and parses it back as an integer: fractions and overflow fail.
    const int = valIsInt || (Number.isInteger(val) && Math.abs(val) <= MAX_INT64);
    ok = int && (n.numFormat !== "int32" || (val >= -MAX_INT32 - 1 && val <= MAX_INT32));
  } else if (n.numType === "number" && n.numFormat === "float") {
    ok = Math.abs(val) <= MAX_FLOAT32;
  }
  if (ok) return undefined;
  return n.numFormat
    ? `${prefix} value must be of type ${n.numType} with format ${n.numFormat} in ${name}`
    : `${prefix} value must be of type ${n.numType} (default format) in ${name}`;
}

function multipleOf(name: Path, data: number, factor: number, asInt: boolean): KubeError | undefined {
  if (asInt) {
    const f = Math.trunc(factor);
    if (f <= 0) {
      return {
        code: OTHER,
        name,
        value: f,
        msg: () => `factor MultipleOf declared for ${name} must be positive: ${f}`,
      };
    }
    if (Math.trunc(data / f) * f === data) return undefined;
    return { code: OTHER, name, value: data, msg: () => `${name} in body should be a multiple of ${f}` };
  }
  if (factor <= 0) {
    return {
      code: OTHER,
      name,
      value: factor,
      msg: () => `factor MultipleOf declared for ${name} must be positive: ${goFloat(factor)}`,
    };
  }
  const mult = factor < 1 ? (1 / factor) * data : data / factor;
  if (isJSONInteger(mult)) return undefined;
  return {
    code: OTHER,
    name,
    value: data,
    msg: () => `${name} in body should be a multiple of ${goFloat(factor)}`,
  };
}

function bound(name: Path, data: number, limit: number, exclusive: boolean, max: boolean, asInt: boolean) {
  const l = asInt ? Math.trunc(limit) : limit;
  const fails = max ? (exclusive ? data >= l : data > l) : (exclusive ? data <= l : data < l);
  if (!fails) return undefined;
  const text = asInt ? String(l) : goFloat(l);
  const rel = max
    ? (exclusive ? "less than" : "less than or equal to")
    : (exclusive ? "greater than" : "greater than or equal to");
  return {
    code: OTHER,
    name,
    value: data,
    msg: () => `${name} in body should be ${rel} ${text}`,
  } as KubeError;
}

/** numberValidator: range of the value's type, then multipleOf, minimum and maximum in that order. */
function checkNumber(data: number, n: Node, name: Path, res: Result): void {
  const isInt = isInt64(data);
  res.count++;
  if (n.numType) {
    const range = rangeError(data, isInt, n, "Checked", name);
    if (range) res.add(plain(() => range));
  }
  if (n.multipleOf !== undefined) {
    const err = rangeError(n.multipleOf, false, n, "MultipleOf", name);
    if (err) res.add(plain(() => err));
    const e = multipleOf(name, data, n.multipleOf, !err && isInt);
    if (e) res.add(e);
  }
  if (n.minimum !== undefined) {
    const err = rangeError(n.minimum, false, n, "Minimum boundary", name);
    if (err) res.add(plain(() => err));
    const e = bound(name, data, n.minimum, n.exclusiveMinimum, false, !err && isInt);
    if (e) res.add(e);
  }
  if (n.maximum !== undefined) {
    const err = rangeError(n.maximum, false, n, "Maximum boundary", name);
    if (err) res.add(plain(() => err));
    const e = bound(name, data, n.maximum, n.exclusiveMaximum, true, !err && isInt);
    if (e) res.add(e);
  }
}

/** stringValidator: maxLength, minLength (in runes), then pattern; only the first failure is reported. */
function checkString(data: string, n: Node, name: Path, res: Result): void {
  if (n.maxLength !== undefined && runeCount(data) > n.maxLength) {
    res.add({
      code: TOO_LONG,
      name,
      value: data,
      valid: n.maxLength,
      msg: () => `${name} in body should be at most ${n.maxLength} chars long`,
    });
    return;
  }
  if (n.minLength !== undefined && runeCount(data) < n.minLength) {
    res.add({
      code: OTHER,
      name,
      value: data,
      msg: () => `${name} in body should be at least ${n.minLength} chars long`,
    });
    return;
  }
  if (n.pattern) {
    if (!n.pattern.test(data)) {
      res.add({
        code: OTHER,
        name,
        value: data,
        msg: () => `${name} in body should match '${n.patternSource}'`,
      });
    }
  } else if (n.patternError) {
    res.add({
      code: OTHER,
      name,
      value: data,
      msg: () =>
        `${name} in body should match '${n.patternSource}, but pattern is invalid: ${n.patternError}'`,
    });
  }
}

/** reflect's ConvertibleTo + DeepEqual, as basicCommonValidator compares a value with an enum member. */
function enumMatches(data: unknown, member: unknown): boolean {
  if (member === null || member === undefined || data === null) return false;
  switch (typeof member) {
    case "string":
      if (typeof data === "string") return data === member;
      // Go converts an integer to the string of that rune before comparing.
      if (typeof data === "number" && isInt64(data)) {
        const rune = data >= 0 && data <= 0x10ffff && (data < 0xd800 || data > 0xdfff) ? data : 0xfffd;
        return String.fromCodePoint(rune) === member;
      }
      return false;
    case "number":
      if (typeof data !== "number") return false;
      return isInt64(member) ? Math.trunc(data) === member : data === member;
    case "boolean":
      return data === member;
    default:
      if (Array.isArray(member) !== Array.isArray(data) || typeof data !== "object") return false;
      return jsonEqual(data, member);
  }
}

function checkEnum(data: unknown, n: Node, name: Path, res: Result): void {
  const members = n.enumValues;
  if (!members) return;
  for (const m of members) if (enumMatches(data, m)) return;
  res.add({
    code: ENUM,
    name,
    value: data,
    values: members,
    msg: () => `${name} in body should be one of ${goJSON(members)}`,
  });
}

/** The validation walk over one schema; `spine` is set on the structural spine only. */
class Walker {
  constructor(readonly visitor: SpineVisitor | undefined) {}

  validate(data: unknown, n: Node, path: Path, res: Result, spine: boolean): void {
    const name = path;
    if (data === null || data === undefined) {
      checkType(null, n, name, res);
      checkEnum(null, n, name, res);
      return;
    }
    const kind = kindOf(data);
    if (spine && this.visitor) {
      if (kind === "map") this.visitor.object?.(data as Record<string, unknown>, n, path);
      else if (kind === "slice") this.visitor.array?.(data as unknown[], n, path);
    }
    if (n.hasType || n.format) {
      checkType(data, n, name, res);
      res.count++;
    }
    if (n.composite) this.#schemaProps(data, n, path, res);
    else res.count++;
    res.count++;
    if (kind === "string") {
      checkString(data as string, n, name, res);
      res.count++;
      if (n.formatCheck) {
        if (!n.formatCheck(data as string)) res.add(invalidType(name, n.format, data as string));
        res.count++;
      }
    } else if (kind === "int" || kind === "float") {
      checkNumber(data as number, n, name, res);
      res.count++;
    } else if (kind === "slice") {
      this.#slice(data as unknown[], n, path, res, spine);
      res.count++;
    }
    checkEnum(data, n, name, res);
    res.count++;
    if (kind === "map") {
      this.#object(data as Record<string, unknown>, n, path, res, spine);
      res.count++;
    }
    res.count++;
  }

  #branch(data: unknown, schema: JSONSchemaProps, path: Path): Result {
    const r = new Result();
    this.validate(data, compile(schema), path, r, false);
    return r;
  }

  #schemaProps(data: unknown, n: Node, path: Path, res: Result): void {
    const name = path;
    const s = n;
    if (s.anyOf) {
      let best: Result | undefined;
      let first: Result | undefined;
      let succeeded = false;
      for (const sub of s.anyOf) {
        const r = this.#branch(data, sub, path);
        if (!r.errors.length) {
          best = undefined;
          succeeded = true;
          first ??= r;
          break;
        }
        if (!best || r.count > best.count) best = r;
      }
      if (!succeeded) {
        res.add(plain(() => `${goQuote(String(name))} must validate at least one schema (anyOf)`));
      }
      if (best) res.merge(best);
      else if (first) res.merge(first);
    }
    if (s.oneOf) {
      let best: Result | undefined;
      let first: Result | undefined;
      let validated = 0;
      for (const sub of s.oneOf) {
        const r = this.#branch(data, sub, path);
        if (!r.errors.length) {
          validated++;
          best = undefined;
          first ??= r;
          continue;
        }
        if (validated === 0 && (!best || r.count > best.count)) best = r;
      }
      if (validated !== 1) {
        const more = validated === 0 ? "Found none valid" : `Found ${validated} valid alternatives`;
        res.add(
          plain(() => `${goQuote(String(name))} must validate one and only one schema (oneOf). ${more}`),
        );
        if (best) res.merge(best);
      } else if (first) res.merge(first);
    }
    if (s.allOf) {
      let validated = 0;
      for (const sub of s.allOf) {
        const r = this.#branch(data, sub, path);
        if (!r.errors.length) validated++;
        res.merge(r);
      }
      if (validated !== s.allOf.length) {
        res.add(
          plain(() =>
            `${goQuote(String(name))} must validate all the schemas (allOf)${
              validated === 0 ? ". None validated" : ""
            }`
          ),
        );
      }
    }
    if (s.not) {
      const r = this.#branch(data, s.not, path);
      if (!r.errors.length) {
        res.add(plain(() => `${goQuote(String(name))} must not validate the schema (not)`));
      }
    }
    res.count++;
  }

  #slice(data: unknown[], n: Node, path: Path, res: Result, spine: boolean): void {
    const name = path;
    const s = n;
    const items = itemsNode(n);
    if (items) {
      for (let i = 0; i < data.length; i++) {
        this.validate(data[i], items, new Path(path, i, false), res, spine);
      }
    }
    if (s.minItems !== undefined && data.length < s.minItems) {
      res.add({
        code: OTHER,
        name,
        value: data.length,
        msg: () => `${name} in body should have at least ${s.minItems} items`,
      });
    }
    if (s.maxItems !== undefined && data.length > s.maxItems) {
      res.add({
        code: MAX_ITEMS,
        name,
        value: data.length,
        valid: s.maxItems,
        msg: () => `${name} in body should have at most ${s.maxItems} items`,
      });
    }
    if (s.uniqueItems && hasDuplicate(data)) {
      res.add({
        code: OTHER,
        name,
        value: undefined,
        msg: () => `${name} in body shouldn't contain duplicates`,
      });
    }
    res.count++;
  }

  #object(
    data: Record<string, unknown>,
    n: Node,
    path: Path,
    res: Result,
    spine: boolean,
  ): void {
    const name = path;
    const s = n;
    const keys = Object.keys(data);
    let count = keys.length;
    if (s.minProperties !== undefined || s.maxProperties !== undefined) {
      for (const k of keys) if (data[k] === undefined) count--;
    }
    if (s.minProperties !== undefined && count < s.minProperties) {
      res.add({
        code: OTHER,
        name,
        value: count,
        msg: () => `${name} in body should have at least ${s.minProperties} properties`,
      });
    }
    if (s.maxProperties !== undefined && count > s.maxProperties) {
      res.add({
        code: TOO_MANY_PROPERTIES,
        name,
        value: count,
        valid: s.maxProperties,
        msg: () => `${name} in body should have at most ${s.maxProperties} properties`,
      });
    }
    // One pass over the value's own fields, in their order. (Kubernetes visits Go maps, whose order is
    // random; document order gives the same errors, predictably.)
    const props = n.propNodes;
    const additional = n.additional;
    if (props || additional === false || typeof additional === "object") {
      for (const k of keys) {
        const v = data[k];
        if (v === undefined) continue;
        const pn = props?.get(k);
        if (pn) this.validate(v, pn, new Path(path, k, false), res, spine);
        else if (additional === false) {
          res.add({ code: OTHER, name, value: k, msg: () => `${name}.${k} in body is a forbidden property` });
        } else if (typeof additional === "object") {
          this.validate(v, additionalNode(n)!, new Path(path, k, true), res, spine);
        }
      }
    }
    for (const k of n.required) {
      if (data[k] === undefined || !Object.hasOwn(data, k)) {
        res.add({
          code: REQUIRED,
          name: `${name}.${k}`,
          value: undefined,
          msg: () => `${name}.${k} in body is required`,
        });
      }
    }
  }
}

function hasDuplicate(data: unknown[]): boolean {
  for (let i = 1; i < data.length; i++) {
    for (let j = 0; j < i; j++) if (jsonEqual(data[i], data[j])) return true;
  }
  return false;
}

/**
 * Runs kube-openapi validation of `value` against `schema`, calling `visitor` along the structural spine,
 * and returns the errors as apiextensions turns them into field errors (kubeOpenAPIResultToFieldErrors):
 * paths under `basePath`, root-level and composite errors at `basePath` or "<nil>".
 *
 * @example
 * ```ts
 * import { validateOpenAPI } from "./_openapi.ts";
 * validateOpenAPI(1, { type: "string" }, "spec.x")[0].field; // "spec.x"
 * ```
 */
export function validateOpenAPI(
  value: unknown,
  schema: JSONSchemaProps,
  basePath: string,
  visitor?: SpineVisitor,
): FieldError[] {
  const res = new Result();
  new Walker(visitor).validate(value, compile(schema), rootPath(), res, true);
  return res.errors.map((e) => toFieldError(e, basePath));
}

function toFieldError(e: KubeError, base: string): FieldError {
  const root = base || "<nil>";
  if (e.code === PLAIN) return invalid(root, "", text(e));
  let field = base;
  const name = String(e.name);
  if (name && name !== ".") {
    const child = name.startsWith(".") ? name.slice(1) : name;
    field = base ? `${base}.${child}` : child;
  }
  field ||= "<nil>";
  switch (e.code) {
    case REQUIRED:
      return required(field);
    case ENUM:
      return notSupported(
        field,
        e.value ?? null,
        (e.values ?? []).map((v) => typeof v === "string" ? v : goJSON(v)),
      );
    case TOO_LONG:
      return tooLong(field, e.valid ?? -1);
    case MAX_ITEMS:
    case TOO_MANY_PROPERTIES:
      return tooMany(field, e.value as number, e.valid ?? -1);
    case INVALID_TYPE:
      return typeInvalid(field, e.value ?? "", text(e));
    default:
      return invalid(field, e.value ?? "", text(e));
  }
}
