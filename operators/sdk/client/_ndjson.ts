/**
 * Reads a watch response body: one JSON event per line, as the API server streams them in chunks that
 * need not end at line ends.
 *
 * @module
 */
import { ConnectionError } from "./errors.ts";
import type { WatchEvent } from "./types.ts";

/**
 * The events of a watch body until it ends, the signal aborts (then it ends quietly) or the connection
 * is lost (then it throws a {@link ConnectionError}). Leaving the loop early cancels the body, which ends
 * the watch on the server.
 */
export async function* readWatchEvents<T>(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<WatchEvent<T>> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const onAbort = () => reader.cancel().catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let buffer = "";
  let done = false;
  try {
    while (!signal?.aborted) {
      let chunk: ReadableStreamReadResult<string>;
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
        break;
      }
      buffer += chunk.value;
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
