import assert from "node:assert/strict";
import { openAuditLog } from "./audit_log.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-audit-log-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const lines = async (path: string) =>
  (await Deno.readTextFile(path)).split("\n").filter(Boolean).map((l) => JSON.parse(l));

Deno.test("events are appended as JSON lines once flushed, to an owner-only file", () =>
  withDir(async (dir) => {
    const log = await openAuditLog(`${dir}/audit.log`, { flushDelayMs: 60_000 });
    log.write({ n: 1 });
    log.write({ n: 2 });
    assert.deepEqual(await lines(log.path), [], "nothing on disk before the flush");
    await log.flush();
    assert.deepEqual(await lines(log.path), [{ n: 1 }, { n: 2 }]);
    assert.equal((await Deno.stat(log.path)).mode! & 0o777, 0o600);
    log.write({ n: 3 });
    await log.close();
    log.write({ n: 4 });
    assert.deepEqual(
      await lines(log.path),
      [{ n: 1 }, { n: 2 }, { n: 3 }],
      "close flushes; later writes drop",
    );
  }));

Deno.test("queued events reach the disk by themselves after the flush delay", () =>
  withDir(async (dir) => {
    const log = await openAuditLog(`${dir}/audit.log`, { flushDelayMs: 10 });
    log.write({ n: 1 });
    const deadline = Date.now() + 2000;
    while (!(await lines(log.path)).length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual(await lines(log.path), [{ n: 1 }]);
    await log.close();
  }));

Deno.test("a full file is rotated to audit.log.1 and only maxBackups old files are kept", () =>
  withDir(async (dir) => {
    const path = `${dir}/audit.log`;
    // Each line is 100 bytes; 4 fit in 450.
    const event = (n: number) => ({ n, pad: "x".repeat(100 - JSON.stringify({ n, pad: "" }).length - 1) });
    const log = await openAuditLog(path, { maxBytes: 450, maxBackups: 2 });
    for (let n = 0; n < 14; n++) log.write(event(n));
    await log.close();
    const names = (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
    assert.deepEqual(names, ["audit.log", "audit.log.1", "audit.log.2"]);
    // 14 lines in files of 4: [0-3] was rotated out of existence, [4-7] is .2, [8-11] .1, [12-13] current.
    assert.deepEqual((await lines(`${path}.2`)).map((e) => e.n), [4, 5, 6, 7]);
    assert.deepEqual((await lines(`${path}.1`)).map((e) => e.n), [8, 9, 10, 11]);
    assert.deepEqual((await lines(path)).map((e) => e.n), [12, 13]);
    for (const name of names) assert.ok((await Deno.stat(`${dir}/${name}`)).size <= 450);
  }));

Deno.test("reopening an existing log appends and counts its size toward the cap", () =>
  withDir(async (dir) => {
    const path = `${dir}/audit.log`;
    const first = await openAuditLog(path, { maxBytes: 30 });
    first.write({ a: "0123456789" }); // 17 bytes with the newline
    await first.close();
    const second = await openAuditLog(path, { maxBytes: 30 });
    second.write({ b: "0123456789" });
    await second.close();
    assert.deepEqual(await lines(`${path}.1`), [{ a: "0123456789" }]);
    assert.deepEqual(await lines(path), [{ b: "0123456789" }]);
  }));
