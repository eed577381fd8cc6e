import assert from "node:assert/strict";
import { startTestCore } from "../testing/core.ts";
import { Client, createClient } from "./client.ts";
import { loadKubeconfig } from "./config.ts";
import {
  ApiError,
  ConnectionError,
  isAlreadyExists,
  isConflict,
  isGone,
  isInvalid,
  isNotFound,
} from "./errors.ts";
import { leasesResource, podsResource } from "./resources.ts";
import { inProcessTransport } from "./transport.ts";
import type { KubeObject } from "./types.ts";

const pod = (name: string) => ({
  metadata: { name, labels: { app: "web" } },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

for (const transport of ["https", "in-process"] as const) {
  Deno.test(`the client creates, reads, lists, updates, patches and deletes pods (${transport})`, async () => {
    const core = await startTestCore();
    try {
      const client = transport === "https" ? core.client : core.inProcessClient;
      const pods = client.resource(podsResource).namespace("default");
      const created = await pods.create(pod("web"));
      assert.equal(created.metadata?.namespace, "default");
      assert.equal(created.kind, "Pod");
      assert.equal((await pods.get("web")).metadata?.uid, created.metadata?.uid);

      const list = await pods.list({ labelSelector: "app=web" });
      assert.equal(list.kind, "PodList");
      assert.deepEqual(list.items.map((p) => p.metadata?.name), ["web"]);
      assert.equal((await pods.list({ labelSelector: "app=db" })).items.length, 0);

      const updated = await pods.update({
        ...created,
        metadata: { ...created.metadata, labels: { app: "web", v: "1" } },
      });
      assert.equal(updated.metadata?.labels?.v, "1");
      const merged = await pods.patch("web", { metadata: { labels: { v: "2" } } });
      assert.equal(merged.metadata?.labels?.v, "2");
      const strategic = await pods.patch("web", { metadata: { labels: { s: "y" } } }, { type: "strategic" });
      assert.equal(strategic.metadata?.labels?.s, "y");
      const json = await pods.patch("web", [{ op: "replace", path: "/metadata/labels/v", value: "3" }], {
        type: "json",
      });
      assert.equal(json.metadata?.labels?.v, "3");

      const status = await pods.patchStatus("web", { status: { phase: "Running" } });
      assert.equal(status.status?.phase, "Running");
      const again = await pods.updateStatus({ ...status, status: { ...status.status, phase: "Succeeded" } });
      assert.equal(again.status?.phase, "Succeeded");

      const dry = await pods.create(pod("dry"), { dryRun: true });
      assert.equal(dry.metadata?.name, "dry");
      await assert.rejects(pods.get("dry"), isNotFound);

      await pods.delete("web", { gracePeriodSeconds: 0 });
      await assert.rejects(pods.get("web"), isNotFound);
    } finally {
      await core.close();
    }
  });
}

Deno.test("errors are ApiErrors carrying the Kubernetes Status, reason and field causes", async () => {
  const core = await startTestCore();
  try {
    const pods = core.client.resource(podsResource).namespace("default");
    const missing = await pods.get("nope").catch((e) => e);
    assert.ok(missing instanceof ApiError);
    assert.equal(missing.code, 404);
    assert.equal(missing.reason, "NotFound");
    assert.equal(missing.message, 'pods "nope" not found');
    assert.ok(isNotFound(missing));

    const first = await pods.create(pod("a"));
    await assert.rejects(pods.create(pod("a")), isAlreadyExists);
    await pods.patch("a", { metadata: { labels: { x: "1" } } });
    await assert.rejects(pods.update(first), isConflict);

    const invalid = await pods.create({ metadata: { name: "b" }, spec: { containers: [] } }).catch((e) => e);
    assert.ok(isInvalid(invalid));
    assert.ok(invalid.causes.some((c: { field?: string }) => c.field === "spec.containers"));
  } finally {
    await core.close();
  }
});

Deno.test("server-side apply is sent as an apply patch with fieldManager and force", async () => {
  const core = await startTestCore();
  try {
    const seen: Request[] = [];
    const recording = inProcessTransport({
      fetch: (req) => {
        seen.push(req.clone());
        return core.api.app.fetch(req);
      },
    }, { token: core.token });
    const client = new Client({ server: "http://in-process", transport: recording });
    const pods = client.resource(podsResource).namespace("default");
    // The API answers 415 until it learns apply; the request is what this test is about.
    await pods.apply(pod("web"), { fieldManager: "me", force: true }).catch((e) => {
      if (!(e instanceof ApiError && e.code === 415)) throw e;
    });
    const req = seen.at(-1)!;
    const url = new URL(req.url);
    assert.equal(req.method, "PATCH");
    assert.equal(url.pathname, "/api/v1/namespaces/default/pods/web");
    assert.equal(req.headers.get("content-type"), "application/apply-patch+yaml");
    assert.equal(url.searchParams.get("fieldManager"), "me");
    assert.equal(url.searchParams.get("force"), "true");
    assert.equal((await req.json()).kind, "Pod");
  } finally {
    await core.close();
  }
});

Deno.test("listAll pages through a collection with limit and continue", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    for (let i = 0; i < 5; i++) await leases.create({ metadata: { name: `l${i}` }, spec: {} });
    const page = await leases.list({ limit: 2 });
    assert.equal(page.items.length, 2);
    assert.ok(page.metadata.continue);
    const all = await leases.listAll({ pageSize: 2 });
    assert.deepEqual(all.items.map((l) => l.metadata?.name), ["l0", "l1", "l2", "l3", "l4"]);
    assert.equal(all.metadata.continue, undefined);
  } finally {
    await core.close();
  }
});

Deno.test("a watch streams added, modified and deleted events from a resourceVersion", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    const rv = (await leases.list()).metadata.resourceVersion;
    const abort = new AbortController();
    const events: string[] = [];
    const watching = (async () => {
      for await (
        const e of leases.watch({ resourceVersion: rv, allowWatchBookmarks: true, signal: abort.signal })
      ) {
        events.push(`${e.type} ${(e.object as KubeObject).metadata?.name}`);
        if (events.length === 3) abort.abort();
      }
    })();
    await leases.create({ metadata: { name: "x" }, spec: {} });
    await leases.patch("x", { spec: { holderIdentity: "me" } });
    await leases.delete("x");
    await watching;
    assert.deepEqual(events, ["ADDED x", "MODIFIED x", "DELETED x"]);
  } finally {
    await core.close();
  }
});

Deno.test("a metadata-only client gets, lists and watches PartialObjectMetadata and no spec", async () => {
  const core = await startTestCore();
  try {
    const pods = core.client.resource(podsResource).namespace("default");
    const created = await pods.create(pod("web"));
    const meta = core.client.resource(podsResource).metadataOnly().namespace("default");
    assert.equal(meta.form, "metadata");
    const one = await meta.get("web");
    assert.deepEqual(one, {
      kind: "PartialObjectMetadata",
      apiVersion: "meta.k8s.io/v1",
      metadata: created.metadata,
    });
    const list = await meta.list();
    assert.equal(list.kind, "PartialObjectMetadataList");
    assert.deepEqual(list.items.map((p) => [p.kind, p.metadata?.name]), [["PartialObjectMetadata", "web"]]);
    assert.equal((await meta.listAll({ pageSize: 1 })).items.length, 1);

    const abort = new AbortController();
    const seen: KubeObject[] = [];
    const watching = (async () => {
      for await (
        const e of meta.watch({ resourceVersion: list.metadata.resourceVersion, signal: abort.signal })
      ) {
        seen.push(e.object as KubeObject);
        abort.abort();
      }
    })();
    await pods.patch("web", { metadata: { labels: { v: "2" } } });
    await watching;
    const [modified] = seen;
    assert.deepEqual(Object.keys(modified), ["kind", "apiVersion", "metadata"]);
    assert.equal(modified.kind, "PartialObjectMetadata");
    assert.equal(modified.metadata?.labels?.v, "2");
    // The whole-object client is untouched by its metadata-only sibling.
    assert.ok((await pods.get("web")).spec);
  } finally {
    await core.close();
  }
});

Deno.test("a watch from a compacted resourceVersion gets an ERROR event with 410 Expired", async () => {
  const core = await startTestCore();
  try {
    const leases = core.client.resource(leasesResource).namespace("default");
    await leases.create({ metadata: { name: "a" }, spec: {} });
    const old = (await leases.list()).metadata.resourceVersion!;
    await leases.create({ metadata: { name: "b" }, spec: {} });
    await core.store.compact(await core.store.revision());
    const events = [];
    const signal = AbortSignal.timeout(5000);
    for await (const e of leases.watch({ resourceVersion: String(Number(old) - 1), signal })) events.push(e);
    assert.equal(events.length, 1);
    assert.equal(events[0].type, "ERROR");
    const error = ApiError.fromStatus(events[0].object as never);
    assert.ok(isGone(error));
    assert.equal(error.reason, "Expired");
  } finally {
    await core.close();
  }
});

Deno.test("discovery resolves built-in kinds and a CRD's kind once it is served", async () => {
  const core = await startTestCore();
  try {
    const lease = await core.client.discovery.resolve("coordination.k8s.io/v1", "Lease");
    assert.deepEqual(lease, {
      group: "coordination.k8s.io",
      version: "v1",
      plural: "leases",
      kind: "Lease",
      namespaced: true,
    });
    await assert.rejects(core.client.discovery.resolve("example.com/v1", "Widget"), isNotFound);
    await core.client.json("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", {
      body: {
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
      },
    });
    let widgets;
    for (let i = 0; i < 50 && !widgets; i++) {
      widgets = await core.client.resourceFor("example.com/v1", "Widget").catch(async (e) => {
        if (!isNotFound(e)) throw e;
        await new Promise((r) => setTimeout(r, 100));
      });
    }
    assert.ok(widgets);
    const w = await widgets.namespace("default").create({ metadata: { name: "w" }, spec: { size: 3 } });
    assert.equal(w.apiVersion, "example.com/v1");
    assert.equal((w.spec as { size: number }).size, 3);
  } finally {
    await core.close();
  }
});

Deno.test("429 with Retry-After is waited out and retried, even for a create", async () => {
  const core = await startTestCore();
  try {
    let refused = 0;
    const retries: number[] = [];
    const client = new Client({
      server: "http://in-process",
      // The real API server behind a gate that answers the first request with 429, as a busy server would.
      transport: inProcessTransport({
        fetch: (req) =>
          refused++ === 0
            ? Response.json({ kind: "Status", code: 429, reason: "TooManyRequests", message: "slow down" }, {
              status: 429,
              headers: { "retry-after": "1" },
            })
            : core.api.app.fetch(req),
      }, { token: core.token }),
      onRetry: (info) => retries.push(info.delayMs),
    });
    const started = Date.now();
    await client.resource(podsResource).namespace("default").create(pod("web"));
    assert.ok(Date.now() - started >= 1000);
    assert.deepEqual(retries, [1000]);
  } finally {
    await core.close();
  }
});

Deno.test("a 500 is retried for a read but not for a create", async () => {
  const core = await startTestCore();
  try {
    let failures = 2;
    const client = new Client({
      server: "http://in-process",
      retry: { baseDelayMs: 1 },
      transport: inProcessTransport({
        fetch: (req) => failures-- > 0 ? new Response("boom", { status: 500 }) : core.api.app.fetch(req),
      }, { token: core.token }),
    });
    const pods = client.resource(podsResource).namespace("default");
    assert.equal((await pods.list()).items.length, 0);
    failures = 1;
    const e = await pods.create(pod("web")).catch((e) => e);
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 500);
    assert.equal(e.reason, "InternalError");
    assert.equal(e.message, "boom");
  } finally {
    await core.close();
  }
});

Deno.test("a refused connection is retried, for creates too, and ends in a ConnectionError", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const attempts: string[] = [];
  const client = createClient({ server: `https://127.0.0.1:${port}`, token: "t" }, {
    retry: { maxAttempts: 3, baseDelayMs: 1 },
    onRetry: (info) => attempts.push(info.method),
  });
  try {
    const e = await client.resource(podsResource).namespace("default").create(pod("web")).catch((e) => e);
    assert.ok(e instanceof ConnectionError);
    assert.equal(e.sent, false);
    assert.deepEqual(attempts, ["POST", "POST"]);
  } finally {
    client.close();
  }
});

Deno.test("a client made from the core's kubeconfig file reaches it over HTTPS with the admin token", async () => {
  const core = await startTestCore();
  try {
    const config = await loadKubeconfig(core.kubeconfig);
    assert.equal(config.server, core.url);
    assert.equal(config.caPem, core.caPem);
    const client = createClient(config);
    try {
      const version = await client.json<{ gitVersion: string }>("GET", "/version");
      assert.match(version.gitVersion, /skiff/);
      await client.resource(podsResource).list();
    } finally {
      client.close();
    }
    const anonymous = createClient({ ...config, token: "wrong" });
    try {
      const e = await anonymous.resource(podsResource).list().catch((e) => e);
      assert.equal(e.code, 401);
    } finally {
      anonymous.close();
    }
  } finally {
    await core.close();
  }
});

/** A client over the core's app in-process that keeps every Request the app was handed. */
function recordingClient(
  core: { api: { app: { fetch(req: Request): Response | Promise<Response> } }; token: string },
  options: { server?: string; userAgent?: string } = {},
): { client: Client; seen: Request[] } {
  const seen: Request[] = [];
  const transport = inProcessTransport({
    fetch: (req) => {
      seen.push(req);
      return core.api.app.fetch(req);
    },
  }, { token: core.token });
  return { client: new Client({ server: "http://in-process", ...options, transport }), seen };
}

Deno.test("query values are encoded as URLSearchParams encodes them, undefined ones left out", async () => {
  const core = await startTestCore();
  try {
    const { client, seen } = recordingClient(core);
    const path = "/api/v1/namespaces/default/pods";
    await client.json("GET", path, {
      query: {
        labelSelector: "app in (a,b)",
        limit: 5,
        watch: undefined,
        fieldSelector: "metadata.name=w x",
      },
    });
    assert.equal(
      seen[0].url,
      "http://in-process/api/v1/namespaces/default/pods?labelSelector=app+in+%28a%2Cb%29&limit=5" +
        "&fieldSelector=metadata.name%3Dw+x",
    );
    await client.json("GET", path, { query: { dryRun: undefined } });
    assert.equal(seen[1].url, `http://in-process${path}`);
    // A path with a query of its own keeps it; the options' values replace the same names.
    await client.json("GET", `${path}?limit=7&labelSelector=a%3Db`, { query: { limit: 1 } });
    assert.equal(seen[2].url, `http://in-process${path}?limit=1&labelSelector=a%3Db`);
  } finally {
    await core.close();
  }
});

Deno.test("a server with a path prefix is kept and a path that makes no URL is refused before sending", async () => {
  const core = await startTestCore();
  try {
    const { client, seen } = recordingClient(core, { server: "http://in-process/prefix/" });
    await client.json("GET", "/version").catch((e) => assert.ok(isNotFound(e)));
    assert.equal(seen[0].url, "http://in-process/prefix/version");
    const e = await core.client.request("GET", "version").catch((e) => e);
    assert.ok(e instanceof TypeError, String(e));
    assert.match(e.message, /invalid url/i);
  } finally {
    await core.close();
  }
});

Deno.test("requests carry accept, a content type with a body, and the user agent", async () => {
  const core = await startTestCore();
  try {
    const { client, seen } = recordingClient(core, { userAgent: "skiff-test/1.0" });
    const pods = client.resource(podsResource).namespace("default");
    await pods.create(pod("web"));
    await pods.get("web");
    await pods.patch("web", { metadata: { labels: { v: "2" } } });
    await client.resource(podsResource).metadataOnly().namespace("default").get("web");
    const headers = seen.map((r) => [
      r.method,
      r.headers.get("accept"),
      r.headers.get("content-type"),
      r.headers.get("user-agent"),
    ]);
    assert.deepEqual(headers, [
      ["POST", "application/json", "application/json", "skiff-test/1.0"],
      ["GET", "application/json", null, "skiff-test/1.0"],
      ["PATCH", "application/json", "application/merge-patch+json", "skiff-test/1.0"],
      [
        "GET",
        "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json",
        null,
        "skiff-test/1.0",
      ],
    ]);
  } finally {
    await core.close();
  }
});
