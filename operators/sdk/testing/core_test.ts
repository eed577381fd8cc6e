import assert from "node:assert/strict";
import { createClient } from "../client/client.ts";
import { loadKubeconfig } from "../client/config.ts";
import { isNotFound } from "../client/errors.ts";
import { namespacesResource, podsResource } from "../client/resources.ts";
import { startTestCore } from "./core.ts";

Deno.test("a test core serves the API over HTTPS with an admin kubeconfig, and close() releases everything", async () => {
  const core = await startTestCore();
  const config = await loadKubeconfig(core.kubeconfig);
  assert.equal(config.server, core.url);
  const client = createClient(config);
  try {
    const names = (await client.resource(namespacesResource).list()).items.map((n) => n.metadata?.name)
      .sort();
    assert.deepEqual(names, ["default", "kube-node-lease", "kube-public", "kube-system"]);
    const http = Deno.createHttpClient({ caCerts: [core.caPem] });
    const wrong = await fetch(`${core.url}/api/v1/namespaces`, {
      client: http,
      headers: { authorization: "Bearer wrong" },
    });
    await wrong.body?.cancel();
    http.close();
    assert.equal(wrong.status, 401);
  } finally {
    client.close();
    await core.close();
    await core.close();
  }
  await assert.rejects(Deno.stat(core.dataDir), Deno.errors.NotFound);
  // Nothing listens on the port any more.
  await assert.rejects(
    Deno.connect({ hostname: "127.0.0.1", port: core.port }),
    Deno.errors.ConnectionRefused,
  );
});

Deno.test("the in-process client and the HTTPS client see the same core", async () => {
  const core = await startTestCore();
  try {
    const viaHttps = core.client.resource(podsResource).namespace("default");
    const inProcess = core.inProcessClient.resource(podsResource).namespace("default");
    const created = await inProcess.create({
      metadata: { name: "web" },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    assert.equal((await viaHttps.get("web")).metadata?.uid, created.metadata?.uid);
    await viaHttps.delete("web", { gracePeriodSeconds: 0 });
    await assert.rejects(inProcess.get("web"), isNotFound);
  } finally {
    await core.close();
  }
});

Deno.test("a test core installs the CRDs it is given and serves their kinds before it is handed out", async () => {
  const core = await startTestCore({
    crds: [{
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        names: { plural: "widgets", kind: "Widget", singular: "widget", listKind: "WidgetList" },
        scope: "Namespaced",
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
        }],
      },
    }],
  });
  try {
    const widgets = await core.client.resourceFor("example.com/v1", "Widget");
    const w = await widgets.namespace("default").create({ metadata: { name: "w" }, spec: { size: 1 } });
    assert.equal(w.kind, "Widget");
  } finally {
    await core.close();
  }
});
