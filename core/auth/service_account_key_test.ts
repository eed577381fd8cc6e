import assert from "node:assert/strict";
import { join } from "node:path";
import { ensureServiceAccountKey, loadServiceAccountKey } from "./service_account_key.ts";

async function withDataDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-sa-key-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const mode = async (path: string) => (await Deno.stat(path)).mode! & 0o777;

Deno.test("first start writes an RSA signing key pair under pki with an owner-only private key", () =>
  withDataDir(async (dir) => {
    const { key, paths, generated } = await ensureServiceAccountKey(dir);
    assert.equal(generated, true);
    assert.equal(paths.privateKey, join(dir, "pki", "sa.key"));
    assert.equal(await mode(paths.privateKey), 0o600);
    assert.equal(await mode(paths.publicKey), 0o644);
    assert.match(await Deno.readTextFile(paths.privateKey), /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(await Deno.readTextFile(paths.publicKey), key.publicPem);
    assert.match(key.publicPem, /^-----BEGIN PUBLIC KEY-----/);
    assert.equal((key.privateKey.algorithm as RsaHashedKeyAlgorithm).modulusLength, 2048);
    assert.match(key.keyId, /^[A-Za-z0-9_-]{43}$/);
  }));

Deno.test("a restart reuses the signing key, so its key id stays the same", () =>
  withDataDir(async (dir) => {
    const first = await ensureServiceAccountKey(dir);
    const second = await ensureServiceAccountKey(dir);
    assert.equal(second.generated, false);
    assert.equal(second.key.keyId, first.key.keyId);
    assert.equal(second.key.publicPem, first.key.publicPem);
  }));

Deno.test("a missing half of the key pair stops the start instead of replacing the pair", () =>
  withDataDir(async (dir) => {
    const { paths } = await ensureServiceAccountKey(dir);
    await Deno.remove(paths.publicKey);
    await assert.rejects(ensureServiceAccountKey(dir), /sa\.pub is missing but .*sa\.key exists/);
  }));

Deno.test("a private key that does not belong to the public key is refused", () =>
  withDataDir(async (dir) => {
    const a = await ensureServiceAccountKey(join(dir, "a"));
    const b = await ensureServiceAccountKey(join(dir, "b"));
    const privatePem = await Deno.readTextFile(a.paths.privateKey);
    await assert.rejects(loadServiceAccountKey(privatePem, b.key.publicPem), /not the private half/);
  }));
