/**
 * How the etcd backend lays keys, values and list cursors out as bytes.
 *
 * A key `["registry", "pods", "default", "web-0"]` under the prefix `/skiff` is the etcd key
 * `/skiff/registry/pods/default/web-0`: each part is URI-encoded, so a `/` inside a part (`%2F`) can never
 * be mistaken for a separator, and the layout matches what `etcdctl get --prefix /skiff/registry/pods`
 * users expect from Kubernetes.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { InvalidEntryError } from "./errors.ts";
import { rememberEncoding } from "./encoding.ts";
import type { KvKey } from "./types.ts";

/** The etcd byte range `[start, end)` that holds every key strictly under a key prefix. */
export interface KeyRange {
  start: Buffer;
  end: Buffer;
}

/**
 * Encodes store keys as etcd keys under one prefix, and back.
 *
 * @example
 * ```ts
 * const codec = new KeyCodec("/skiff");
 * codec.encode(["pods", "a/b"]).toString(); // "/skiff/pods/a%2Fb"
 * codec.decode(codec.encode(["pods", "a/b"])); // ["pods", "a/b"]
 * ```
 */
export class KeyCodec {
  /** The prefix without trailing slashes, so `"/skiff/"` and `"/skiff"` lay keys out the same way. */
  readonly prefix: string;
  readonly #root: Buffer;

  constructor(prefix: string) {
    this.prefix = prefix.replace(/\/+$/, "");
    this.#root = Buffer.from(this.prefix + "/");
  }

  /** The etcd key of a store key; throws `InvalidEntryError` for an empty key or part. */
  encode(key: KvKey): Buffer {
    if (!Array.isArray(key) || key.length === 0) throw new InvalidEntryError("a key needs at least one part");
    return Buffer.from(this.prefix + "/" + encodeParts(key));
  }

  /** The store key of an etcd key written by {@link KeyCodec.encode}. */
  decode(raw: Uint8Array): KvKey {
    const rest = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8", this.#root.length);
    return rest.split("/").map(decodePart);
  }

  /**
   * The range of keys strictly under `prefix`: `["a", "b"]` covers `/skiff/a/b/...` but neither
   * `/skiff/a/b` itself nor `/skiff/a/bc`. The empty prefix covers every key of the store.
   */
  range(prefix: KvKey): KeyRange {
    if (!Array.isArray(prefix)) throw new InvalidEntryError("a prefix must be an array of strings");
    const start = prefix.length === 0 ? Buffer.from(this.#root) : Buffer.from(
      this.prefix + "/" + encodeParts(prefix) + "/",
    );
    return { start, end: prefixEnd(start) };
  }
}

function encodeParts(key: KvKey): string {
  return key.map((part, i) => {
    if (typeof part !== "string") throw new InvalidEntryError(`key part ${i + 1} is not a string`);
    if (part === "") throw new InvalidEntryError(`key part ${i + 1} is empty`);
    return encodeURIComponent(part);
  }).join("/");
}

/** Keys other programs wrote under our prefix may not be valid URI encoding: show them raw then. */
function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * The smallest key greater than every key starting with `start` (etcd's `range_end` for a prefix).
 *
 * @example
 * ```ts
 * prefixEnd(Buffer.from("/skiff/a/")).toString(); // "/skiff/a0"
 * ```
 */
export function prefixEnd(start: Uint8Array): Buffer {
  const end = Buffer.from(start);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  // Only 0xff bytes: "\0" means "to the end of the keyspace" to etcd.
  return Buffer.from([0]);
}

/**
 * A value as the bytes etcd keeps: its JSON. Throws `InvalidEntryError` for what JSON cannot hold
 * (undefined, functions, BigInt, cycles).
 *
 * @example
 * ```ts
 * encodeValue({ a: 1 }).toString(); // '{"a":1}'
 * ```
 */
export function encodeValue(value: unknown): Buffer {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    throw new InvalidEntryError(`the value cannot be stored as JSON: ${(e as Error).message}`);
  }
  if (json === undefined) {
    throw new InvalidEntryError(`a value of type ${typeof value} cannot be stored as JSON`);
  }
  rememberEncoding(value, json);
  return Buffer.from(json);
}

/** Decodes as Buffer's toString("utf8") does (a leading BOM stays), at half its cost in Deno. */
const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The value of stored bytes. Bytes another program wrote that are not JSON come back as their text.
 *
 * @example
 * ```ts
 * decodeValue<{ a: number }>(Buffer.from('{"a":1}')).a; // 1
 * ```
 */
export function decodeValue<T>(raw: Uint8Array): T {
  const text = UTF8.decode(raw);
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}
