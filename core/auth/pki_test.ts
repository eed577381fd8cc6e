import assert from "node:assert/strict";
import { join } from "node:path";
import { issueServingCert } from "./certs.ts";
import { ensurePki } from "./pki.ts";
import { x509 } from "./_x509.ts";

async function withDataDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-auth-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const mode = async (path: string) => (await Deno.stat(path)).mode! & 0o777;

Deno.test("first start writes the CA and serving certificate with owner-only keys", () =>
  withDataDir(async (dir) => {
    const pki = await ensurePki(dir);
    assert.deepEqual(pki.generated, { ca: true, serving: true });
    assert.equal(await mode(join(dir, "pki")), 0o700);
    assert.equal(await mode(pki.paths.caKey), 0o600);
    assert.equal(await mode(pki.paths.servingKey), 0o600);
    assert.equal(await mode(pki.paths.caCert), 0o644);
    assert.equal(await Deno.readTextFile(pki.paths.caCert), pki.ca.cert);
    assert.equal(await Deno.readTextFile(pki.paths.servingKey), pki.serving.key);
    assert.deepEqual((await Array.fromAsync(Deno.readDir(pki.paths.dir))).map((e) => e.name).sort(), [
      "apiserver.crt",
      "apiserver.key",
      "ca.crt",
      "ca.key",
    ]);
  }));

Deno.test("the serving certificate covers loopback, the host, its addresses and the kubernetes Service names", () =>
  withDataDir(async (dir) => {
    const pki = await ensurePki(dir, { sans: ["api.example.com", "10.96.0.1"] });
    const names = new x509.X509Certificate(pki.serving.cert).getExtension(
      x509.SubjectAlternativeNameExtension,
    )!
      .names.toJSON().map((n) => `${n.type}:${n.value}`);
    const expected = [
      "dns:localhost",
      "ip:127.0.0.1",
      "ip:::1",
      "dns:kubernetes",
      "dns:kubernetes.default",
      "dns:kubernetes.default.svc",
      "dns:kubernetes.default.svc.cluster.local",
      `dns:${Deno.hostname().toLowerCase()}`,
      "dns:api.example.com",
      "ip:10.96.0.1",
    ];
    for (const nic of Deno.networkInterfaces()) expected.push(`ip:${nic.address}`);
    for (const e of expected) assert.ok(names.includes(e), `${e} missing from ${names.join(", ")}`);
  }));

Deno.test("a later start reuses the CA and serving certificate unchanged", () =>
  withDataDir(async (dir) => {
    const first = await ensurePki(dir, { sans: ["api.example.com"] });
    const again = await ensurePki(dir, { sans: ["API.example.com."] });
    assert.deepEqual(again.generated, { ca: false, serving: false });
    assert.equal(again.reason, undefined);
    assert.deepEqual(again.ca, first.ca);
    assert.deepEqual(again.serving, first.serving);
  }));

Deno.test("changing the extra names re-issues only the serving certificate", () =>
  withDataDir(async (dir) => {
    const first = await ensurePki(dir);
    const next = await ensurePki(dir, { sans: ["lb.example.com"] });
    assert.deepEqual(next.generated, { ca: false, serving: true });
    assert.equal(next.reason, "serving certificate names changed");
    assert.deepEqual(next.ca, first.ca);
    assert.notEqual(next.serving.cert, first.serving.cert);
    assert.ok(next.sans.dnsNames.includes("lb.example.com"));
  }));

Deno.test("a serving certificate expiring within 30 days is replaced", () =>
  withDataDir(async (dir) => {
    const first = await ensurePki(dir);
    const short = await issueServingCert(first.ca, {
      sans: [...first.sans.dnsNames, ...first.sans.ipAddresses],
      validityDays: 20,
    });
    await Deno.writeTextFile(first.paths.servingCert, short.cert);
    await Deno.writeTextFile(first.paths.servingKey, short.key);
    const next = await ensurePki(dir);
    assert.match(next.reason ?? "", /^serving certificate expires /);
    const days = (new x509.X509Certificate(next.serving.cert).notAfter.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 364, `new certificate valid for ${days} days`);
  }));

Deno.test("a serving key that does not match its certificate is replaced", () =>
  withDataDir(async (dir) => {
    const first = await ensurePki(dir);
    const other = await issueServingCert(first.ca, { sans: ["localhost"] });
    await Deno.writeTextFile(first.paths.servingKey, other.key);
    assert.equal((await ensurePki(dir)).reason, "serving key does not match its certificate");
  }));

Deno.test("a serving certificate from another CA is replaced", () =>
  withDataDir(async (dir) => {
    const other = await ensurePki(await Deno.makeTempDir({ dir }));
    const first = await ensurePki(dir);
    await Deno.writeTextFile(first.paths.servingCert, other.serving.cert);
    await Deno.writeTextFile(first.paths.servingKey, other.serving.key);
    assert.equal((await ensurePki(dir)).reason, "serving certificate not signed by the CA");
  }));

Deno.test("a CA with one of its two files missing stops start-up instead of being replaced", () =>
  withDataDir(async (dir) => {
    const pki = await ensurePki(dir);
    await Deno.remove(pki.paths.caKey);
    await assert.rejects(ensurePki(dir), /ca\.key is missing but .*ca\.crt exists/);
    assert.equal(await Deno.readTextFile(pki.paths.caCert), pki.ca.cert);
  }));
