/**
 * Prefix watches over etcd's raw watch stream, resumed by the store itself.
 *
 * A response header carries etcd's *current* revision, also in the "created" reply and in catch-up
 * batches of a watch that started in the past, so resuming a broken stream from the header's revision
 * + 1 (as etcd3's `Watcher` does) would silently skip events. So each store watch owns one gRPC watch
 * stream (`EtcdClient.watch`) and remembers the revision after the last event it delivered; a new stream
 * starts there.
 *
 * @module
 */
import { RevisionCompactedError } from "./errors.ts";
import { decodeValue, type KeyCodec, type KeyRange } from "./_etcd_keys.ts";
import type { EtcdClient, WatchStream } from "./_etcd_client.ts";
import type { WatchEvent as EtcdEvent, WatchResponse } from "./_etcd_proto.ts";
import type { WatchEvent } from "./types.ts";
import type { WrittenObjects } from "./_etcd_written.ts";

/** One attempt: the stream once it is open (a failure may be reported before). */
interface Attempt {
  stream?: WatchStream;
}

/** Events buffered before the store stops reading from etcd (gRPC flow control then holds etcd back). */
const HIGH_WATER_MARK = 1024;
/** Reconnect delays: 50 ms doubling up to 2 s, so a member failover costs tens of milliseconds. */
const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 2_000;

/** What a watch needs from its store. */
export interface WatchOptions {
  client: EtcdClient;
  codec: KeyCodec;
  range: KeyRange;
  /** The first revision to deliver (the watch's `after` + 1). */
  startRevision: number;
  /** For a read-only watch: the objects its store wrote, taken instead of decoding the same bytes. */
  written?: WrittenObjects;
  /** Every revision etcd reports, so the store knows the newest revision it has seen. */
  onRevision(revision: number): void;
  /** etcd said history before `revision` is compacted. */
  onCompacted(revision: number): void;
  /** Called once when the watch ends for any reason. */
  onEnd(watch: EtcdWatch<unknown>): void;
}

/**
 * One store watch: a `ReadableStream` of events fed by one etcd watch stream at a time.
 *
 * @example
 * ```ts
 * const watch = new EtcdWatch({ client, codec, range: codec.range(["pods"]), startRevision: 8, ...hooks });
 * for await (const event of watch.readable) console.log(event.type, event.key);
 * ```
 */
export class EtcdWatch<T> {
  readonly readable: ReadableStream<WatchEvent<T>>;
  #controller!: ReadableStreamDefaultController<WatchEvent<T>>;
  #next: number;
  #attempt?: Attempt;
  #paused = false;
  #done = false;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #retryDelay = FIRST_RETRY_MS;

  constructor(private readonly options: WatchOptions) {
    this.#next = options.startRevision;
    this.readable = new ReadableStream<WatchEvent<T>>({
      start: (controller) => {
        this.#controller = controller;
        this.#connect();
      },
      pull: () => {
        if (this.#paused) {
          this.#paused = false;
          this.#attempt?.stream?.resume();
        }
      },
      cancel: () => this.#stop(),
    }, { highWaterMark: HIGH_WATER_MARK });
  }

  /** Ends the stream as finished (readers see `done`), as `store.close()` does. */
  close(): void {
    if (this.#done) return;
    this.#stop();
    try {
      this.#controller.close();
    } catch { /* already closed by the reader */ }
  }

  async #connect(): Promise<void> {
    this.#retryTimer = undefined;
    if (this.#done) return;
    const attempt: Attempt = {};
    this.#attempt = attempt;
    this.#paused = false;
    let stream: WatchStream;
    try {
      stream = await this.options.client.watch({
        response: (res) => this.#onResponse(attempt, res),
        closed: (e) => this.#onBroken(attempt, e),
      });
    } catch (e) {
      // No member accepted a stream (all down, or the client closed under us).
      if (this.#attempt === attempt) this.#attempt = undefined;
      return this.#reconnectLater(e);
    }
    attempt.stream = stream;
    // Closed meanwhile, or the stream broke before we had it (a new attempt is under way then).
    if (this.#done || this.#attempt !== attempt) return stream.cancel();
    const { start, end } = this.options.range;
    stream.create({
      key: start,
      range_end: end,
      start_revision: this.#next,
      prev_kv: true,
      // etcd then reports progress on quiet prefixes (every 10 min), so a resume does not start at a
      // revision that was compacted meanwhile.
      progress_notify: true,
    });
  }

  #onResponse(attempt: Attempt, res: WatchResponse): void {
    if (attempt !== this.#attempt || this.#done) return;
    const compacted = Number(res.compact_revision);
    if (compacted > 0) {
      this.options.onCompacted(compacted);
      return this.#fail(new RevisionCompactedError(this.#next - 1, compacted));
    }
    if (res.canceled) {
      // Not a compaction: etcd refused the watch (for example permission denied). Trying again would
      // loop, so the reader gets the reason.
      return this.#fail(new Error(`etcd canceled the watch: ${res.cancel_reason || "no reason given"}`));
    }
    this.options.onRevision(Number(res.header.revision));
    if (res.created) {
      this.#retryDelay = FIRST_RETRY_MS;
      return;
    }
    if (res.events.length === 0) {
      // A progress notification: etcd sends those only to watchers that have caught up, so no event at
      // or below this revision is still to come.
      this.#next = Math.max(this.#next, Number(res.header.revision) + 1);
      return;
    }
    // etcd sends every event of one revision in the same response (we do not ask for fragments), so
    // resuming after the last delivered event neither repeats nor skips part of a transaction.
    for (const event of res.events) {
      this.#controller.enqueue(this.#decode(event));
      this.#next = Number(event.kv.mod_revision) + 1;
    }
    if ((this.#controller.desiredSize ?? 1) <= 0 && attempt.stream) {
      this.#paused = true;
      attempt.stream.pause();
    }
  }

  #decode(event: EtcdEvent): WatchEvent<T> {
    const isDelete = event.type === "DELETE";
    const { kv, prev_kv: prev } = event;
    const written = this.options.written;
    return {
      type: isDelete ? "delete" : "put",
      key: this.options.codec.decode(kv.key),
      value: isDelete ? null : (written?.get(kv.key, kv.value) ?? decodeValue<T>(kv.value)) as T,
      prevValue: prev ? (written?.get(prev.key, prev.value) ?? decodeValue<T>(prev.value)) as T : null,
      revision: Number(kv.mod_revision),
    };
  }

  #onBroken(attempt: Attempt, e: unknown): void {
    if (attempt !== this.#attempt || this.#done) return;
    this.#attempt = undefined;
    this.#reconnectLater(e);
  }

  #reconnectLater(_e: unknown): void {
    if (this.#done) return;
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(MAX_RETRY_MS, delay * 2);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #fail(error: Error): void {
    this.#stop();
    this.#controller.error(error);
  }

  #stop(): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#retryTimer);
    this.#attempt?.stream?.cancel();
    this.#attempt = undefined;
    this.options.onEnd(this as EtcdWatch<unknown>);
  }
}
