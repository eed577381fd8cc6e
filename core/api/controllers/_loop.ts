/**
 * A small level-based loop for the API server's own controllers (CRD establishment, namespace cleanup):
 * list a collection, then watch it from the list's revision, relisting after compaction, and call
 * `reconcile` with each object's latest state. One reconcile runs at a time; `requeue` asks for another
 * pass later. (Modules use the operator SDK instead; these two run inside the core before any module.)
 *
 * @module
 */
import { RevisionCompactedError, type Store, type WatchEvent } from "@skiff/store";
import type { KvKey } from "@skiff/store";
import type { KubeObject } from "../admission.ts";

/** What a reconcile may ask for. */
export interface LoopResult {
  requeueAfterMs?: number;
}

/** A running loop. */
export interface Loop {
  stop(): Promise<void>;
}

/**
 * Starts a loop over the objects under `prefix`.
 *
 * @example
 * ```ts
 * const loop = startLoop(store, ["registry", "core", "namespaces"], async (key, obj) => ({}), console.error);
 * await loop.stop();
 * ```
 */
export function startLoop(
  store: Store,
  prefix: KvKey,
  reconcile: (id: string, obj: KubeObject | null) => Promise<LoopResult | void>,
  log: (line: string) => void,
): Loop {
  let stopped = false;
  const latest = new Map<string, KubeObject | null>();
  const dirty = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let wake = Promise.withResolvers<void>();
  let reader: ReadableStreamDefaultReader<WatchEvent<KubeObject>> | undefined;
  const mark = (id: string) => {
    dirty.add(id);
    wake.resolve();
  };

  const feed = async () => {
    while (!stopped) {
      try {
        let cursor = "";
        let revision = 0;
        do {
          const page = await store.list<KubeObject>({ prefix }, { cursor: cursor || undefined, limit: 500 });
          for (const e of page.entries) {
            const id = e.key.join("/");
            e.value.metadata.resourceVersion = e.versionstamp;
            latest.set(id, e.value);
            mark(id);
          }
          [cursor, revision] = [page.cursor, page.revision];
        } while (cursor);
        // stop() may have run while the list was in flight, before there was a watch to cancel.
        if (stopped) return;
        reader = store.watch<KubeObject>({ prefix }, { after: revision }).getReader();
        for (;;) {
          const { value: ev, done } = await reader.read();
          if (done) break;
          const id = ev.key.join("/");
          if (ev.value) ev.value.metadata.resourceVersion = String(ev.revision);
          latest.set(id, ev.value);
          mark(id);
        }
      } catch (e) {
        if (stopped) return;
        if (!(e instanceof RevisionCompactedError)) {
          log(`watch of ${prefix.join("/")} failed: ${e}; relisting`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };

  const work = async () => {
    while (!stopped) {
      if (dirty.size === 0) {
        await wake.promise;
        wake = Promise.withResolvers<void>();
        continue;
      }
      const [id] = dirty;
      dirty.delete(id);
      const obj = latest.get(id) ?? null;
      if (obj === null) latest.delete(id);
      try {
        const result = await reconcile(id, obj);
        if (result?.requeueAfterMs !== undefined) {
          clearTimeout(timers.get(id));
          timers.set(id, setTimeout(() => (timers.delete(id), mark(id)), result.requeueAfterMs));
        }
      } catch (e) {
        if (stopped) return;
        log(`reconcile ${id} failed: ${(e as Error).message}; retrying in 1 s`);
        clearTimeout(timers.get(id));
        timers.set(id, setTimeout(() => (timers.delete(id), mark(id)), 1000));
      }
    }
  };

  const running = Promise.all([feed(), work()]);
  return {
    async stop() {
      stopped = true;
      timers.forEach(clearTimeout);
      wake.resolve();
      await reader?.cancel().catch(() => {});
      await running.catch(() => {});
    },
  };
}
