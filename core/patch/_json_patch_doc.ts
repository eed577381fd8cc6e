/**
 * The document side of JSON patch as Kubernetes' library (evanphx/json-patch v4) has it: finding the
 * container a path points into, and getting, adding, replacing and removing one key or index there, with
 * that library's error texts. Its quirks are kept on purpose: negative array indexes count from the end,
 * a path whose parent is missing or not a container is "missing", and an object key that does not exist
 * can still be replaced.
 *
 * @module
 */
import { getOwn, hasOwn, isObject, type JsonObject, setOwn } from "./_json.ts";

/** A JSON patch operation failed; the message is the library's error text. */
export class OpFailed extends Error {}

/** An object or array of the document that an operation changes. */
export type Container = JsonObject | unknown[];

const MISSING = "missing value";
const INVALID_INDEX = "invalid index referenced";

/**
 * The container `path` points into and the (RFC 6901-decoded) last key, or undefined when a parent is
 * missing, null, not a container, or not a valid index.
 *
 * @example
 * ```ts
 * findContainer({ a: { b: 1 } }, "/a/b"); // [{ b: 1 }, "b"]
 * ```
 */
export function findContainer(root: Container, path: string): [Container, string] | undefined {
  const split = path.split("/");
  if (split.length < 2) return undefined;
  let doc: Container = root;
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = getIn(doc, decodeKey(part));
    } catch (e) {
      if (e instanceof OpFailed) return undefined;
      throw e;
    }
    if (Array.isArray(next) || isObject(next)) doc = next;
    else return undefined;
  }
  return [doc, decodeKey(split[split.length - 1])];
}

function decodeKey(k: string): string {
  return k.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * The value at `key` (undefined for a missing object key); an array index that is not a number or out of
 * range fails.
 *
 * @example
 * ```ts
 * getIn([1, 2, 3], "-1"); // 3
 * ```
 */
export function getIn(doc: Container, key: string): unknown {
  if (!Array.isArray(doc)) return getOwn(doc, key);
  return doc[arrayIndex(key, doc.length)];
}

/**
 * Adds `value` at `key`: sets an object key, or inserts into an array (`-` appends).
 *
 * @example
 * ```ts
 * const xs = [1, 3];
 * addIn(xs, "1", 2); // xs is [1, 2, 3]
 * ```
 */
export function addIn(doc: Container, key: string, value: unknown): void {
  if (!Array.isArray(doc)) return setOwn(doc, key, value);
  if (key === "-") {
    doc.push(value);
    return;
  }
  let idx: bigint;
  try {
    idx = atoi(key);
  } catch (e) {
    throw new OpFailed(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  // Inserting may also target the position just past the end.
  const size = BigInt(doc.length + 1);
  if (idx >= size) throw invalidIndex(idx);
  if (idx < 0n) {
    if (idx < -size) throw invalidIndex(idx);
    idx += size;
  }
  doc.splice(Number(idx), 0, value);
}

/**
 * Replaces the value at `key` (an object key need not exist; an array index must).
 *
 * @example
 * ```ts
 * const o = { a: 1 };
 * setIn(o, "a", 2); // o is { a: 2 }
 * ```
 */
export function setIn(doc: Container, key: string, value: unknown): void {
  if (!Array.isArray(doc)) return setOwn(doc, key, value);
  doc[arrayIndex(key, doc.length)] = value;
}

/**
 * Removes `key` from an object or an array.
 *
 * @example
 * ```ts
 * const o = { a: 1, b: 2 };
 * removeIn(o, "a"); // o is { b: 2 }
 * ```
 */
export function removeIn(doc: Container, key: string): void {
  if (!Array.isArray(doc)) {
    if (!hasOwn(doc, key)) throw new OpFailed(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete (doc as JsonObject)[key];
    return;
  }
  let idx = atoi(key);
  const len = BigInt(doc.length);
  if (idx >= len) throw invalidIndex(idx);
  if (idx < 0n) {
    if (idx < -len) throw invalidIndex(idx);
    idx += len;
  }
  doc.splice(Number(idx), 1);
}

function arrayIndex(key: string, length: number): number {
  let idx = atoi(key);
  const len = BigInt(length);
  if (idx < 0n) {
    if (idx < -len) throw invalidIndex(idx);
    idx += len;
  }
  if (idx >= len) throw invalidIndex(idx);
  return Number(idx);
}

function invalidIndex(idx: bigint): OpFailed {
  return new OpFailed(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
}

/** Go's strconv.Atoi: an optional sign and decimal digits, within int64. */
function atoi(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) {
    throw new OpFailed(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  }
  const n = BigInt(s);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) {
    throw new OpFailed(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return n;
}
