import assert from "node:assert/strict";
import { join } from "node:path";
import { parse } from "yaml";
import { renderKubeconfig, writeKubeconfig } from "./kubeconfig.ts";

const caPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

Deno.test("a kubeconfig names one cluster, one token user and the current context skiff", () => {
  const config = parse(renderKubeconfig({ server: "https://127.0.0.1:6443", caPem, token: "tok" }));
  assert.deepEqual(config, {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{
      name: "skiff",
      cluster: { server: "https://127.0.0.1:6443", "certificate-authority-data": btoa(caPem) },
    }],
    users: [{ name: "skiff-admin", user: { token: "tok" } }],
    contexts: [{ name: "skiff", context: { cluster: "skiff", user: "skiff-admin" } }],
    "current-context": "skiff",
    preferences: {},
  });
});

Deno.test("a kubeconfig uses the given user, cluster and context names", () => {
  const config = parse(
    renderKubeconfig({ server: "https://h:1", caPem, token: "t", user: "bob", cluster: "c", context: "x" }),
  );
  assert.deepEqual(config.contexts, [{ name: "x", context: { cluster: "c", user: "bob" } }]);
  assert.equal(config["current-context"], "x");
  assert.equal(config.users[0].name, "bob");
  assert.equal(config.clusters[0].name, "c");
});

Deno.test("a kubeconfig is written readable by its owner only, replacing an older one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "kubeconfig");
    await Deno.writeTextFile(path, "old", { mode: 0o644 });
    await writeKubeconfig(path, { server: "https://127.0.0.1:6443", caPem, token: "tok" });
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    assert.equal(parse(await Deno.readTextFile(path)).users[0].user.token, "tok");
    assert.deepEqual((await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name), ["kubeconfig"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a kubeconfig user may authenticate with an embedded client certificate instead of a token", () => {
  const clientCertificate = { cert: "CERT PEM", key: "KEY PEM" };
  const config = parse(renderKubeconfig({ server: "https://h:1", caPem, clientCertificate, user: "alice" }));
  assert.deepEqual(config.users, [{
    name: "alice",
    user: { "client-certificate-data": btoa("CERT PEM"), "client-key-data": btoa("KEY PEM") },
  }]);
  assert.throws(
    () => renderKubeconfig({ server: "https://h:1", caPem }),
    /needs a token or a client certificate/,
  );
});
