import assert from "node:assert/strict";
import { join } from "node:path";
import {
  ensureTokenFile,
  formatTokenRecord,
  generateToken,
  loadTokenFile,
  parseTokenFile,
} from "./token_file.ts";

const bearer = (token: string) =>
  new Request("https://skiff/api", { headers: { authorization: `Bearer ${token}` } });

Deno.test("a token file line reads as token, user, uid and comma-separated groups", () => {
  const text = 'abc,alice,1001,"dev,ops"\ndef,bob,1002\n,ghost,0\nghi,carol,,\n';
  assert.deepEqual(parseTokenFile(text), [
    { token: "abc", username: "alice", uid: "1001", groups: ["dev", "ops"] },
    { token: "def", username: "bob", uid: "1002", groups: [] },
    { token: "ghi", username: "carol", uid: "", groups: [] },
  ]);
});

Deno.test("a token file line with fewer than three columns is an error naming file and line", () => {
  assert.throws(
    () => parseTokenFile("abc,alice,1\nshort,line\n", "/etc/tokens.csv"),
    /\/etc\/tokens\.csv line 2: needs at least 3 columns \(token, user name, user uid\), found 2/,
  );
});

Deno.test("a formatted record parses back to itself", () => {
  const record = {
    token: generateToken(),
    username: "system:node:a",
    uid: "u",
    groups: ["system:nodes", "x"],
  };
  assert.equal(formatTokenRecord(record), `${record.token},system:node:a,u,"system:nodes,x"\n`);
  assert.deepEqual(parseTokenFile(formatTokenRecord(record)), [record]);
});

Deno.test("generated tokens are 32 random bytes in base64url", () => {
  const a = generateToken(), b = generateToken();
  assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, b);
});

Deno.test("first start creates an owner-only token file holding a system:masters admin token", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "tokens.csv");
    const first = await ensureTokenFile(path);
    assert.equal(first.created, true);
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    const [record] = parseTokenFile(await Deno.readTextFile(path));
    assert.equal(record.token, first.adminToken);
    assert.equal(record.username, "skiff-admin");
    assert.deepEqual(record.groups, ["system:masters"]);
    assert.match(record.uid, /^[0-9a-f-]{36}$/);

    const again = await ensureTokenFile(path);
    assert.deepEqual(again, { created: false, adminToken: first.adminToken });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a token file without the admin's line is left alone and yields no admin token", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "tokens.csv");
    await Deno.writeTextFile(path, "t,alice,1\n");
    assert.deepEqual(await ensureTokenFile(path), { created: false, adminToken: undefined });
    assert.equal(await Deno.readTextFile(path), "t,alice,1\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a loaded token file authenticates its tokens and nothing else", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "tokens.csv");
    await Deno.writeTextFile(path, 'old,alice,1\ns3cret,bob,2,"dev,ops"\nold,alice2,3\n');
    const tokens = await loadTokenFile(path);
    assert.equal(tokens.size, 2);
    assert.deepEqual(await tokens.authenticate(bearer("s3cret")), {
      username: "bob",
      uid: "2",
      groups: ["dev", "ops"],
    });
    // A later duplicate wins, as in kube-apiserver.
    assert.equal((await tokens.authenticate(bearer("old")))?.username, "alice2");
    assert.equal(await tokens.authenticate(bearer("s3cre")), null);
    assert.equal(await tokens.authenticate(new Request("https://skiff/api")), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
