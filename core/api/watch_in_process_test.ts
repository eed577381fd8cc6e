import assert from "node:assert/strict";
import { apiFixture, pod } from "./testing/api_fixture.ts";
import { readLines } from "./testing/lines.ts";
import { IN_PROCESS, WATCH_EVENT, type WireEvent } from "./watch.ts";

/** Opens a watch as an in-process client would (the request marked), or as a network client. */
function openWatch(f: Awaited<ReturnType<typeof apiFixture>>, path: string, inProcess: boolean) {
  const req = new Request(`http://skiff.local${path}`);
  if (inProcess) (req as unknown as Record<symbol, boolean>)[IN_PROCESS] = true;
  return f.api.app.fetch(req);
}

async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<WireEvent> {
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the watch ended");
    const event = (value as unknown as Record<symbol, WireEvent | undefined>)[WATCH_EVENT];
    assert.ok(event, "every chunk of an in-process watch carries its event");
    assert.equal(value.length, 0);
    return event;
  }
}

Deno.test("in-process watches are handed each event as one frozen object, equal to the JSON a network watch reads", async () => {
  const f = await apiFixture();
  try {
    const rv = (await f.req("GET", "/api/v1/namespaces/default/pods")).body.metadata.resourceVersion;
    const path = `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}`;
    const first = (await openWatch(f, path, true)).body!.getReader();
    const second = (await openWatch(f, path, true)).body!.getReader();
    const wire = readLines((await openWatch(f, path, false)).body!);
    const meta = new Request(`http://skiff.local${path}`, {
      headers: { accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1" },
    });
    (meta as unknown as Record<symbol, boolean>)[IN_PROCESS] = true;
    const metaReader = (await f.api.app.fetch(meta)).body!.getReader();

    assert.equal((await f.req("POST", "/api/v1/namespaces/default/pods", pod("a"))).status, 201);
    const a = await nextEvent(first);
    const b = await nextEvent(second);
    const line = JSON.parse((await wire.next()).value!);
    assert.equal(a.type, "ADDED");
    assert.deepEqual(a, line);
    assert.deepEqual(b, line);
    // The watchers share one deep-frozen copy: none can change what the others (or the store) see.
    assert.equal(a, b);
    const container = (a.object as { spec: { containers: { image: string }[] } }).spec.containers[0];
    assert.ok(Object.isFrozen(container));
    assert.throws(() => container.image = "changed", TypeError);

    const m = await nextEvent(metaReader);
    assert.equal(m.object.kind, "PartialObjectMetadata");
    assert.deepEqual(m.object.metadata, line.object.metadata);
    assert.equal("spec" in m.object, false);
    await Promise.all([first.cancel(), second.cancel(), metaReader.cancel(), wire.return()]);
  } finally {
    await f.close();
  }
});
