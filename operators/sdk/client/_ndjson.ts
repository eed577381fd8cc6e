/**
 * Reads a watch response body: one JSON event per line, as the API server streams them in chunks that
 * need not end at line ends.
 *
 * @module
 */
import { ConnectionError } from "./errors.ts";
import type { WatchEvent } from "./types.ts";

/**
 * Where an in-process API server's watch chunk carries its event, already decoded, deep-frozen and
 * shared with the server's other in-process watchers (core/api's WATCH_EVENT: the same registered
 * symbol, so the SDK needs no import of the core).
 */
export const WATCH_EVENT: unique symbol = Symbol.for("skiff.dev/watch-event") as typeof WATCH_EVENT;

/** What an in-process transport sets to true on its requests (core/api's IN_PROCESS). */
export const IN_PROCESS: unique symbol = Symbol.for("skiff.dev/in-process") as typeof IN_PROCESS;

/**
 * The events of a watch body until it ends, the signal aborts (then it ends quietly) or the connection
 * is lost (then it throws a {@link ConnectionError}). Leaving the loop early cancels the body, which ends
 * the watch on the server.
 */
export async function* readWatchEvents<T>(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<WatchEvent<T>> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const onAbort = () => reader.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let buffer = "";
  let done = false;
  try {
    while (!signal?.aborted) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (signal?.aborted) return;
        throw new ConnectionError(`watch stream lost: ${e instanceof Error ? e.message : e}`, true, {
          cause: e,
        });
      }
      if (chunk.done) {
        done = true;
        buffer += decoder.decode();
        break;
      }
      // An in-process API server hands over each event decoded (see WATCH_EVENT), in order.
      const event = (chunk.value as unknown as Record<symbol, WatchEvent<T> | undefined>)[WATCH_EVENT];
      if (event) {
        yield event;
        continue;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line) yield JSON.parse(line) as WatchEvent<T>;
      }
    }
    // The server ends every event with a newline: anything left is an event cut off with the connection.
    if (done && buffer.trim() && !signal?.aborted) {
      throw new ConnectionError("watch stream ended mid-event", true);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!done) await reader.cancel().catch(() => {});
  }
}
