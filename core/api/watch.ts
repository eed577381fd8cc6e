/**
 * Watches as Kubernetes streams them: one JSON event per line (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR).
 *
 * - resourceVersion unset or "0": synthetic ADDED events for what exists, then changes after it.
 * - resourceVersion N: changes after N exactly; a compacted N is an ERROR event with a 410 Expired Status.
 * - sendInitialEvents=true: the existing objects, then a BOOKMARK annotated k8s.io/initial-events-end.
 * - selectors: an object that stops matching arrives as DELETED, one that starts matching as ADDED.
 * - allowWatchBookmarks: a BOOKMARK with the newest revision delivered, every BOOKMARK_EVERY_MS.
 *
 * @module
 */
import { RevisionCompactedError, type WatchEvent } from "@skiff/store";
import type { KubeObject } from "./admission.ts";
import { ApiError } from "./errors.ts";
import type { ListOptions, Objects } from "./objects.ts";
import { collectionKey, type Resource } from "./registry.ts";

/** Options of a watch request. */
export interface WatchRequest extends Pick<ListOptions, "labelSelector" | "fieldSelector"> {
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

/** A watch event on the wire. */
export interface WireEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: KubeObject | Record<string, unknown>;
}

/** How often an idle watch with bookmarks gets one (client-go expects them about once a minute). */
export const BOOKMARK_EVERY_MS = 30_000;

/**
 * The events of a watch, as a stream of newline-delimited JSON. Cancelling it (the client went away)
 * stops the store watch.
 *
 * @example
 * ```ts
 * const body = watchStream(objects, pods, "default", { resourceVersion: "0" });
 * return new Response(body, { headers: { "content-type": "application/json" } });
 * ```
 */
export function watchStream(
  objects: Objects,
  res: Resource,
  namespace: string | undefined,
  request: WatchRequest,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let source: ReadableStream<WatchEvent<KubeObject>> | undefined;
  let reader: ReadableStreamDefaultReader<WatchEvent<KubeObject>> | undefined;
  let timers: ReturnType<typeof setTimeout>[] = [];
  let closed = false;
  const stop = () => {
    closed = true;
    timers.forEach(clearTimeout);
    timers = [];
    reader?.cancel().catch(() => {});
    source?.cancel().catch(() => {});
  };

  return new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const send = (e: WireEvent) => {
        if (!closed) controller.enqueue(encoder.encode(JSON.stringify(e) + "\n"));
      };
      const end = () => {
        if (closed) return;
        stop();
        controller.close();
      };
      // Kubernetes spreads watch lifetimes over [30, 60) minutes unless the client names one.
      const timeout = request.timeoutSeconds ?? 1800 * (1 + Math.random());
      timers.push(setTimeout(end, timeout * 1000));

      let after: number;
      const rv = request.resourceVersion;
      const initial = request.sendInitialEvents ?? (rv === undefined || rv === "" || rv === "0");
      try {
        if (initial) {
          const list = await objects.list(res, namespace, request);
          for (const item of list.items) send({ type: "ADDED", object: item });
          after = Number(list.resourceVersion);
          if (request.sendInitialEvents) {
            send({ type: "BOOKMARK", object: bookmark(res, after, true) });
          }
        } else {
          if (!/^\d+$/.test(rv!)) throw ApiError.badRequest(`invalid resource version "${rv}"`);
          after = Number(rv);
        }
      } catch (e) {
        if (e instanceof ApiError) {
          send({ type: "ERROR", object: e.toStatus() as unknown as Record<string, unknown> });
          return end();
        }
        throw e;
      }

      let delivered = after;
      if (request.allowWatchBookmarks) {
        const tick = () => {
          send({ type: "BOOKMARK", object: bookmark(res, delivered, false) });
          timers.push(setTimeout(tick, BOOKMARK_EVERY_MS));
        };
        timers.push(setTimeout(tick, BOOKMARK_EVERY_MS));
      }

      source = objects.store.watch<KubeObject>({ prefix: collectionKey(res, namespace) }, { after });
      reader = source.getReader();
      (async () => {
        try {
          for (;;) {
            const { value: event, done } = await reader!.read();
            if (done || closed) break;
            const wire = toWire(objects, res, event, request);
            delivered = event.revision;
            if (wire) send(wire);
          }
        } catch (e) {
          if (e instanceof RevisionCompactedError) {
            const gone = ApiError.gone(
              `too old resource version: ${e.requestedRevision} (${e.compactedRevision})`,
            );
            send({ type: "ERROR", object: gone.toStatus() as unknown as Record<string, unknown> });
          } else if (!closed) {
            send({
              type: "ERROR",
              object: ApiError.internal(String(e)).toStatus() as unknown as Record<string, unknown>,
            });
          }
        }
        end();
      })();
    },
    cancel: stop,
  });
}

/** A store event as the client sees it, or nothing when neither side of it matches the selectors. */
function toWire(
  objects: Objects,
  res: Resource,
  event: WatchEvent<KubeObject>,
  request: WatchRequest,
): WireEvent | null {
  const rv = String(event.revision);
  const present = (o: KubeObject) => {
    o.apiVersion = res.apiVersion;
    o.kind = res.kind;
    o.metadata.resourceVersion = rv;
    return o;
  };
  const now = event.value && objects.matches(event.value, request);
  const before = event.prevValue && objects.matches(event.prevValue, request);
  if (event.type === "delete") return before ? { type: "DELETED", object: present(event.prevValue!) } : null;
  if (now && before) return { type: "MODIFIED", object: present(event.value!) };
  if (now) return { type: "ADDED", object: present(event.value!) };
  if (before) return { type: "DELETED", object: present(event.value!) };
  return null;
}

function bookmark(res: Resource, revision: number, initialEnd: boolean): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: String(revision) };
  if (initialEnd) metadata.annotations = { "k8s.io/initial-events-end": "true" };
  return { apiVersion: res.apiVersion, kind: res.kind, metadata };
}
