/**
 * How the embedded store lays its data out in Deno KV, and the limits that shape it.
 *
 * ```
 * ["m","rev"]          the newest revision (number), written in every commit
 * ["m","compacted"]    the newest compacted revision
 * ["d",...key]         DataRecord: the current value of a key
 * ["v",m,j]            a small value written at revision m (mutation j), copied here when superseded
 * ["v",m,j,i]          chunk i of a large value (UTF-8 bytes), written before the commit that uses it
 * ["l",rev]            LogRecord: what the commit at `rev` changed, for watches and reads at old revisions
 * ["x",at,...key]      an expiry index entry: the key expires at `at` (ms since the epoch)
 * ```
 *
 * A small value lives only in its DataRecord while it is current, so a create costs one copy; an update
 * or delete moves the old value to ["v",m,j] in the same commit, where the log's `p` reference finds it.
 * Compacting the log record at `rev` deletes the versions it superseded.
 *
 * @module
 */
import type { KvKey } from "./types.ts";

/** Deno KV refuses values over 64 KiB: a JSON string of up to 15,000 UTF-16 units (≤ 30 KB) is inline. */
export const INLINE_MAX_CHARS = 15_000;
/** Bytes per chunk of a large value: 60,000 bytes stay under the 65,536-byte value limit. */
export const CHUNK_BYTES = 60_000;
/** Deno KV refuses a commit over 819,200 bytes; above this estimate, copies are written beforehand. */
export const COMMIT_BUDGET_BYTES = 600_000;
/** Chunks written per separate pre-write commit: 12 × 60,000 = 720,000 bytes. */
export const CHUNKS_PER_COMMIT = 12;
/** etcd's default --max-txn-ops is 128; the embedded store keeps the same bound. */
export const MAX_MUTATIONS = 128;

export const REV_KEY = ["m", "rev"] as const;
export const COMPACTED_KEY = ["m", "compacted"] as const;
/** The first part of every data key (the current record of each store key). */
export const DATA = "d";
export const dataKey = (key: KvKey): Deno.KvKey => [DATA, ...key];
export const versionKey = (m: number, j: number): Deno.KvKey => ["v", m, j];
export const chunkKey = (m: number, j: number, i: number): Deno.KvKey => ["v", m, j, i];
export const logKey = (rev: number): Deno.KvKey => ["l", rev];
export const expiryKey = (at: number, key: KvKey): Deno.KvKey => ["x", at, ...key];

/** Where one version of a value is: written at revision `m` by mutation `j`, in `n` chunks (0: small). */
export interface VersionRef {
  m: number;
  j: number;
  n: number;
}

/** The current value of a key. `s` holds the JSON when the value is small (n = 0). */
export interface DataRecord extends VersionRef {
  s?: string;
  /** Expiry time, ms since the epoch. */
  x?: number;
}

/** One mutation of a commit, as the log keeps it. */
export interface LogMutation {
  k: string[];
  /** 0 put, 1 delete. */
  t: 0 | 1;
  /** For puts: mutation index and chunk count of the new value (its `m` is the record's revision). */
  j?: number;
  n?: number;
  /** The version this mutation superseded; null when the key did not exist. */
  p: VersionRef | null;
}

/** A log record: everything one commit changed. */
export interface LogRecord {
  e: LogMutation[];
}

/** Splits a JSON string into UTF-8 chunks of CHUNK_BYTES. */
export function toChunks(json: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(json);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) chunks.push(bytes.subarray(i, i + CHUNK_BYTES));
  return chunks;
}

/** Joins chunks back into the JSON string. */
export function fromChunks(chunks: Uint8Array[]): string {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(bytes);
}
