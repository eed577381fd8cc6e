/**
 * The schema checks Kubernetes makes when a CustomResourceDefinition is created or updated
 * (apiextensions-apiserver: pkg/apiserver/schema/validation.go and complete.go for structural schemas,
 * pkg/apiserver/schema/defaulting/validation.go for defaults, and
 * pkg/apis/apiextensions/validation/validation.go for the OpenAPI subset and the x-kubernetes
 * extensions), with the same field paths and wording.
 *
 * @module
 */
import { cloneJson, jsonEqual } from "./json.ts";
import { checkEmbeddedResource } from "./_embedded.ts";
import { fieldPath, joinField, validateOpenAPI } from "./_openapi.ts";
import { goRegExp } from "./_regexp.ts";
import { fieldErrorString, forbidden, invalid, notSupported, required } from "./field_error.ts";
import { pruneValue } from "./prune.ts";
import type { FieldError, JSONSchemaProps } from "./types.ts";

/** Where the schema sits, for error paths. */
export interface StructuralOptions {
  /**
   * The path of the schema, e.g. "spec.versions[0].schema.openAPIV3Schema". Default "": paths are then
   * relative ("properties[spec].type") and errors about the root itself have the empty path.
   */
  path?: string;
}

type Level = "root" | "item" | "field";
type Raw = Record<string, unknown>;

const META_FIELDS = new Set(["metadata", "kind", "apiVersion"]);
const OPENAPI_TYPES = ["array", "boolean", "integer", "number", "object", "string"];

function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

function props(s: JSONSchemaProps): [string, JSONSchemaProps][] {
  return s.properties ? Object.entries(s.properties) : [];
}

/**
 * Every error Kubernetes reports for `schema` as a CRD version's openAPIV3Schema; empty when the CRD
 * would be accepted.
 *
 * @example
 * ```ts
 * import { checkStructural } from "./structural.ts";
 * const errs = checkStructural(
 *   { type: "object", properties: { spec: {} } },
 *   { path: "spec.versions[0].schema.openAPIV3Schema" },
 * );
 * errs[0].field; // "spec.versions[0].schema.openAPIV3Schema.properties[spec].type"
 * errs[0].message; // "Required value: must not be empty for specified object fields"
 * ```
 */
export function checkStructural(schema: JSONSchemaProps, options: StructuralOptions = {}): FieldError[] {
  const path = options.path ?? "";
  const errors: FieldError[] = [];
  if (schema.nullable) errors.push(forbidden(child(path, "nullable"), "nullable cannot be true at the root"));
  const structural = [...invariants(schema, "root", path), ...completeness(schema, path)];
  structural.sort((a, b) => {
    const x = fieldErrorString(a);
    const y = fieldErrorString(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  if (structural.length) errors.push(...structural);
  else errors.push(...validateDefaults(schema, path, true, false));
  errors.push(...openAPISchema(schema, path, { allowDefaults: true, reason: "", insideMeta: false }, true));
  return errors;
}

// --- structural invariants (schema/validation.go) ---------------------------------------------------

function isIntOrStringAnyOf(anyOf: JSONSchemaProps[] | undefined): boolean {
  return anyOf?.length === 2 && jsonEqual(anyOf[0], { type: "integer" }) &&
    jsonEqual(anyOf[1], { type: "string" });
}

function invariants(s: JSONSchemaProps | undefined, lvl: Level, path: string): FieldError[] {
  if (!s) return [];
  const errors: FieldError[] = [];
  if (s.type === "array" && !s.items) errors.push(required(child(path, "items"), "must be specified"));
  errors.push(...invariants(s.items, "item", child(path, "items")));
  for (const [k, v] of props(s)) errors.push(...invariants(v, "field", key(child(path, "properties"), k)));
  if (s.additionalProperties !== undefined) {
    if (lvl === "root") {
      errors.push(forbidden(child(path, "additionalProperties"), "must not be used at the root"));
    }
    if (typeof s.additionalProperties === "object") {
      errors.push(...invariants(s.additionalProperties, "field", child(path, "additionalProperties")));
    }
  }
  const intOrString = s["x-kubernetes-int-or-string"] === true;
  const preserve = s["x-kubernetes-preserve-unknown-fields"] === true;
  const embedded = s["x-kubernetes-embedded-resource"] === true;
  if (intOrString && preserve) {
    errors.push(
      invalid(
        child(path, "x-kubernetes-preserve-unknown-fields"),
        true,
        "must be false if x-kubernetes-int-or-string is true",
      ),
    );
  }
  if (intOrString && embedded) {
    errors.push(
      invalid(
        child(path, "x-kubernetes-embedded-resource"),
        true,
        "must be false if x-kubernetes-int-or-string is true",
      ),
    );
  }
  errors.push(
    ...valueValidation(s, isIntOrStringAnyOf(s.anyOf), isIntOrStringAnyOf(s.allOf?.[0]?.anyOf), path),
  );
  const checkMetadata = lvl === "root" || embedded;
  const type = s.type ?? "";
  if (embedded && type !== "object") {
    const msg = "must be object if x-kubernetes-embedded-resource is true";
    errors.push(type ? invalid(child(path, "type"), type, msg) : required(child(path, "type"), msg));
  } else if (!type && !intOrString && !preserve) {
    const msg = lvl === "root"
      ? "must not be empty at the root"
      : lvl === "item"
      ? "must not be empty for specified array items"
      : "must not be empty for specified object fields";
    errors.push(required(child(path, "type"), msg));
  }
  if (embedded && s.additionalProperties !== undefined) {
    errors.push(
      forbidden(
        child(path, "additionalProperties"),
        "must not be used if x-kubernetes-embedded-resource is set",
      ),
    );
  }
  if (lvl === "root" && type && type !== "object") {
    errors.push(invalid(child(path, "type"), type, "must be object at the root"));
  }
  for (const f of ["kind", "apiVersion"]) {
    const p = s.properties?.[f];
    if (p && checkMetadata && p.type !== "string") {
      errors.push(invalid(child(key(child(path, "properties"), f), "type"), p.type ?? "", "must be string"));
    }
  }
  const metadata = s.properties?.metadata;
  if (metadata) {
    errors.push(
      ...metadataInvariants(metadata, checkMetadata, lvl, key(child(path, "properties"), "metadata")),
    );
  }
  if (embedded && !preserve && !Object.keys(s.properties ?? {}).length) {
    errors.push(
      required(
        child(path, "properties"),
        "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields",
      ),
    );
  }
  return errors;
}

/** Keys that do not make root metadata "specified": ignored there, or not part of a structural schema. */
const IGNORED_IN_METADATA = new Set([
  "type",
  "default",
  "properties",
  "example",
  "externalDocs",
  "$schema",
  "id",
  "$ref",
  "definitions",
  "dependencies",
  "patternProperties",
  "additionalItems",
]);

function metadataInvariants(
  s: JSONSchemaProps,
  checkMetadata: boolean,
  lvl: Level,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (checkMetadata && s.type !== "object") {
    errors.push(invalid(child(path, "type"), s.type ?? "", "must be object"));
  }
  if (lvl === "root") {
    // Only name and generateName may be described; type and default are ignored (checked elsewhere).
    const names = Object.keys(s.properties ?? {});
    const onlyNames = names.every((n) => n === "name" || n === "generateName");
    const rest = Object.keys(s).filter((k) => !IGNORED_IN_METADATA.has(k) && (s as Raw)[k] !== undefined);
    const meaningful = rest.filter((k) => {
      const v = (s as Raw)[k];
      return !(v === false || v === "" || (Array.isArray(v) && !v.length));
    });
    if (meaningful.length || (names.length && !onlyNames)) {
      errors.push(
        forbidden(
          path,
          "must not specify anything other than name and generateName, but metadata is implicitly specified",
        ),
      );
    }
  }
  return errors;
}

function valueValidation(
  s: JSONSchemaProps,
  skipAnyOf: boolean,
  skipFirstAllOfAnyOf: boolean,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!skipAnyOf) {
    s.anyOf?.forEach((v, i) => errors.push(...nested(v, false, false, index(child(path, "anyOf"), i))));
  }
  s.allOf?.forEach((v, i) =>
    errors.push(...nested(v, skipFirstAllOfAnyOf && i === 0, false, index(child(path, "allOf"), i)))
  );
  s.oneOf?.forEach((v, i) => errors.push(...nested(v, false, false, index(child(path, "oneOf"), i))));
  if (s.not) errors.push(...nested(s.not, false, false, child(path, "not")));
  if (s.pattern) {
    const re = goRegExp(s.pattern);
    if (!(re instanceof RegExp)) {
      errors.push(
        invalid(
          child(path, "pattern"),
          s.pattern,
          `must be a valid regular expression, but isn't: ${re.error}`,
        ),
      );
    }
  }
  return errors;
}

/** validateNestedValueValidation: inside allOf/anyOf/oneOf/not only value validations may appear. */
function nested(v: JSONSchemaProps, skipAnyOf: boolean, skipAllOfAnyOf: boolean, path: string): FieldError[] {
  const errors = valueValidation(v, skipAnyOf, skipAllOfAnyOf, path);
  if (v.items) errors.push(...nested(v.items, false, false, child(path, "items")));
  for (const [k, f] of props(v)) errors.push(...nested(f, false, false, key(child(path, "properties"), k)));
  const rule = (cond: unknown, name: string, msg: string) => {
    if (cond) errors.push(forbidden(child(path, name), msg));
  };
  rule(v.type, "type", "must be empty to be structural");
  rule(
    v.additionalProperties !== undefined && v.additionalProperties !== false,
    "additionalProperties",
    "must be undefined to be structural",
  );
  rule(v.default !== undefined && v.default !== null, "default", "must be undefined to be structural");
  rule(v.title, "title", "must be empty to be structural");
  rule(v.description, "description", "must be empty to be structural");
  rule(v.nullable, "nullable", "must be false to be structural");
  rule(
    v["x-kubernetes-preserve-unknown-fields"],
    "x-kubernetes-preserve-unknown-fields",
    "must be false to be structural",
  );
  rule(
    v["x-kubernetes-embedded-resource"],
    "x-kubernetes-embedded-resource",
    "must be false to be structural",
  );
  rule(v["x-kubernetes-int-or-string"], "x-kubernetes-int-or-string", "must be false to be structural");
  rule(
    v["x-kubernetes-list-map-keys"]?.length,
    "x-kubernetes-list-map-keys",
    "must be empty to be structural",
  );
  rule(
    v["x-kubernetes-list-type"] !== undefined,
    "x-kubernetes-list-type",
    "must be undefined to be structural",
  );
  rule(
    v["x-kubernetes-map-type"] !== undefined,
    "x-kubernetes-map-type",
    "must be undefined to be structural",
  );
  rule((v as Raw)["x-kubernetes-validations"], "x-kubernetes-validations", "must be empty to be structural");
  if (v.properties && Object.hasOwn(v.properties, "metadata")) {
    errors.push(
      forbidden(key(child(path, "properties"), "metadata"), "must not be specified in a nested context"),
    );
  }
  return errors;
}

// --- completeness (schema/complete.go) ---------------------------------------------------------------

function completeness(s: JSONSchemaProps, path: string): FieldError[] {
  return valueCompleteness(s, s, path, path);
}

function valueCompleteness(
  v: JSONSchemaProps,
  s: JSONSchemaProps | undefined,
  sPath: string,
  vPath: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (v.not) errors.push(...nestedCompleteness(v.not, s, sPath, child(vPath, "not")));
  v.allOf?.forEach((x, i) =>
    errors.push(...nestedCompleteness(x, s, sPath, index(child(vPath, "allOf"), i)))
  );
  v.anyOf?.forEach((x, i) =>
    errors.push(...nestedCompleteness(x, s, sPath, index(child(vPath, "anyOf"), i)))
  );
  v.oneOf?.forEach((x, i) =>
    errors.push(...nestedCompleteness(x, s, sPath, index(child(vPath, "oneOf"), i)))
  );
  return errors;
}

function nestedCompleteness(
  v: JSONSchemaProps,
  s: JSONSchemaProps | undefined,
  sPath: string,
  vPath: string,
): FieldError[] {
  if (!s) return [required(sPath, `because it is defined in ${vPath}`)];
  const errors = valueCompleteness(v, s, sPath, vPath);
  if (v.items) {
    errors.push(...nestedCompleteness(v.items, s.items, child(sPath, "items"), child(vPath, "items")));
  }
  for (const [k, f] of props(v)) {
    const sp = key(child(sPath, "properties"), k);
    const vp = key(child(vPath, "properties"), k);
    const sf = s.properties?.[k];
    if (!sf) errors.push(required(sp, `because it is defined in ${vp}`));
    else errors.push(...nestedCompleteness(f, sf, sp, vp));
  }
  return errors;
}

// --- defaults (defaulting/validation.go) -------------------------------------------------------------

function validateDefaults(
  s: JSONSchemaProps,
  path: string,
  root: boolean,
  insideMeta: boolean,
): FieldError[] {
  // Kubernetes treats the resource root as an embedded resource here.
  const embedded = root || s["x-kubernetes-embedded-resource"] === true;
  if (embedded) insideMeta = false;
  const errors: FieldError[] = [];
  if (s.default !== undefined && s.default !== null) {
    const at = child(path, "default");
    if (!insideMeta) {
      const pruned = cloneJson(s.default);
      pruneValue(pruned, s);
      if (!jsonEqual(pruned, s.default)) errors.push(invalid(at, s.default, "must not have unknown fields"));
    }
    const meta: FieldError[] = [];
    const kube = validateOpenAPI(s.default, s, at, {
      object(v, node, p) {
        if (!insideMeta && (node.embedded || (!p.parent && embedded))) {
          meta.push(...checkEmbeddedResource(v, joinField(at, fieldPath(p))));
        }
      },
    });
    errors.push(...(meta.length ? meta : kube));
  }
  // Defaults are forbidden under additionalProperties, so only items and properties are followed.
  if (s.items) errors.push(...validateDefaults(s.items, child(path, "items"), false, insideMeta));
  for (const [k, v] of props(s)) {
    const sub = insideMeta || (embedded && META_FIELDS.has(k));
    errors.push(...validateDefaults(v, key(child(path, "properties"), k), false, sub));
  }
  return errors;
}

// --- the OpenAPI subset and extensions (apis/apiextensions/validation) -------------------------------

interface Ssv {
  allowDefaults: boolean;
  reason: string;
  insideMeta: boolean;
}

function standard(s: JSONSchemaProps, path: string, ssv: Ssv): FieldError[] {
  const errors: FieldError[] = [];
  const raw = s as Raw;
  if (s.type && !OPENAPI_TYPES.includes(s.type)) {
    errors.push(notSupported(child(path, "type"), s.type, OPENAPI_TYPES));
  }
  if (s.default !== undefined && !ssv.allowDefaults) {
    errors.push(forbidden(child(path, "default"), "must not be set" + (ssv.reason ? ` ${ssv.reason}` : "")));
  }
  const unsupported: [string, string][] = [
    ["id", "id is not supported"],
    ["additionalItems", "additionalItems is not supported"],
    ["patternProperties", "patternProperties is not supported"],
    ["definitions", "definitions is not supported"],
    ["dependencies", "dependencies is not supported"],
    ["$ref", "$ref is not supported"],
  ];
  for (const [k, msg] of unsupported) {
    const v = raw[k];
    const set = k === "patternProperties" || k === "definitions"
      ? typeof v === "object" && v !== null && Object.keys(v).length > 0
      : v !== undefined && v !== "";
    if (set) errors.push(forbidden(child(path, k), msg));
  }
  if ((s.type as string) === "null") {
    errors.push(forbidden(child(path, "type"), "type cannot be set to null, use nullable as an alternative"));
  }
  if (Array.isArray(s.items)) {
    errors.push(forbidden(child(path, "items"), "items must be a schema object and not an array"));
  }
  if (ssv.insideMeta && s["x-kubernetes-embedded-resource"]) {
    errors.push(
      forbidden(child(path, "x-kubernetes-embedded-resource"), "must not be used inside of resource meta"),
    );
  }
  return errors;
}

function openAPISchema(
  s: JSONSchemaProps | undefined,
  path: string,
  ssv: Ssv,
  isRoot: boolean,
): FieldError[] {
  if (!s || typeof s !== "object") return [];
  const errors = standard(s, path, ssv);
  if (s.uniqueItems) {
    errors.push(
      forbidden(
        child(path, "uniqueItems"),
        "uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
      ),
    );
  }
  const hasProps = Object.keys(s.properties ?? {}).length > 0;
  if (s.additionalProperties !== undefined) {
    if (hasProps && s.additionalProperties !== true) {
      errors.push(
        forbidden(
          child(path, "additionalProperties"),
          "additionalProperties and properties are mutual exclusive",
        ),
      );
    }
    const sub = ssv.insideMeta
      ? { ...ssv, allowDefaults: false, reason: "inside additionalProperties applying to object metadata" }
      : ssv;
    if (typeof s.additionalProperties === "object") {
      errors.push(...openAPISchema(s.additionalProperties, child(path, "additionalProperties"), sub, false));
    }
  }
  for (const [k, v] of props(s)) {
    let sub = ssv;
    if ((isRoot || s["x-kubernetes-embedded-resource"]) && META_FIELDS.has(k)) {
      sub = { ...sub, insideMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, reason: `in top-level ${k}` };
    }
    errors.push(...openAPISchema(v, key(child(path, "properties"), k), sub, false));
  }
  if (s.not) errors.push(...openAPISchema(s.not, child(path, "not"), ssv, false));
  s.allOf?.forEach((v, i) => errors.push(...openAPISchema(v, index(child(path, "allOf"), i), ssv, false)));
  s.oneOf?.forEach((v, i) => errors.push(...openAPISchema(v, index(child(path, "oneOf"), i), ssv, false)));
  s.anyOf?.forEach((v, i) => errors.push(...openAPISchema(v, index(child(path, "anyOf"), i), ssv, false)));
  if (s.items && !Array.isArray(s.items)) {
    errors.push(...openAPISchema(s.items, child(path, "items"), ssv, false));
  }
  errors.push(...extensions(s, path));
  return errors;
}

function extensions(s: JSONSchemaProps, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = s.type ?? "";
  const listType = s["x-kubernetes-list-type"];
  const mapType = s["x-kubernetes-map-type"];
  const keys = s["x-kubernetes-list-map-keys"] ?? [];
  const items = s.items && !Array.isArray(s.items) ? s.items : undefined;
  if (s["x-kubernetes-preserve-unknown-fields"] === false) {
    errors.push(
      invalid(child(path, "x-kubernetes-preserve-unknown-fields"), false, "must be true or undefined"),
    );
  }
  if (mapType !== undefined && type !== "object") {
    const msg = "must be object if x-kubernetes-map-type is specified";
    errors.push(type ? invalid(child(path, "type"), type, msg) : required(child(path, "type"), msg));
  }
  if (mapType !== undefined && mapType !== "atomic" && mapType !== "granular") {
    errors.push(notSupported(child(path, "x-kubernetes-map-type"), mapType, ["atomic", "granular"]));
  }
  if (listType !== undefined && type !== "array") {
    const msg = "must be array if x-kubernetes-list-type is specified";
    errors.push(type ? invalid(child(path, "type"), type, msg) : required(child(path, "type"), msg));
  } else if (listType === "set" && items) {
    const msg = "must be atomic as item of a list with x-kubernetes-list-type=set";
    const itemListType = items["x-kubernetes-list-type"];
    if (items.type === "array" && itemListType !== undefined && itemListType !== "atomic") {
      errors.push(invalid(child(child(path, "items"), "x-kubernetes-list-type"), itemListType, msg));
    } else if (items.type === "object" && items["x-kubernetes-map-type"] !== "atomic") {
      // Kubernetes prints the item's list type here (normally unset, so null), not its map type.
      errors.push(invalid(child(child(path, "items"), "x-kubernetes-map-type"), itemListType ?? null, msg));
    }
  }
  if (listType !== undefined && listType !== "atomic" && listType !== "set" && listType !== "map") {
    errors.push(notSupported(child(path, "x-kubernetes-list-type"), listType, ["atomic", "set", "map"]));
  }
  if (keys.length) {
    const msg = "must be map if x-kubernetes-list-map-keys is non-empty";
    if (listType === undefined) errors.push(required(child(path, "x-kubernetes-list-type"), msg));
    else if (listType !== "map") errors.push(invalid(child(path, "x-kubernetes-list-type"), listType, msg));
  }
  if (listType === "map") {
    if (!keys.length) {
      errors.push(
        required(
          child(path, "x-kubernetes-list-map-keys"),
          "must not be empty if x-kubernetes-list-type is map",
        ),
      );
    }
    if (!s.items) {
      errors.push(required(child(path, "items"), "must have a schema if x-kubernetes-list-type is map"));
    }
    if (Array.isArray(s.items)) {
      errors.push(
        invalid(
          child(path, "items"),
          s.items,
          "must only have a single schema if x-kubernetes-list-type is map",
        ),
      );
    }
    if (items && items.type !== "object") {
      errors.push(
        invalid(
          child(child(path, "items"), "type"),
          items.type ?? "",
          "must be object if parent array's x-kubernetes-list-type is map",
        ),
      );
    }
    if (items && items.type === "object") {
      const seen = new Set<string>();
      for (const k of keys) {
        const p = items.properties?.[k];
        if (p) {
          if (p.type === "array" || p.type === "object") {
            errors.push(
              invalid(
                child(key(child(child(path, "items"), "properties"), k), "type"),
                items.type,
                "must be a scalar type if parent array's x-kubernetes-list-type is map",
              ),
            );
          }
        } else {
          errors.push(
            invalid(
              child(path, "x-kubernetes-list-map-keys"),
              keys,
              "entries must all be names of item properties",
            ),
          );
        }
        if (seen.has(k)) {
          errors.push(
            invalid(child(path, "x-kubernetes-list-map-keys"), keys, "must not contain duplicate entries"),
          );
        }
        seen.add(k);
      }
    }
  }
  if (items && (listType === "set" || listType === "map")) {
    if (items.nullable) {
      errors.push(
        forbidden(
          child(child(path, "items"), "nullable"),
          `cannot be nullable when x-kubernetes-list-type is ${listType}`,
        ),
      );
    }
    if (listType === "map") {
      const req = new Set(items.required ?? []);
      for (const k of keys) {
        const p = items.properties?.[k];
        if (!p) continue;
        const at = key(child(child(path, "items"), "properties"), k);
        if (!req.has(k) && p.default === undefined) {
          errors.push(
            required(
              child(at, "default"),
              "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
            ),
          );
        }
        if (p.nullable) {
          errors.push(
            forbidden(
              child(at, "nullable"),
              "this property is in x-kubernetes-list-map-keys, so it cannot be nullable",
            ),
          );
        }
      }
    }
  }
  return errors;
}
