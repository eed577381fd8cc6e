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
 * Where a message's fields go: a {@link Sizer} counts their bytes, a {@link Writer} writes them. A message
 * is written by one function run against either, so an embedded message's length prefix is known before
 * it is written and the whole request goes into one buffer of its exact size (growing writers per nested
 * message cost a Pod create three copies of its value and ~8 KiB of garbage).
 */
interface Sink {
  /** An int64 field; 0 is the default and left out. */
  int64(field: number, value: Int64 | undefined): void;
  /** An int64 field written even at 0 (a oneof member). */
  int64Always(field: number, value: Int64): void;
  bool(field: number, value: boolean | undefined): void;
  /** A bytes field; empty is the default and left out. */
  bytes(field: number, value: Uint8Array | undefined): void;
  /** An embedded message, written even when empty (a oneof member must be on the wire). */
  message(field: number, write: (sink: Sink) => void): void;
}

/** The bytes of a varint. */
function varintSize(n: number): number {
  let size = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** An int64 as a safe non-negative number, or as its 64-bit two's complement (negative, beyond 2^53). */
function int64Value(value: Int64): number | bigint {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : BigInt.asUintN(64, BigInt(value));
}

function bigVarintSize(big: bigint): number {
  let size = 1;
  while (big > 0x7fn) {
    big >>= 7n;
    size++;
  }
  return size;
}

function isDefault(value: Int64 | undefined): boolean {
  return value === undefined || value === 0 || value === "0" || value === "";
}

/** Counts the bytes a message's fields take. */
class Sizer implements Sink {
  size = 0;

  int64(field: number, value: Int64 | undefined): void {
    if (!isDefault(value)) this.int64Always(field, value!);
  }

  int64Always(field: number, value: Int64): void {
    const v = int64Value(value);
    this.size += varintSize(field << 3) + (typeof v === "number" ? varintSize(v) : bigVarintSize(v));
  }

  bool(field: number, value: boolean | undefined): void {
    if (value) this.size += varintSize(field << 3) + 1;
  }

  bytes(field: number, value: Uint8Array | undefined): void {
    if (value && value.length > 0) {
      this.size += varintSize(field << 3 | LEN) + varintSize(value.length) + value.length;
    }
  }

  message(field: number, write: (sink: Sink) => void): void {
    const inner = new Sizer();
    write(inner);
    this.size += varintSize(field << 3 | LEN) + varintSize(inner.size) + inner.size;
  }
}

/** Writes a message's fields into a buffer sized by a {@link Sizer} first. */
class Writer implements Sink {
  readonly buf: Uint8Array;
  pos = 0;

  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }

  varint(n: number): void {
    while (n > 0x7f) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  int64(field: number, value: Int64 | undefined): void {
    if (!isDefault(value)) this.int64Always(field, value!);
  }

  int64Always(field: number, value: Int64): void {
    this.varint(field << 3 | VARINT);
    let v = int64Value(value);
    if (typeof v === "number") return this.varint(v);
    // Negative or beyond 2^53: two's complement in 64 bits, 7 bits at a time.
    while (v > 0x7fn) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  bool(field: number, value: boolean | undefined): void {
    if (!value) return;
    this.varint(field << 3 | VARINT);
    this.varint(1);
  }

  bytes(field: number, value: Uint8Array | undefined): void {
    if (!value || value.length === 0) return;
    this.varint(field << 3 | LEN);
    this.varint(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  message(field: number, write: (sink: Sink) => void): void {
    const inner = new Sizer();
    write(inner);
    this.varint(field << 3 | LEN);
    this.varint(inner.size);
    write(this);
  }
}

/** The bytes of the message `write` writes: sized once, then written into a buffer of that size. */
function encode(write: (sink: Sink) => void): Uint8Array {
  const sizer = new Sizer();
  write(sizer);
  const w = new Writer(sizer.size);
  write(w);
  if (w.pos !== sizer.size) throw new RangeError(`protobuf size ${sizer.size} but ${w.pos} bytes written`);
  return w.buf;
}

function writeCompare(w: Sink, c: Compare): void {
  w.int64(1, c.result);
  w.int64(2, c.target);
  w.bytes(3, c.key);
  // A oneof member is on the wire even at its default: `version == 0` is the usual "absent" check.
  if (c.target === CompareTarget.Version) w.int64Always(4, c.version ?? 0);
  else if (c.target === CompareTarget.Mod) w.int64Always(6, c.mod_revision ?? 0);
  else throw new RangeError(`compare target ${c.target} is not supported`);
}

function writeRange(w: Sink, r: RangeRequest): void {
  w.bytes(1, r.key);
  w.bytes(2, r.range_end);
  w.int64(3, r.limit);
  w.int64(4, r.revision);
  w.int64(5, r.sort_order);
  w.int64(6, r.sort_target);
  w.bool(9, r.count_only);
}

function writeOp(w: Sink, op: RequestOp): void {
  if (op.request_range) {
    const range = op.request_range;
    w.message(1, (m) => writeRange(m, range));
  } else if (op.request_put) {
    const put = op.request_put;
    w.message(2, (m) => {
      m.bytes(1, put.key);
      m.bytes(2, put.value);
      m.int64(3, put.lease);
    });
  } else if (op.request_delete_range) {
    const del = op.request_delete_range;
    w.message(3, (m) => {
      m.bytes(1, del.key);
      m.bytes(2, del.range_end);
    });
  } else if (op.request_txn) {
    const txn = op.request_txn;
    w.message(4, (m) => writeTxn(m, txn));
  } else throw new RangeError("a transaction operation needs a request");
}

function writeTxn(w: Sink, req: TxnRequest): void {
  for (const c of req.compare ?? []) w.message(1, (m) => writeCompare(m, c));
  for (const op of req.success ?? []) w.message(2, (m) => writeOp(m, op));
  for (const op of req.failure ?? []) w.message(3, (m) => writeOp(m, op));
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
  return encode((w) => writeTxn(w, req));
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
  return encode((w) => writeRange(w, req));
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
  return encode((w) => w.int64(1, ttl));
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
  return encode((w) => w.int64(1, revision));
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
  return encode((w) =>
    w.message(1, (create) => {
      create.bytes(1, req.key);
      create.bytes(2, req.range_end);
      create.int64(3, req.start_revision);
      create.bool(4, req.progress_notify);
      create.bool(6, req.prev_kv);
    })
  );
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
