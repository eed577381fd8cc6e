import assert from "node:assert/strict";
import { openEmbeddedStore } from "@skiff/store";
import { healthRoutes } from "./health.ts";

Deno.test("readyz answers ok while the store answers and 500 once it is closed", async () => {
  const dir = await Deno.makeTempDir();
  const store = await openEmbeddedStore({ path: `${dir}/s.sqlite` });
  const app = healthRoutes(store);
  const ok = await app.request("/readyz");
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), "ok");
  const verbose = await app.request("/healthz?verbose");
  assert.equal(await verbose.text(), "[+]ping ok\n[+]store ok\nhealthz check passed\n");
  await store.close();
  const down = await app.request("/readyz");
  assert.equal(down.status, 500);
  assert.equal(await down.text(), "[+]ping ok\n[-]store failed: reason withheld\nreadyz check failed\n");
  assert.equal((await app.request("/livez")).status, 200);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("readyz and healthz fail while a further check (a post-start hook) does; livez does not", async () => {
  const dir = await Deno.makeTempDir();
  const store = await openEmbeddedStore({ path: `${dir}/s.sqlite` });
  let started = false;
  const app = healthRoutes(store, [{ name: "poststarthook/x", check: () => Promise.resolve(started) }]);
  const before = await app.request("/readyz");
  assert.equal(before.status, 500);
  assert.equal(
    await before.text(),
    "[+]ping ok\n[+]store ok\n[-]poststarthook/x failed: reason withheld\nreadyz check failed\n",
  );
  assert.equal((await app.request("/healthz")).status, 500);
  assert.equal(await (await app.request("/livez")).text(), "ok");
  started = true;
  assert.equal(await (await app.request("/readyz")).text(), "ok");
  await store.close();
  await Deno.remove(dir, { recursive: true });
});
