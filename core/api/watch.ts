/**
 * Watches as Kubernetes streams them: one JSON event per line (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR).
 *
 * - resourceVersion unset or "0": synthetic ADDED events for what exists, then changes after it.
 * - resourceVersion N: changes after N exactly; a compacted N is an ERROR event with a 410 Expired Status.
 * - sendInitialEvents=true: the existing objects, then a BOOKMARK annotated k8s.io/initial-events-end.
 * - selectors: an object that stops matching arrives as DELETED, one that starts matching as ADDED.
 * - allowWatchBookmarks: a BOOKMARK with the newest revision delivered, every BOOKMARK_EVERY_MS.
 * - table: every event's object as a Table of one row, column definitions on the first only.
 * - metadata: every event's object as a PartialObjectMetadata (ERROR Status objects as they are).
 *
 * @module
 */
import { frozenCopy } from "@skiff/schema";
import { RevisionCompactedError } from "@skiff/store";
import type { KubeObject } from "./admission.ts";
import { ApiError } from "./errors.ts";
import type { ListOptions, Objects } from "./objects.ts";
import { collectionKey, type Resource, servedForm } from "./registry.ts";
import {
  asPartialObjectMetadata,
  type MetaVersion,
  tableWatch,
  type TableWatchOptions,
} from "./table/mod.ts";
import {
  asSubscriberError,
  type HubListener,
  type HubSubscription,
  type SharedEvent,
  watchCollection,
} from "./_watch_hub.ts";

/** Options of a watch request. */
export interface WatchRequest extends Pick<ListOptions, "labelSelector" | "fieldSelector"> {
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  /** Send each event's object as a meta.k8s.io Table of one row (`kubectl get -w`). */
  table?: TableWatchOptions;
  /**
   * Send each event's object as a PartialObjectMetadata of this meta.k8s.io version (metadata-only
   * informers: `Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1`).
   */
  metadata?: MetaVersion;
  /**
   * The client is in this process (see {@link IN_PROCESS}): each event goes as a decoded object, an
   * empty chunk carrying it under {@link WATCH_EVENT}, rather than as a line of JSON it would parse.
   */
  inProcess?: boolean;
}

/**
 * Set to true on a Request by an in-process transport (the SDK's `inProcessTransport`): the request
 * was built in this process and never crossed a network, so its watch may answer with objects.
 * Requests from Deno.serve cannot carry it.
 *
 * @example
 * ```ts
 * const req = new Request("http://skiff.local/api/v1/pods?watch=1");
 * (req as unknown as Record<symbol, boolean>)[IN_PROCESS] = true;
 * ```
 */
export const IN_PROCESS: unique symbol = Symbol.for("skiff.dev/in-process") as typeof IN_PROCESS;

/**
 * Where an in-process watch chunk (an empty Uint8Array) carries its event: deep-frozen, and shared by
 * every in-process watcher of the same change (a reader that wants to change it copies it first).
 * Parsing a Pod event's JSON cost each in-process watcher (the garbage collector, controllers) ~35 µs
 * per change and encoding it ~40 µs; one frozen copy for all of them costs a few.
 *
 * @example
 * ```ts
 * const { value } = await body.getReader().read();
 * const event = (value as unknown as Record<symbol, WireEvent>)[WATCH_EVENT];
 * ```
 */
export const WATCH_EVENT: unique symbol = Symbol.for("skiff.dev/watch-event") as typeof WATCH_EVENT;

/** An empty chunk carrying `event` for an in-process reader. */
function objectChunk(event: WireEvent): Uint8Array {
  const chunk = new Uint8Array(0);
  (chunk as unknown as Record<symbol, WireEvent>)[WATCH_EVENT] = event;
  return chunk;
}

/** A watch event on the wire. */
export interface WireEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: KubeObject | Record<string, unknown>;
}

/** How often an idle watch with bookmarks gets one (client-go expects them about once a minute). */
export const BOOKMARK_EVERY_MS = 30_000;

/**
 * The events of a watch, as a stream of newline-delimited JSON. Changes come from the collection's
 * shared store watch (`_watch_hub.ts`); cancelling the stream (the client went away) leaves it, and the
 * last watch to leave stops it.
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
  let subscription: HubSubscription | undefined;
  let timers: ReturnType<typeof setTimeout>[] = [];
  let closed = false;
  const stop = () => {
    closed = true;
    timers.forEach(clearTimeout);
    timers = [];
    subscription?.cancel();
  };

  return new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const asTable = request.table && tableWatch(res, request.table);
      const metadata = request.metadata;
      const inProcess = request.inProcess === true;
      const send = (e: WireEvent) => {
        if (closed) return;
        let wire: unknown = e;
        if (asTable) wire = asTable(e);
        else if (metadata && !isStatus(e.object)) {
          wire = { type: e.type, object: asPartialObjectMetadata(e.object as KubeObject, metadata) };
        }
        controller.enqueue(
          inProcess
            ? objectChunk(frozenCopy(wire) as WireEvent)
            : encoder.encode(JSON.stringify(wire) + "\n"),
        );
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

      const prefix = collectionKey(res, namespace);
      const fail = (e: unknown) => {
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
        end();
      };
      const listener: HubListener = {
        event: (e) => {
          delivered = e.revision;
          const form = wireForm(objects, e, request, res);
          if (!form || closed) return;
          if (asTable) send({ type: form.type, object: e.object(form.side, res) });
          else if (inProcess) controller.enqueue(objectChunk(e.frozen(form.type, form.side, res, metadata)));
          else controller.enqueue(e.line(form.type, form.side, res, metadata));
        },
        error: (e) => {
          if (closed) return;
          const compacted = e instanceof RevisionCompactedError ? e.compactedRevision : undefined;
          if (compacted === undefined || delivered < compacted) return fail(asSubscriberError(e, delivered));
          // The shared store watch failed at a revision this watch is already past: go on from here.
          try {
            subscription = watchCollection(objects.store, prefix, delivered, listener);
          } catch (err) {
            fail(err);
          }
        },
        end,
      };
      // The client may have gone while the list was read.
      if (!closed) subscription = watchCollection(objects.store, prefix, after, listener);
    },
    cancel: stop,
  });
}

/**
 * How the client sees a store event: its type and which side of the change it carries, or nothing
 * when neither side matches the selectors.
 */
function wireForm(
  objects: Objects,
  shared: SharedEvent,
  request: WatchRequest,
  res: Resource,
): { type: WireEvent["type"]; side: "value" | "prevValue" } | null {
  const event = shared.event;
  if (!request.labelSelector && !request.fieldSelector) {
    // Every change matches: no need to look at (and maybe decode) the previous value.
    if (event.type === "delete") return { type: "DELETED", side: "prevValue" };
    return { type: (event.created ?? event.prevValue === null) ? "ADDED" : "MODIFIED", side: "value" };
  }
  // Field selectors name the served shape's fields (events.k8s.io's `regarding.name`).
  const matches = (o: KubeObject) => objects.matches(request.fieldSelector ? servedForm(res, o) : o, request);
  const now = event.value && matches(event.value);
  const before = event.prevValue && matches(event.prevValue);
  if (event.type === "delete") return before ? { type: "DELETED", side: "prevValue" } : null;
  if (now && before) return { type: "MODIFIED", side: "value" };
  if (now) return { type: "ADDED", side: "value" };
  if (before) return { type: "DELETED", side: "value" };
  return null;
}

/** A meta/v1 Status (an ERROR event's object), which every response form passes through as it is. */
function isStatus(object: WireEvent["object"]): boolean {
  return object.kind === "Status" && object.apiVersion === "v1";
}

function bookmark(res: Resource, revision: number, initialEnd: boolean): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: String(revision) };
  if (initialEnd) metadata.annotations = { "k8s.io/initial-events-end": "true" };
  return { apiVersion: res.apiVersion, kind: res.kind, metadata };
}
