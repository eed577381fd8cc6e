/**
 * Atomic operations as single etcd transactions: checks become compares on `mod_revision` (or
 * `version == 0` for "absent"), mutations become the transaction's success branch.
 *
 * @module
 */
import type { Buffer } from "node:buffer";
import { InvalidEntryError } from "./errors.ts";
import { encodeValue, type KeyCodec } from "./_etcd_keys.ts";
import { type Compare, CompareResult, CompareTarget, type RequestOp } from "./_etcd_proto.ts";
import type {
  AtomicCheck,
  AtomicOperation,
  KvCommitError,
  KvCommitResult,
  KvKey,
  SetOptions,
} from "./types.ts";

/** One write of a transaction; no `value` means delete. */
export interface Mutation {
  key: Buffer;
  /** The key as a latin1 string (one char per byte), for maps. */
  id: string;
  value?: Buffer;
  /** What `value` encodes, as the writer passed it. */
  object?: unknown;
  /** Time to live in ms, for a put. */
  expireIn?: number;
}

/** Runs a transaction's compares and mutations (the store adds leases and retries). */
export type CommitFn = (
  compares: Compare[],
  mutations: Mutation[],
) => Promise<KvCommitResult | KvCommitError>;

/**
 * The builder `store.atomic()` returns. Keys and values are validated and encoded as they are added, so
 * a bad one throws `InvalidEntryError` at the call that adds it. A key mutated twice keeps its last
 * mutation (etcd refuses a transaction that writes one key twice).
 *
 * @example
 * ```ts
 * const res = await store.atomic().check({ key: ["a"], versionstamp: null }).set(["a"], 1).commit();
 * ```
 */
export class EtcdAtomic implements AtomicOperation {
  readonly #compares: Compare[] = [];
  readonly #mutations = new Map<string, Mutation>();

  constructor(private readonly codec: KeyCodec, private readonly run: CommitFn) {}

  check(...checks: AtomicCheck[]): this {
    for (const { key, versionstamp } of checks) {
      const encoded = this.codec.encode(key);
      if (versionstamp === null) {
        // version counts writes since the key was (re)created; 0 means it does not exist.
        this.#compares.push({
          key: encoded,
          target: CompareTarget.Version,
          result: CompareResult.Equal,
          version: 0,
        });
      } else if (typeof versionstamp === "string" && /^[1-9][0-9]*$/.test(versionstamp)) {
        this.#compares.push({
          key: encoded,
          target: CompareTarget.Mod,
          result: CompareResult.Equal,
          mod_revision: versionstamp,
        });
      } else {
        throw new InvalidEntryError(`versionstamp ${JSON.stringify(versionstamp)} is not a revision`);
      }
    }
    return this;
  }

  set(key: KvKey, value: unknown, options?: SetOptions): this {
    const encoded = this.codec.encode(key);
    const expireIn = options?.expireIn;
    if (expireIn !== undefined && !(Number.isFinite(expireIn) && expireIn > 0)) {
      throw new InvalidEntryError(`expireIn must be a positive number of milliseconds, got ${expireIn}`);
    }
    const id = encoded.toString("latin1");
    this.#mutations.set(id, { key: encoded, id, value: encodeValue(value), object: value, expireIn });
    return this;
  }

  delete(key: KvKey): this {
    const encoded = this.codec.encode(key);
    const id = encoded.toString("latin1");
    this.#mutations.set(id, { key: encoded, id });
    return this;
  }

  commit(): Promise<KvCommitResult | KvCommitError> {
    return this.run([...this.#compares], [...this.#mutations.values()]);
  }
}

/**
 * The success branch of a transaction: puts (with their lease ids) and deletes.
 *
 * @example
 * ```ts
 * successOps([{ key: Buffer.from("/skiff/a"), value: Buffer.from("1") }], ["0"]); // [{ request_put: ... }]
 * ```
 */
export function successOps(mutations: Mutation[], leases: (string | undefined)[]): RequestOp[] {
  return mutations.map((m, i) =>
    m.value ? { request_put: { key: m.key, value: m.value, lease: leases[i] ?? 0 } } : {
      request_delete_range: { key: m.key },
    }
  );
}

/**
 * A failure branch that reads every mutated key back, to tell whether an earlier attempt landed.
 *
 * @example
 * ```ts
 * readBackOps([{ key: Buffer.from("/skiff/a") }]); // [{ request_range: { key } }]
 * ```
 */
export function readBackOps(mutations: Mutation[]): RequestOp[] {
  return mutations.map((m) => ({ request_range: { key: m.key } }));
}
