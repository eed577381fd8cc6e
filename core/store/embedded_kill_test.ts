import assert from "node:assert/strict";
import { TextLineStream } from "./testdata/_lines.ts";
import { openEmbeddedStore } from "./embedded.ts";

Deno.test("the embedded store killed with SIGKILL during writes reopens with every acknowledged write", async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-kill-" });
  const path = `${dir}/store.sqlite`;
  const acked = new Map<string, { i: number; rev: number }>();
  for (let round = 0; round < 3; round++) {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--unstable-kv",
        new URL("./testdata/kill_writer.ts", import.meta.url).pathname,
        path,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(new TextLineStream());
    let seen = 0;
    for await (const line of lines) {
      const [, key, i, rev] = line.split(" ");
      // A later acknowledgement for the same key supersedes an earlier one (writers reuse 50 keys each).
      if (!acked.has(key) || acked.get(key)!.rev < Number(rev)) {
        acked.set(key, { i: Number(i), rev: Number(rev) });
      }
      if (++seen === 300 + round * 100) child.kill("SIGKILL");
    }
    assert.equal((await child.status).signal, "SIGKILL");

    const store = await openEmbeddedStore({ path });
    const { entries, revision } = await store.list<{ i: number }>({ prefix: ["kill"] });
    const stored = new Map(entries.map((e) => [e.key.join("/"), e]));
    for (const [key, { i, rev }] of acked) {
      const e = stored.get(key);
      assert.ok(e, `acknowledged ${key} is missing after round ${round}`);
      // The kill may land after a commit and before its ack was printed: the store can only be ahead.
      assert.ok(Number(e.versionstamp) >= rev && e.value.i >= i, `${key}: stored ${e.value.i} < acked ${i}`);
    }
    assert.ok(revision >= Math.max(...[...acked.values()].map((a) => a.rev)));
    // History is readable too: the watch from the start of the retained log replays cleanly.
    const stream = store.watch({ prefix: ["kill"] }, { after: revision - 10 });
    const reader = stream.getReader();
    for (let k = 0; k < 10; k++) assert.equal((await reader.read()).value?.revision, revision - 9 + k);
    await reader.cancel();
    await store.close();
  }
  await Deno.remove(dir, { recursive: true });
});
