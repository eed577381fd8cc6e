import assert from "node:assert/strict";
import { cachedServiceAccountCheck } from "./service_account_check.ts";

/** A store of ServiceAccount uids that counts its reads, and a clock the test moves. */
function fixture(options: { ttlMs?: number; recheckMs?: number; maxEntries?: number } = {}) {
  const uids = new Map<string, string>([["default/robot", "uid-1"]]);
  let reads = 0;
  let clock = 0;
  const check = cachedServiceAccountCheck(async (ns, name) => {
    reads++;
    await Promise.resolve();
    return uids.get(`${ns}/${name}`);
  }, { ...options, now: () => clock });
  return {
    uids,
    check: (uid: string, name = "robot") => check({ namespace: "default", name, uid }),
    reads: () => reads,
    advance: (ms: number) => void (clock += ms),
  };
}

Deno.test("a current account is read once and then answered from memory until the ttl passes", async () => {
  const f = fixture({ ttlMs: 10_000 });
  assert.equal(await f.check("uid-1"), true);
  assert.equal(await f.check("uid-1"), true);
  f.advance(9_999);
  assert.equal(await f.check("uid-1"), true);
  assert.equal(f.reads(), 1);
  f.uids.delete("default/robot");
  f.advance(1);
  assert.equal(await f.check("uid-1"), false, "deleted: refused once the ttl passed");
  assert.equal(f.reads(), 2);
});

Deno.test("a token of a re-created account triggers a fresh read, at most once per recheck interval", async () => {
  const f = fixture({ recheckMs: 1_000 });
  assert.equal(await f.check("uid-1"), true);
  f.uids.set("default/robot", "uid-2");
  // Within the recheck interval the remembered uid stands, even against the new account's token.
  assert.equal(await f.check("uid-2"), false);
  f.advance(1_000);
  assert.equal(await f.check("uid-2"), true);
  assert.equal(await f.check("uid-1"), false, "the old account's token");
  assert.equal(await f.check("uid-1"), false);
  assert.equal(f.reads(), 2, "stale tokens within the interval cause no reads");
});

Deno.test("concurrent checks of one account share one read, and the oldest accounts are forgotten", async () => {
  const f = fixture({ maxEntries: 2 });
  assert.deepEqual(await Promise.all([f.check("uid-1"), f.check("uid-1"), f.check("uid-1")]), [
    true,
    true,
    true,
  ]);
  assert.equal(f.reads(), 1);
  await f.check("x", "a");
  await f.check("x", "b");
  assert.equal(f.reads(), 3);
  await f.check("uid-1");
  assert.equal(f.reads(), 4, "robot was the oldest and was forgotten");
});
