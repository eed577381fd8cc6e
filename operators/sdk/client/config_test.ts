import assert from "node:assert/strict";
import { stringify } from "yaml";
import { startTestCore } from "../testing/core.ts";
import { createClient } from "./client.ts";
import { inClusterConfig, loadKubeconfig, parseKubeconfig } from "./config.ts";
import { podsResource } from "./resources.ts";

Deno.test("a kubeconfig's named context picks its cluster, user and namespace; file paths are relative to it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/ca.crt`, "CA PEM");
    await Deno.writeTextFile(`${dir}/client.crt`, "CERT PEM");
    await Deno.writeTextFile(`${dir}/client.key`, "KEY PEM");
    await Deno.writeTextFile(
      `${dir}/config`,
      stringify({
        apiVersion: "v1",
        kind: "Config",
        "current-context": "a",
        clusters: [
          {
            name: "one",
            cluster: { server: "https://one:6443/", "certificate-authority-data": btoa("ONE CA") },
          },
          { name: "two", cluster: { server: "https://two:6443", "certificate-authority": "ca.crt" } },
        ],
        users: [
          { name: "tok", user: { token: "secret" } },
          { name: "cert", user: { "client-certificate": "client.crt", "client-key": "client.key" } },
          { name: "file", user: { tokenFile: "token" } },
        ],
        contexts: [
          { name: "a", context: { cluster: "one", user: "tok" } },
          { name: "b", context: { cluster: "two", user: "cert", namespace: "team" } },
          { name: "c", context: { cluster: "two", user: "file" } },
        ],
      }),
    );
    assert.deepEqual(await loadKubeconfig(`${dir}/config`), {
      server: "https://one:6443",
      caPem: "ONE CA",
      token: "secret",
    });
    assert.deepEqual(await loadKubeconfig(`${dir}/config`, { context: "b" }), {
      server: "https://two:6443",
      caPem: "CA PEM",
      certPem: "CERT PEM",
      keyPem: "KEY PEM",
      namespace: "team",
    });
    assert.equal((await loadKubeconfig(`${dir}/config`, { context: "c" })).tokenFile, `${dir}/token`);
    await assert.rejects(loadKubeconfig(`${dir}/config`, { context: "z" }), /no context named "z"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a kubeconfig that skips TLS verification is refused with a clear message", async () => {
  const text = stringify({
    "current-context": "x",
    clusters: [{ name: "x", cluster: { server: "https://x", "insecure-skip-tls-verify": true } }],
    users: [],
    contexts: [{ name: "x", context: { cluster: "x" } }],
  });
  await assert.rejects(parseKubeconfig(text), /insecure-skip-tls-verify/);
});

Deno.test("in-cluster config reads the ServiceAccount mount and KUBERNETES_SERVICE_HOST/PORT, and reaches the core", async () => {
  const core = await startTestCore();
  const dir = await Deno.makeTempDir();
  // The service variables as the kubelet sets them, kept out of this process's environment so that no
  // other test running alongside sees them.
  const env = new Map([["KUBERNETES_SERVICE_HOST", "127.0.0.1"], [
    "KUBERNETES_SERVICE_PORT",
    String(core.port),
  ]]);
  try {
    await Deno.writeTextFile(`${dir}/token`, core.token + "\n");
    await Deno.writeTextFile(`${dir}/ca.crt`, core.caPem);
    await Deno.writeTextFile(`${dir}/namespace`, "kube-system\n");
    const config = await inClusterConfig(dir, env);
    assert.equal(config.server, core.url);
    assert.equal(config.namespace, "kube-system");
    assert.equal(config.tokenFile, `${dir}/token`);
    await assert.rejects(inClusterConfig(dir, new Map()), /not in a cluster/);
    const client = createClient(config);
    try {
      const pods = client.resource(podsResource);
      assert.equal(pods.path(), "/api/v1/pods");
      await pods.list();
      // The Pod's own namespace is where namespaced calls go by default.
      assert.equal(client.defaultNamespace, "kube-system");
    } finally {
      client.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
    await core.close();
  }
});
