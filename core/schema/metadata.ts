/**
 * ObjectMeta validation with Kubernetes' rules and messages (k8s.io/apimachinery/pkg/api/validation
 * objectmeta.go and pkg/apis/meta/v1/validation): name/generateName, namespace, labels, annotations,
 * owner references, finalizers, managed fields, and the immutability rules of an update.
 *
 * @module
 */
import { goJSON, goQuote, utf8Length } from "./_gofmt.ts";
import { forbidden, invalid, nonNegative, notSupported, required, tooLong } from "./field_error.ts";
import {
  isQualifiedName,
  isValidLabelValue,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nameIsPathSegment,
  type NameValidator,
} from "./names.ts";
import type { FieldError } from "./types.ts";

export { objectMetaDecodeError } from "./_object_meta.ts";

/**
 * The size limit of all annotations together, keys and values (TotalAnnotationSizeLimitB).
 *
 * @example
 * ```ts
 * import { TOTAL_ANNOTATION_SIZE_LIMIT } from "./metadata.ts";
 * TOTAL_ANNOTATION_SIZE_LIMIT; // 262144
 * ```
 */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** A kind's name rule by name, for callers that keep it as data. */
export type NameRule = "subdomain" | "label" | "dns1035" | "path";

const NAME_RULES: Record<NameRule, NameValidator> = {
  subdomain: nameIsDNSSubdomain,
  label: nameIsDNSLabel,
  dns1035: nameIsDNS1035Label,
  path: nameIsPathSegment,
};

/** How {@link validateObjectMeta} checks one object. */
export interface ObjectMetaOptions {
  /** The kind is namespaced: a namespace is required; otherwise one is forbidden. */
  namespaced: boolean;
  /**
   * Whether an empty name is fine because generateName is set and the server will generate the name
   * (as it does on create). Default true.
   */
  generateNameAllowed?: boolean;
  /** The kind's name rule; default DNS-1123 subdomain. `nameValidator` wins over `nameRule`. */
  nameRule?: NameRule;
  /** A custom name rule (Kubernetes' ValidateNameFunc). */
  nameValidator?: NameValidator;
  /** The path of the metadata; default "metadata". */
  path?: string;
}

type Meta = Record<string, unknown>;

function asMeta(meta: unknown): Meta {
  return typeof meta === "object" && meta !== null && !Array.isArray(meta) ? meta as Meta : {};
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function stringMap(v: unknown): Record<string, string> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === "string" ? x : "";
  return out;
}

/**
 * ValidateObjectMeta for a create: name (or generateName), namespace presence, generation, labels,
 * annotations, owner references, finalizers and managed fields. Field types are assumed right; use
 * `objectMetaDecodeError` first for input that may not decode.
 *
 * @example
 * ```ts
 * import { validateObjectMeta } from "./metadata.ts";
 * validateObjectMeta({ name: "web" }, { namespaced: true })[0].message; // "Required value"
 * ```
 */
export function validateObjectMeta(meta: unknown, options: ObjectMetaOptions): FieldError[] {
  const m = asMeta(meta);
  const path = options.path ?? "metadata";
  const nameFn = options.nameValidator ?? NAME_RULES[options.nameRule ?? "subdomain"];
  const errors: FieldError[] = [];
  const name = str(m.name);
  const generateName = str(m.generateName);
  if (generateName) {
    for (const msg of nameFn(generateName, true)) {
      errors.push(invalid(`${path}.generateName`, generateName, msg));
    }
  }
  if (!name) {
    if (!(generateName && (options.generateNameAllowed ?? true))) {
      errors.push(required(`${path}.name`, "name or generateName is required"));
    }
  } else {
    for (const msg of nameFn(name, false)) errors.push(invalid(`${path}.name`, name, msg));
  }
  const namespace = str(m.namespace);
  if (options.namespaced) {
    if (!namespace) errors.push(required(`${path}.namespace`));
    else {for (const msg of nameIsDNSLabel(namespace, false)) {
        errors.push(invalid(`${path}.namespace`, namespace, msg));
      }}
  } else if (namespace) {
    errors.push(forbidden(`${path}.namespace`, "not allowed on this type"));
  }
  errors.push(...nonNegative(m.generation, `${path}.generation`));
  errors.push(...validateCommon(m, path));
  errors.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  errors.push(...validateManagedFields(m.managedFields, `${path}.managedFields`));
  return errors;
}

function validateCommon(m: Meta, path: string): FieldError[] {
  return [
    ...validateLabels(m.labels, `${path}.labels`),
    ...validateAnnotations(m.annotations, `${path}.annotations`),
    ...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`),
  ];
}

/**
 * ValidateLabels: keys are qualified names, values valid label values; every error names the
 * `labels` field itself, as Kubernetes does.
 *
 * @example
 * ```ts
 * import { validateLabels } from "./metadata.ts";
 * validateLabels({ app: "-web" }, "metadata.labels")[0].field; // "metadata.labels"
 * ```
 */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(stringMap(labels))) {
    errors.push(...validateLabelName(k, path));
    for (const msg of isValidLabelValue(v)) errors.push(invalid(path, v, msg));
  }
  return errors;
}

/**
 * ValidateLabelName: a label key must be a qualified name.
 *
 * @example
 * ```ts
 * import { validateLabelName } from "./metadata.ts";
 * validateLabelName("a/b/c", "metadata.labels").length; // 1
 * ```
 */
export function validateLabelName(key: string, path: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(path, key, msg));
}

/**
 * ValidateAnnotations: keys are qualified names (case-insensitively) and all keys and values together
 * take at most 256 KiB.
 *
 * @example
 * ```ts
 * import { validateAnnotations } from "./metadata.ts";
 * validateAnnotations({ a: "x".repeat(262144) }, "metadata.annotations")[0].message;
 * // "Too long: may not be more than 262144 bytes"
 * ```
 */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(stringMap(annotations))) {
    for (const msg of isQualifiedName(k.toLowerCase())) errors.push(invalid(path, k, msg));
    size += utf8Length(k) + utf8Length(v);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errors.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errors;
}

/** schema.ParseGroupVersion: "" and "/" are empty, "v1" is a version alone, more than one "/" fails. */
function parseGroupVersion(gv: string): { group: string; version: string } | undefined {
  if (gv === "" || gv === "/") return { group: "", version: "" };
  const parts = gv.split("/");
  if (parts.length === 1) return { group: "", version: gv };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return undefined;
}

/**
 * ValidateOwnerReferences: apiVersion, kind, name and uid are required, Events cannot own, and at most
 * one reference may be the controller.
 *
 * @example
 * ```ts
 * import { validateOwnerReferences } from "./metadata.ts";
 * validateOwnerReferences([{ apiVersion: "v1", kind: "Pod", name: "p" }], "metadata.ownerReferences")[0].field;
 * // "metadata.ownerReferences[0].uid"
 * ```
 */
export function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const errors: FieldError[] = [];
  let firstController = "";
  refs.forEach((raw, i) => {
    const ref = asMeta(raw);
    const p = `${path}[${i}]`;
    const apiVersion = str(ref.apiVersion);
    const kind = str(ref.kind);
    const gv = parseGroupVersion(apiVersion);
    if (!apiVersion) errors.push(required(`${p}.apiVersion`, "must not be empty"));
    else if (!gv || !gv.version) {
      errors.push(invalid(`${p}.apiVersion`, apiVersion, "must be <group>/<version> or <version>"));
    }
    if (!kind) errors.push(required(`${p}.kind`, "must not be empty"));
    if (!str(ref.name)) errors.push(required(`${p}.name`, "must not be empty"));
    if (!str(ref.uid)) errors.push(required(`${p}.uid`, "must not be empty"));
    if (gv && gv.group === "" && gv.version === "v1" && kind === "Event") {
      errors.push({
        ...invalid(p, null, ""),
        message: `Invalid value: ${ownerRefJSON(ref)}: /v1, Kind=Event is disallowed from being an owner`,
      });
    }
    if (ref.controller === true) {
      const current = `${kind}/${str(ref.name)}`;
      if (firstController) {
        errors.push({
          ...invalid(path, null, ""),
          message: `Invalid value: ${
            "[" + refs.map((r) => ownerRefJSON(asMeta(r))).join(",") + "]"
          }: Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
        });
      } else firstController = current;
    }
  });
  return errors;
}

/** An OwnerReference as Go marshals the struct: declared field order, pointers omitted when unset. */
function ownerRefJSON(ref: Meta): string {
  const ordered: Meta = {
    apiVersion: str(ref.apiVersion),
    kind: str(ref.kind),
    name: str(ref.name),
    uid: str(ref.uid),
  };
  if (typeof ref.controller === "boolean") ordered.controller = ref.controller;
  if (typeof ref.blockOwnerDeletion === "boolean") ordered.blockOwnerDeletion = ref.blockOwnerDeletion;
  return goJSON(ordered, false);
}

/**
 * ValidateFinalizers: each a qualified name, and not both "orphan" and "foregroundDeletion".
 *
 * @example
 * ```ts
 * import { validateFinalizers } from "./metadata.ts";
 * validateFinalizers(["orphan", "foregroundDeletion"], "metadata.finalizers")[0].message;
 * // 'Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set'
 * ```
 */
export function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const list = finalizers.map(str);
  const errors: FieldError[] = [];
  for (const f of list) for (const msg of isQualifiedName(f)) errors.push(invalid(path, f, msg));
  if (list.includes("orphan") && list.includes("foregroundDeletion")) {
    errors.push(invalid(path, list, "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  return errors;
}

const MAX_FIELD_MANAGER = 128;
const MAX_SUBRESOURCE = 256;
const NON_PRINTABLE = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/**
 * ValidateManagedFields: operation Apply or Update, fieldsType FieldsV1, manager at most 128 printable
 * characters, subresource at most 256 bytes.
 *
 * @example
 * ```ts
 * import { validateManagedFields } from "./metadata.ts";
 * validateManagedFields([{ manager: "kubectl" }], "metadata.managedFields")[0].field;
 * // "metadata.managedFields[0].operation"
 * ```
 */
export function validateManagedFields(entries: unknown, path: string): FieldError[] {
  if (!Array.isArray(entries)) return [];
  const errors: FieldError[] = [];
  entries.forEach((raw, i) => {
    const e = asMeta(raw);
    const p = `${path}[${i}]`;
    const op = str(e.operation);
    if (!op) errors.push(required(`${p}.operation`, "must not be empty"));
    else if (op !== "Apply" && op !== "Update") {
      errors.push(notSupported(`${p}.operation`, op, ["Apply", "Update"]));
    }
    const fieldsType = str(e.fieldsType);
    if (fieldsType && fieldsType !== "FieldsV1") {
      errors.push(invalid(`${p}.fieldsType`, fieldsType, "must be `FieldsV1`"));
    }
    errors.push(...validateFieldManager(str(e.manager), `${p}.manager`));
    if (utf8Length(str(e.subresource)) > MAX_SUBRESOURCE) {
      errors.push(tooLong(`${p}.subresource`, MAX_SUBRESOURCE));
    }
  });
  return errors;
}

/**
 * ValidateFieldManager: at most 128 bytes, printable characters only.
 *
 * @example
 * ```ts
 * import { validateFieldManager } from "./metadata.ts";
 * validateFieldManager("a\u0007", "fieldManager")[0].message;
 * // 'Invalid value: "a\\a": invalid character U+0007 (at position 1)'
 * ```
 */
export function validateFieldManager(manager: string, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (utf8Length(manager) > MAX_FIELD_MANAGER) errors.push(tooLong(path, MAX_FIELD_MANAGER));
  if (NON_PRINTABLE.test(manager)) {
    let pos = 0;
    for (const ch of manager) {
      if (NON_PRINTABLE.test(ch)) {
        const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
        // Go's %#U adds the quoted character only when it is printable, which these never are.
        errors.push(invalid(path, manager, `invalid character U+${cp} (at position ${pos})`));
      }
      pos += utf8Length(ch);
    }
  }
  return errors;
}

/** The options of {@link validateObjectMetaUpdate}. */
export interface ObjectMetaUpdateOptions {
  /** The path of the metadata; default "metadata". */
  path?: string;
}

/**
 * ValidateObjectMetaUpdate: resourceVersion present, generation not decremented, name, namespace, uid,
 * creationTimestamp, deletionTimestamp and deletionGracePeriodSeconds unchanged, no finalizer added once
 * deletion started, plus the label, annotation, owner-reference and managed-field rules.
 *
 * @example
 * ```ts
 * import { validateObjectMetaUpdate } from "./metadata.ts";
 * validateObjectMetaUpdate({ name: "b", resourceVersion: "2" }, { name: "a" })[0].message;
 * // 'Invalid value: "b": field is immutable'
 * ```
 */
export function validateObjectMetaUpdate(
  newMeta: unknown,
  oldMeta: unknown,
  options: ObjectMetaUpdateOptions = {},
): FieldError[] {
  const n = asMeta(newMeta);
  const o = asMeta(oldMeta);
  const path = options.path ?? "metadata";
  const errors: FieldError[] = [];
  if (o.deletionTimestamp != null) {
    const old = new Set(Array.isArray(o.finalizers) ? o.finalizers.map(str) : []);
    const added = [...new Set(Array.isArray(n.finalizers) ? n.finalizers.map(str) : [])].filter((f) =>
      !old.has(f)
    );
    if (added.length) {
      const list = `[]string{${added.sort().map(goQuote).join(", ")}}`;
      errors.push(
        forbidden(
          `${path}.finalizers`,
          `no new finalizers can be added if the object is being deleted, found new finalizers ${list}`,
        ),
      );
    }
  }
  if (!str(n.resourceVersion)) {
    errors.push(invalid(`${path}.resourceVersion`, "", "must be specified for an update"));
  }
  errors.push(...nonNegative(n.generation, `${path}.generation`));
  const newGen = typeof n.generation === "number" ? n.generation : 0;
  const oldGen = typeof o.generation === "number" ? o.generation : 0;
  if (newGen < oldGen) errors.push(invalid(`${path}.generation`, newGen, "must not be decremented"));
  for (const f of ["name", "namespace", "uid"]) {
    if (str(n[f]) !== str(o[f])) errors.push(invalid(`${path}.${f}`, str(n[f]), "field is immutable"));
  }
  for (const f of ["creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"]) {
    if (!sameInstant(n[f], o[f])) {
      errors.push({
        ...invalid(`${path}.${f}`, null),
        message: `Invalid value: ${goJSON(n[f] ?? null)}: field is immutable`,
      });
    }
  }
  errors.push(...validateCommon(n, path));
  errors.push(...validateManagedFields(n.managedFields, `${path}.managedFields`));
  return errors;
}

function sameInstant(a: unknown, b: unknown): boolean {
  const x = a === "" ? null : a ?? null;
  const y = b === "" ? null : b ?? null;
  if (x === y) return true;
  // metav1.Time compares instants, so "…Z" and "…+00:00" are the same time.
  return typeof x === "string" && typeof y === "string" && !Number.isNaN(Date.parse(x)) &&
    Date.parse(x) === Date.parse(y);
}
