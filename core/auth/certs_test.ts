import assert from "node:assert/strict";
import { createCa, issueClientCert, issueServingCert } from "./certs.ts";
import { x509 } from "./_x509.ts";

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

Deno.test("the CA is a self-signed ten-year certificate authority named skiff-ca", async () => {
  const ca = new x509.X509Certificate((await createCa()).cert);
  assert.equal(ca.subject, "CN=skiff-ca");
  assert.equal(ca.issuer, "CN=skiff-ca");
  assert.equal(ca.getExtension(x509.BasicConstraintsExtension)?.ca, true);
  assert.ok(await ca.verify({ signatureOnly: true }, crypto));
  const years = (ca.notAfter.getTime() - Date.now()) / YEAR_MS;
  assert.ok(years > 9.9 && years < 10.1, `CA valid for ${years} years`);
});

Deno.test("a serving certificate carries DNS names and IP addresses apart and verifies against its CA", async () => {
  const ca = await createCa();
  const serving = new x509.X509Certificate(
    (await issueServingCert(ca, { sans: ["LocalHost", "127.0.0.1", "0:0:0:0:0:0:0:1", "*.apps.example"] }))
      .cert,
  );
  const names = serving.getExtension(x509.SubjectAlternativeNameExtension)!.names.toJSON();
  assert.deepEqual(names, [
    { type: "dns", value: "*.apps.example" },
    { type: "dns", value: "localhost" },
    { type: "ip", value: "127.0.0.1" },
    { type: "ip", value: "::1" },
  ]);
  assert.deepEqual(Array.from(serving.getExtension(x509.ExtendedKeyUsageExtension)!.usages, String), [
    x509.ExtendedKeyUsage.serverAuth,
  ]);
  assert.equal(serving.getExtension(x509.BasicConstraintsExtension)?.ca, false);
  const caCert = new x509.X509Certificate(ca.cert);
  assert.ok(await serving.verify({ publicKey: caCert.publicKey, signatureOnly: true }, crypto));
  const days = (serving.notAfter.getTime() - Date.now()) / (YEAR_MS / 365);
  assert.ok(days > 364 && days < 366, `serving certificate valid for ${days} days`);
});

Deno.test("a serving certificate refuses a name that is neither a host name nor an address", async () => {
  const ca = await createCa();
  await assert.rejects(issueServingCert(ca, { sans: ["not a name"] }), /not a DNS name or IP address/);
});

Deno.test("a client certificate names the user in CN and each group in its own O", async () => {
  const ca = await createCa();
  const pair = await issueClientCert(ca, { username: "alice", groups: ["system:masters", "dev,ops"] });
  const cert = new x509.X509Certificate(pair.cert);
  assert.deepEqual(cert.subjectName.getField("CN"), ["alice"]);
  assert.deepEqual(cert.subjectName.getField("O"), ["system:masters", "dev,ops"]);
  assert.deepEqual(Array.from(cert.getExtension(x509.ExtendedKeyUsageExtension)!.usages, String), [
    x509.ExtendedKeyUsage.clientAuth,
  ]);
  assert.ok(
    await cert.verify(
      { publicKey: new x509.X509Certificate(ca.cert).publicKey, signatureOnly: true },
      crypto,
    ),
  );
  assert.match(pair.key, /^-----BEGIN PRIVATE KEY-----/);
});

Deno.test("openssl agrees the issued certificates chain to the CA", {
  ignore: !await hasCommand("openssl"),
}, async () => {
  const ca = await createCa();
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/ca.crt`, ca.cert);
    await Deno.writeTextFile(`${dir}/server.crt`, (await issueServingCert(ca, { sans: ["localhost"] })).cert);
    await Deno.writeTextFile(`${dir}/client.crt`, (await issueClientCert(ca, { username: "bob" })).cert);
    for (const [leaf, purpose] of [["server.crt", "sslserver"], ["client.crt", "sslclient"]]) {
      const out = await new Deno.Command("openssl", {
        args: ["verify", "-purpose", purpose, "-CAfile", `${dir}/ca.crt`, `${dir}/${leaf}`],
      }).output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function hasCommand(cmd: string): Promise<boolean> {
  try {
    return (await new Deno.Command(cmd, { args: ["version"], stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}
