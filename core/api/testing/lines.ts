/**
 * The lines of a streamed body (a watch), for tests that read events one at a time.
 *
 * @module
 */

/**
 * Yields each line of `body` as it arrives; cancels the stream when the caller stops.
 *
 * @example
 * ```ts
 * const lines = readLines(res.body!);
 * const first = JSON.parse((await lines.next()).value!);
 * ```
 */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  try {
    for (;;) {
      const nl = buf.indexOf("\n");
      if (nl >= 0) {
        yield buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        continue;
      }
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
