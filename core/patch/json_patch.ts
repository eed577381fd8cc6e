/**
 * application/json-patch+json (RFC 6902) as the Kubernetes API server applies it, through
 * evanphx/json-patch v4: the same checks, the same error texts, the same leniencies.
 *
 * @module
 */
import { PatchError } from "./errors.ts";
import type { PatchOptions } from "./types.ts";
import { cloneJson, hasOwn, isObject, jsonEqual, type JsonObject, jsonTypeName } from "./_json.ts";
import { addIn, type Container, findContainer, getIn, OpFailed, removeIn, setIn } from "./_json_patch_doc.ts";

/** Kubernetes refuses JSON patches with more operations than this (413). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/**
 * Applies a JSON patch (a list of `add`, `remove`, `replace`, `move`, `copy` and `test` operations) to a
 * copy of `doc`; `doc` and `ops` are left as they were. Operations apply in order and the first that fails
 * fails the whole patch.
 *
 * As in Kubernetes: a body that is not a list of operations is a 400, more than 10000 operations a 413,
 * and an operation that cannot apply a 422 whose Status message is always "the server rejected our
 * request due to an error in our request" (the library's reason, such as `add operation does not apply:
 * doc is missing path: "/spec/foo": missing value` or `testing value /x failed: test failed`, is in
 * {@link PatchError.detail}). Kubernetes' library also accepts a negative array index (from the end),
 * `replace` of an object key that does not exist (it adds it), a `test` of a missing or null value against
 * `null`, and a `copy` from a missing object key (it copies null); so does this function. Unlike it, values
 * compare by JSON value, not by their bytes (`1` equals `1.0`).
 *
 * @example
 * ```ts
 * const pod = { metadata: { name: "web", labels: { app: "web" } } };
 * const out = applyJsonPatch(pod, [
 *   { op: "test", path: "/metadata/labels/app", value: "web" },
 *   { op: "add", path: "/metadata/labels/tier", value: "front" },
 * ]);
 * // out.metadata.labels is { app: "web", tier: "front" }; pod is unchanged
 * ```
 */
export function applyJsonPatch(doc: unknown, ops: unknown, options: PatchOptions = {}): unknown {
  if (!isObject(doc) && !Array.isArray(doc)) {
    throw new TypeError("applyJsonPatch: doc must be an object or array");
  }
  if ((options.fieldValidation ?? "Warn") !== "Ignore") strictDecode(ops);
  const list = decode(ops);
  if (list.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      413,
      "RequestEntityTooLarge",
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${list.length}`,
    );
  }
  let root = cloneJson(doc) as Container;
  for (const op of list) {
    try {
      root = applyOperation(root, op ?? {});
    } catch (e) {
      if (e instanceof OpFailed) throw PatchError.rejected(e.message);
      throw e;
    }
  }
  return root;
}

/** Kubernetes first decodes the body into `[]jsonPatchOp{op, path, from string; value any}`, strictly. */
function strictDecode(ops: unknown): void {
  const fail = (what: string) =>
    PatchError.badRequest(`error decoding patch: json: cannot unmarshal ${what}`);
  if (ops === null) return;
  if (!Array.isArray(ops)) throw fail(`${jsonTypeName(ops)} into Go value of type []handlers.jsonPatchOp`);
  for (const op of ops) {
    if (op === null) continue;
    if (!isObject(op)) throw fail(`${jsonTypeName(op)} into Go value of type handlers.jsonPatchOp`);
    for (const [k, v] of Object.entries(op)) {
      if ((k === "op" || k === "path" || k === "from") && v !== null && typeof v !== "string") {
        throw fail(`${jsonTypeName(v)} into Go struct field jsonPatchOp.${k} of type string`);
      }
    }
  }
}

/** The library's own decoding (all that runs under fieldValidation=Ignore). */
function decode(ops: unknown): (JsonObject | null)[] {
  if (ops === null) return [];
  const fail = (what: string) => PatchError.badRequest(`json: cannot unmarshal ${what}`);
  if (!Array.isArray(ops)) throw fail(`${jsonTypeName(ops)} into Go value of type jsonpatch.Patch`);
  for (const op of ops) {
    if (op !== null && !isObject(op)) {
      throw fail(`${jsonTypeName(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  return ops;
}

function applyOperation(root: Container, op: JsonObject): Container {
  const kind = typeof op.op === "string" && hasOwn(op, "op") ? op.op : "unknown";
  switch (kind) {
    case "add":
      add(root, op);
      return root;
    case "remove":
      remove(root, op);
      return root;
    case "replace":
      return replace(root, op);
    case "move":
      move(root, op);
      return root;
    case "copy":
      copy(root, op);
      return root;
    case "test":
      test(root, op);
      return root;
    default:
      throw new OpFailed(`Unexpected kind: ${kind}`);
  }
}

function field(op: JsonObject, name: "path" | "from"): string {
  const v = hasOwn(op, name) ? op[name] : null;
  if (v === null) {
    throw new OpFailed(
      name === "path"
        ? "operation missing path field: missing value"
        : "operation, missing from field: missing value",
    );
  }
  if (typeof v !== "string") {
    throw new OpFailed(`json: cannot unmarshal ${jsonTypeName(v)} into Go value of type string`);
  }
  return v;
}

/** Runs `fn`, rewording its failure with `wrap`. */
function wrapped<T>(fn: () => T, wrap: (message: string) => string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof OpFailed) throw new OpFailed(wrap(e.message));
    throw e;
  }
}

/** The operation's value, copied; an absent value is null, as the library writes it. */
function value(op: JsonObject): unknown {
  return hasOwn(op, "value") ? cloneJson(op.value) : null;
}

function add(root: Container, op: JsonObject): void {
  const path = wrapped(() => field(op, "path"), () => "add operation failed to decode path: missing value");
  const at = findContainer(root, path);
  if (!at) throw new OpFailed(`add operation does not apply: doc is missing path: "${path}": missing value`);
  wrapped(() => addIn(at[0], at[1], value(op)), (m) => `error in add for path: '${path}': ${m}`);
}

function remove(root: Container, op: JsonObject): void {
  const path = wrapped(
    () => field(op, "path"),
    () => "remove operation failed to decode path: missing value",
  );
  const at = findContainer(root, path);
  if (!at) {
    throw new OpFailed(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  }
  wrapped(() => removeIn(at[0], at[1]), (m) => `error in remove for path: '${path}': ${m}`);
}

function replace(root: Container, op: JsonObject): Container {
  const path = wrapped(() => field(op, "path"), (m) => `replace operation failed to decode path: ${m}`);
  if (path === "") {
    // The library dereferences the missing value here.
    if (!hasOwn(op, "value")) throw PatchError.panicked("replace of the whole document without a value");
    const v = op.value;
    // The library wraps a nil error here, hence Go's "%!w(<nil>)".
    if (!isObject(v) && !Array.isArray(v)) {
      throw new OpFailed("replace operation value must be object or array: %!w(<nil>)");
    }
    return cloneJson(v);
  }
  const at = findContainer(root, path);
  if (!at) {
    throw new OpFailed(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  }
  wrapped(
    () => getIn(at[0], at[1]),
    () => `replace operation does not apply: doc is missing key: ${path}: missing value`,
  );
  setIn(at[0], at[1], value(op));
  return root;
}

function move(root: Container, op: JsonObject): void {
  const from = wrapped(() => field(op, "from"), (m) => `move operation failed to decode from: ${m}`);
  const src = findContainer(root, from);
  if (!src) {
    throw new OpFailed(`move operation does not apply: doc is missing from path: ${from}: missing value`);
  }
  const [container, key] = src;
  const v = wrapped(() => getIn(container, key), (m) => `error in move for path: '${key}': ${m}`);
  wrapped(() => removeIn(container, key), (m) => `error in move for path: '${key}': ${m}`);
  const path = wrapped(() => field(op, "path"), (m) => `move operation failed to decode path: ${m}`);
  const dst = findContainer(root, path);
  if (!dst) {
    throw new OpFailed(
      `move operation does not apply: doc is missing destination path: ${path}: missing value`,
    );
  }
  wrapped(() => addIn(dst[0], dst[1], v ?? null), (m) => `error in move for path: '${path}': ${m}`);
}

function copy(root: Container, op: JsonObject): void {
  const from = wrapped(() => field(op, "from"), (m) => `copy operation failed to decode from: ${m}`);
  const src = findContainer(root, from);
  if (!src) {
    throw new OpFailed(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
  }
  const v = wrapped(() => getIn(src[0], src[1]), (m) => `error in copy for from: '${from}': ${m}`);
  const path = wrapped(() => field(op, "path"), () => "copy operation failed to decode path: missing value");
  const dst = findContainer(root, path);
  if (!dst) {
    throw new OpFailed(
      `copy operation does not apply: doc is missing destination path: ${path}: missing value`,
    );
  }
  wrapped(
    () => addIn(dst[0], dst[1], cloneJson(v ?? null)),
    (m) => `error while adding value during copy: ${m}`,
  );
}

function test(root: Container, op: JsonObject): void {
  const path = wrapped(() => field(op, "path"), (m) => `test operation failed to decode path: ${m}`);
  const failed = () => new OpFailed(`testing value ${path} failed: test failed`);
  const hasValue = hasOwn(op, "value");
  if (path === "") {
    if (!hasValue) throw PatchError.panicked("test of the whole document without a value");
    if (!jsonEqual(root, op.value)) throw failed();
    return;
  }
  const at = findContainer(root, path);
  if (!at) throw new OpFailed(`test operation does not apply: is missing path: ${path}: missing value`);
  const got = wrapped(() => getIn(at[0], at[1]), (m) => `error in test for path: '${path}': ${m}`);
  // The library cannot tell a missing value from null, and takes an absent or null "value" to match both.
  if (got === undefined || got === null) {
    if (hasValue && op.value !== null) throw failed();
    return;
  }
  if (!hasValue || !jsonEqual(got, op.value)) throw failed();
}
