/**
 * Protobuf encoding of the few etcd v3 messages the store's unary calls use (rpc.proto and kv.proto of
 * etcd 3.4), written by hand: a generic protobuf runtime costs more per call than the whole transport.
 *
 * Field names and value shapes are those etcd3 (the npm client) uses with `longs: String`: int64 fields
 * come back as decimal strings (lease ids use all 64 bits), bytes as Buffers that share the reply's
 * memory. Fields a message leaves at its default are absent on the wire and get their default here.
 *
 * @module
 */
import { Buffer } from "node:buffer";

/** An int64 as the store passes it: a number, or a decimal string (lease ids exceed 2^53). */
export type Int64 = number | string;

/** `Compare.CompareResult`. */
export const CompareResult = { Equal: 0, Greater: 1, Less: 2, NotEqual: 3 } as const;
/** `Compare.CompareTarget`. */
export const CompareTarget = { Version: 0, Create: 1, Mod: 2, Value: 3, Lease: 4 } as const;
/** `RangeRequest.SortOrder`. */
export const SortOrder = { None: 0, Ascend: 1, Descend: 2 } as const;
/** `RangeRequest.SortTarget`. */
export const SortTarget = { Key: 0, Version: 1, Create: 2, Mod: 3, Value: 4 } as const;

/** A transaction compare on `version` or `mod_revision` (the only targets the store uses). */
export interface Compare {
  key: Buffer;
  target: number;
  result: number;
  version?: Int64;
  mod_revision?: Int64;
}

/** `RangeRequest`. */
export interface RangeRequest {
  key: Uint8Array;
  range_end?: Uint8Array;
  limit?: number;
  revision?: number;
  sort_order?: number;
  sort_target?: number;
  count_only?: boolean;
}

/** `PutRequest`. */
export interface PutRequest {
  key: Uint8Array;
  value: Uint8Array;
  lease?: Int64;
}

/** `DeleteRangeRequest`. */
export interface DeleteRangeRequest {
  key: Uint8Array;
  range_end?: Uint8Array;
}

/** `RequestOp`: exactly one of its fields. */
export interface RequestOp {
  request_range?: RangeRequest;
  request_put?: PutRequest;
  request_delete_range?: DeleteRangeRequest;
  request_txn?: TxnRequest;
}

/** `TxnRequest`. */
export interface TxnRequest {
  compare?: Compare[];
  success?: RequestOp[];
  failure?: RequestOp[];
}

/** `ResponseHeader` (the store only reads the revision). */
export interface ResponseHeader {
  revision: string;
}

/** `mvccpb.KeyValue`. */
export interface KeyValue {
  key: Buffer;
  value: Buffer;
  create_revision: string;
  mod_revision: string;
  version: string;
  lease: string;
}

/** `RangeResponse`. */
export interface RangeResponse {
  header: ResponseHeader;
  kvs: KeyValue[];
  more: boolean;
  count: string;
}

/** `ResponseOp`: the one field of the request op it answers. */
export interface ResponseOp {
  response_range?: RangeResponse;
  response_put?: { header: ResponseHeader };
  response_delete_range?: { header: ResponseHeader; deleted: string };
  response_txn?: TxnResponse;
}

/** `TxnResponse`. */
export interface TxnResponse {
  header: ResponseHeader;
  succeeded: boolean;
  responses: ResponseOp[];
}

/** `LeaseGrantResponse`. */
export interface LeaseGrantResponse {
  header: ResponseHeader;
  ID: string;
  TTL: string;
  error: string;
}

/** `CompactionResponse`. */
export interface CompactionResponse {
  header: ResponseHeader;
}

// ---- encoding --------------------------------------------------------------------------------------

const VARINT = 0;
const LEN = 2;
const TEXT = new TextEncoder();

/**
 * Appends protobuf fields to a growing buffer. Nested messages are encoded into their own writer first
 * (their length prefix must come before them); the copies are cheap next to a network round trip.
 */
class Writer {
  buf = new Uint8Array(256);
  pos = 0;

  #reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  varint(n: number): void {
    this.#reserve(10);
    while (n > 0x7f) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  /** An int64 field; 0 is the default and left out. */
  int64(field: number, value: Int64 | undefined): void {
    if (value === undefined || value === 0 || value === "0" || value === "") return;
    if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) {
      this.varint(field << 3 | VARINT);
      this.varint(value);
      return;
    }
    // Negative or beyond 2^53: two's complement in 64 bits, 7 bits at a time.
    let big = BigInt.asUintN(64, BigInt(value));
    this.varint(field << 3 | VARINT);
    this.#reserve(10);
    while (big > 0x7fn) {
      this.buf[this.pos++] = Number(big & 0x7fn) | 0x80;
      big >>= 7n;
    }
    this.buf[this.pos++] = Number(big);
  }

  bool(field: number, value: boolean | undefined): void {
    if (!value) return;
    this.varint(field << 3 | VARINT);
    this.varint(1);
  }

  /** A bytes field, or an embedded message's encoding; empty is the default and left out. */
  bytes(field: number, value: Uint8Array | undefined, always = false): void {
    if (!value || (value.length === 0 && !always)) return;
    this.varint(field << 3 | LEN);
    this.varint(value.length);
    this.#reserve(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

function writeCompare(c: Compare): Uint8Array {
  const w = new Writer();
  w.int64(1, c.result);
  w.int64(2, c.target);
  w.bytes(3, c.key);
  // A oneof member is on the wire even at its default: `version == 0` is the usual "absent" check.
  if (c.target === CompareTarget.Version) forceInt64(w, 4, c.version ?? 0);
  else if (c.target === CompareTarget.Mod) forceInt64(w, 6, c.mod_revision ?? 0);
  else throw new RangeError(`compare target ${c.target} is not supported`);
  return w.finish();
}

function forceInt64(w: Writer, field: number, value: Int64): void {
  if (value === 0 || value === "0") {
    w.varint(field << 3 | VARINT);
    w.varint(0);
  } else {
    w.int64(field, value);
  }
}

function writeRange(r: RangeRequest): Uint8Array {
  const w = new Writer();
  w.bytes(1, r.key);
  w.bytes(2, r.range_end);
  w.int64(3, r.limit);
  w.int64(4, r.revision);
  w.int64(5, r.sort_order);
  w.int64(6, r.sort_target);
  w.bool(9, r.count_only);
  return w.finish();
}

function writeOp(op: RequestOp): Uint8Array {
  const w = new Writer();
  // A oneof message is on the wire even when empty, so etcd knows which one it is.
  if (op.request_range) w.bytes(1, writeRange(op.request_range), true);
  else if (op.request_put) {
    const p = new Writer();
    p.bytes(1, op.request_put.key);
    p.bytes(2, op.request_put.value);
    p.int64(3, op.request_put.lease);
    w.bytes(2, p.finish(), true);
  } else if (op.request_delete_range) {
    const d = new Writer();
    d.bytes(1, op.request_delete_range.key);
    d.bytes(2, op.request_delete_range.range_end);
    w.bytes(3, d.finish(), true);
  } else if (op.request_txn) w.bytes(4, encodeTxnRequest(op.request_txn), true);
  else throw new RangeError("a transaction operation needs a request");
  return w.finish();
}

/**
 * The bytes of a `TxnRequest`.
 *
 * @example
 * ```ts
 * const bytes = encodeTxnRequest({ success: [{ request_put: { key, value } }] });
 * ```
 */
export function encodeTxnRequest(req: TxnRequest): Uint8Array {
  const w = new Writer();
  for (const c of req.compare ?? []) w.bytes(1, writeCompare(c), true);
  for (const op of req.success ?? []) w.bytes(2, writeOp(op), true);
  for (const op of req.failure ?? []) w.bytes(3, writeOp(op), true);
  return w.finish();
}

/**
 * The bytes of a `RangeRequest`.
 *
 * @example
 * ```ts
 * const bytes = encodeRangeRequest({ key: Buffer.from("/skiff/a") });
 * ```
 */
export function encodeRangeRequest(req: RangeRequest): Uint8Array {
  return writeRange(req);
}

/**
 * The bytes of a `LeaseGrantRequest` for a lease of `ttl` seconds (etcd picks the id).
 *
 * @example
 * ```ts
 * const bytes = encodeLeaseGrantRequest(30);
 * ```
 */
export function encodeLeaseGrantRequest(ttl: number): Uint8Array {
  const w = new Writer();
  w.int64(1, ttl);
  return w.finish();
}

/**
 * The bytes of a `CompactionRequest` (logical: etcd refuses older reads at once either way).
 *
 * @example
 * ```ts
 * const bytes = encodeCompactionRequest(42);
 * ```
 */
export function encodeCompactionRequest(revision: number): Uint8Array {
  const w = new Writer();
  w.int64(1, revision);
  return w.finish();
}

/** A string field's bytes (for tests and keys given as text). */
export function utf8(text: string): Uint8Array {
  return TEXT.encode(text);
}

// ---- decoding --------------------------------------------------------------------------------------

/** Reads fields of one message in `buf[pos, end)`. Bytes fields share `buf`'s memory. */
class Reader {
  pos: number;
  constructor(readonly buf: Buffer, pos: number, readonly end: number) {
    this.pos = pos;
  }

  /** A varint up to 2^53 as a number (tags, lengths, enums, revisions). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new RangeError("truncated protobuf message");
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
      if (scale > 2 ** 63) throw new RangeError("protobuf varint too long");
    }
  }

  /** An int64 varint as a decimal string, exact over all 64 bits. */
  int64(): string {
    const start = this.pos;
    const n = this.varint();
    if (n <= Number.MAX_SAFE_INTEGER) return String(n);
    let big = 0n;
    for (let i = this.pos - 1; i >= start; i--) big = (big << 7n) | BigInt(this.buf[i] & 0x7f);
    return String(BigInt.asIntN(64, big));
  }

  /** The bounds of a length-delimited field's content. */
  len(): [number, number] {
    const n = this.varint();
    const start = this.pos;
    this.pos += n;
    if (this.pos > this.end) throw new RangeError("truncated protobuf message");
    return [start, this.pos];
  }

  bytes(): Buffer {
    const [start, end] = this.len();
    return this.buf.subarray(start, end);
  }

  skip(wire: number): void {
    if (wire === VARINT) this.varint();
    else if (wire === LEN) this.len();
    else if (wire === 1) this.pos += 8;
    else if (wire === 5) this.pos += 4;
    else throw new RangeError(`protobuf wire type ${wire} is not supported`);
  }
}

const EMPTY = Buffer.alloc(0);

function readHeader(r: Reader): ResponseHeader {
  const [start, end] = r.len();
  const h = new Reader(r.buf, start, end);
  let revision = "0";
  while (h.pos < end) {
    const tag = h.varint();
    if (tag === (3 << 3 | VARINT)) revision = h.int64();
    else h.skip(tag & 7);
  }
  return { revision };
}

function readKeyValue(r: Reader): KeyValue {
  const [start, end] = r.len();
  const k = new Reader(r.buf, start, end);
  const kv: KeyValue = {
    key: EMPTY,
    value: EMPTY,
    create_revision: "0",
    mod_revision: "0",
    version: "0",
    lease: "0",
  };
  while (k.pos < end) {
    const tag = k.varint();
    switch (tag) {
      case 1 << 3 | LEN:
        kv.key = k.bytes();
        break;
      case 2 << 3 | VARINT:
        kv.create_revision = k.int64();
        break;
      case 3 << 3 | VARINT:
        kv.mod_revision = k.int64();
        break;
      case 4 << 3 | VARINT:
        kv.version = k.int64();
        break;
      case 5 << 3 | LEN:
        kv.value = k.bytes();
        break;
      case 6 << 3 | VARINT:
        kv.lease = k.int64();
        break;
      default:
        k.skip(tag & 7);
    }
  }
  return kv;
}

function readRange(r: Reader, end: number): RangeResponse {
  const res: RangeResponse = { header: { revision: "0" }, kvs: [], more: false, count: "0" };
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case 1 << 3 | LEN:
        res.header = readHeader(r);
        break;
      case 2 << 3 | LEN:
        res.kvs.push(readKeyValue(r));
        break;
      case 3 << 3 | VARINT:
        res.more = r.varint() !== 0;
        break;
      case 4 << 3 | VARINT:
        res.count = r.int64();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return res;
}

/** A message with only a header (and fields the store does not read). */
function readHeaderOnly(r: Reader, end: number): { header: ResponseHeader } {
  let header: ResponseHeader = { revision: "0" };
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === (1 << 3 | LEN)) header = readHeader(r);
    else r.skip(tag & 7);
  }
  return { header };
}

function readDeleteRange(r: Reader, end: number): { header: ResponseHeader; deleted: string } {
  const res = { header: { revision: "0" }, deleted: "0" };
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === (1 << 3 | LEN)) res.header = readHeader(r);
    else if (tag === (2 << 3 | VARINT)) res.deleted = r.int64();
    else r.skip(tag & 7);
  }
  return res;
}

function readResponseOp(r: Reader): ResponseOp {
  const [start, end] = r.len();
  const o = new Reader(r.buf, start, end);
  const op: ResponseOp = {};
  while (o.pos < end) {
    const tag = o.varint();
    if ((tag & 7) !== LEN) {
      o.skip(tag & 7);
      continue;
    }
    const [s, e] = o.len();
    const inner = new Reader(o.buf, s, e);
    switch (tag >>> 3) {
      case 1:
        op.response_range = readRange(inner, e);
        break;
      case 2:
        op.response_put = readHeaderOnly(inner, e);
        break;
      case 3:
        op.response_delete_range = readDeleteRange(inner, e);
        break;
      case 4:
        op.response_txn = readTxn(inner, e);
        break;
    }
  }
  return op;
}

function readTxn(r: Reader, end: number): TxnResponse {
  const res: TxnResponse = { header: { revision: "0" }, succeeded: false, responses: [] };
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case 1 << 3 | LEN:
        res.header = readHeader(r);
        break;
      case 2 << 3 | VARINT:
        res.succeeded = r.varint() !== 0;
        break;
      case 3 << 3 | LEN:
        res.responses.push(readResponseOp(r));
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return res;
}

/**
 * A `TxnResponse` from its bytes.
 *
 * @example
 * ```ts
 * const res = decodeTxnResponse(bytes);
 * if (res.succeeded) console.log(res.header.revision);
 * ```
 */
export function decodeTxnResponse(buf: Buffer): TxnResponse {
  return readTxn(new Reader(buf, 0, buf.length), buf.length);
}

/**
 * A `RangeResponse` from its bytes.
 *
 * @example
 * ```ts
 * const res = decodeRangeResponse(bytes);
 * for (const kv of res.kvs) console.log(kv.key.toString(), kv.mod_revision);
 * ```
 */
export function decodeRangeResponse(buf: Buffer): RangeResponse {
  return readRange(new Reader(buf, 0, buf.length), buf.length);
}

/**
 * A `LeaseGrantResponse` from its bytes.
 *
 * @example
 * ```ts
 * const { ID } = decodeLeaseGrantResponse(bytes);
 * ```
 */
export function decodeLeaseGrantResponse(buf: Buffer): LeaseGrantResponse {
  const r = new Reader(buf, 0, buf.length);
  const res: LeaseGrantResponse = { header: { revision: "0" }, ID: "0", TTL: "0", error: "" };
  while (r.pos < buf.length) {
    const tag = r.varint();
    switch (tag) {
      case 1 << 3 | LEN:
        res.header = readHeader(r);
        break;
      case 2 << 3 | VARINT:
        res.ID = r.int64();
        break;
      case 3 << 3 | VARINT:
        res.TTL = r.int64();
        break;
      case 4 << 3 | LEN:
        res.error = r.bytes().toString("utf8");
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return res;
}

/**
 * A `CompactionResponse` from its bytes.
 *
 * @example
 * ```ts
 * const { header } = decodeCompactionResponse(bytes);
 * ```
 */
export function decodeCompactionResponse(buf: Buffer): CompactionResponse {
  return readHeaderOnly(new Reader(buf, 0, buf.length), buf.length);
}

/** `WatchCreateRequest` (the fields the store sets). */
export interface WatchCreateRequest {
  key: Uint8Array;
  range_end?: Uint8Array;
  start_revision?: number;
  progress_notify?: boolean;
  prev_kv?: boolean;
}

/** `mvccpb.Event`. */
export interface WatchEvent {
  type: "PUT" | "DELETE";
  kv: KeyValue;
  prev_kv?: KeyValue;
}

/** `WatchResponse`. */
export interface WatchResponse {
  header: ResponseHeader;
  watch_id: string;
  created: boolean;
  canceled: boolean;
  compact_revision: string;
  cancel_reason: string;
  fragment: boolean;
  events: WatchEvent[];
}

/**
 * The bytes of a `WatchRequest` that creates a watch.
 *
 * @example
 * ```ts
 * const bytes = encodeWatchCreateRequest({ key, range_end, start_revision: 8, prev_kv: true });
 * ```
 */
export function encodeWatchCreateRequest(req: WatchCreateRequest): Uint8Array {
  const create = new Writer();
  create.bytes(1, req.key);
  create.bytes(2, req.range_end);
  create.int64(3, req.start_revision);
  create.bool(4, req.progress_notify);
  create.bool(6, req.prev_kv);
  const w = new Writer();
  w.bytes(1, create.finish(), true);
  return w.finish();
}

function readEvent(r: Reader): WatchEvent {
  const [start, end] = r.len();
  const e = new Reader(r.buf, start, end);
  let type: WatchEvent["type"] = "PUT";
  let kv: KeyValue | undefined;
  let prev: KeyValue | undefined;
  while (e.pos < end) {
    const tag = e.varint();
    if (tag === (1 << 3 | VARINT)) type = e.varint() === 1 ? "DELETE" : "PUT";
    else if (tag === (2 << 3 | LEN)) kv = readKeyValue(e);
    else if (tag === (3 << 3 | LEN)) prev = readKeyValue(e);
    else e.skip(tag & 7);
  }
  const event: WatchEvent = {
    type,
    kv: kv ?? { key: EMPTY, value: EMPTY, create_revision: "0", mod_revision: "0", version: "0", lease: "0" },
  };
  if (prev) event.prev_kv = prev;
  return event;
}

/**
 * A `WatchResponse` from its bytes.
 *
 * @example
 * ```ts
 * const res = decodeWatchResponse(bytes);
 * for (const e of res.events) console.log(e.type, e.kv.key.toString());
 * ```
 */
export function decodeWatchResponse(buf: Buffer): WatchResponse {
  const r = new Reader(buf, 0, buf.length);
  const res: WatchResponse = {
    header: { revision: "0" },
    watch_id: "0",
    created: false,
    canceled: false,
    compact_revision: "0",
    cancel_reason: "",
    fragment: false,
    events: [],
  };
  while (r.pos < buf.length) {
    const tag = r.varint();
    switch (tag) {
      case 1 << 3 | LEN:
        res.header = readHeader(r);
        break;
      case 2 << 3 | VARINT:
        res.watch_id = r.int64();
        break;
      case 3 << 3 | VARINT:
        res.created = r.varint() !== 0;
        break;
      case 4 << 3 | VARINT:
        res.canceled = r.varint() !== 0;
        break;
      case 5 << 3 | VARINT:
        res.compact_revision = r.int64();
        break;
      case 6 << 3 | LEN:
        res.cancel_reason = r.bytes().toString("utf8");
        break;
      case 7 << 3 | VARINT:
        res.fragment = r.varint() !== 0;
        break;
      case 11 << 3 | LEN:
        res.events.push(readEvent(r));
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return res;
}
