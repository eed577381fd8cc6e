import assert from "node:assert/strict";
import { startTestCore } from "../testing/core.ts";
import { IN_PROCESS } from "./_ndjson.ts";
import { Client } from "./client.ts";
import { loadKubeconfig } from "./config.ts";
import { ConnectionError } from "./errors.ts";
import { podsResource } from "./resources.ts";
import { httpsTransport, inProcessTransport } from "./transport.ts";

Deno.test("an in-process transport hands the app a Request marked in-process, with its token unless one is set", async () => {
  const core = await startTestCore();
  try {
    const seen: Request[] = [];
    const transport = inProcessTransport({
      fetch: (req) => {
        seen.push(req);
        return core.api.app.fetch(req);
      },
    }, { token: core.token });
    const url = "http://in-process/api/v1/namespaces/default/pods";
    const created = await transport.fetch(url, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({
        metadata: { name: "web" },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      }),
    });
    assert.equal(created.status, 201);
    assert.equal((await created.json()).metadata.name, "web");
    const [req] = seen;
    assert.ok(req instanceof Request);
    assert.equal(req.method, "POST");
    assert.equal(req.url, url);
    assert.equal((req as unknown as Record<symbol, unknown>)[IN_PROCESS], true);
    assert.equal(req.headers.get("authorization"), `Bearer ${core.token}`);
    assert.equal(req.headers.get("content-type"), "application/json");

    const denied = await transport.fetch(url, { method: "GET", headers: { authorization: "Bearer wrong" } });
    assert.equal(denied.status, 401);
    assert.equal(seen[1].headers.get("authorization"), "Bearer wrong");
  } finally {
    await core.close();
  }
});

Deno.test("the HTTPS transport sends the config's token unless the request carries its own", async () => {
  const core = await startTestCore();
  try {
    const transport = httpsTransport(await loadKubeconfig(core.kubeconfig));
    try {
      const url = `${core.url}/api/v1/namespaces/default/pods`;
      const ok = await transport.fetch(url, { method: "GET", headers: { accept: "application/json" } });
      assert.equal(ok.status, 200);
      assert.equal((await ok.json()).kind, "PodList");
      const headers = { accept: "application/json", authorization: "Bearer wrong" };
      const denied = await transport.fetch(url, { method: "GET", headers });
      assert.equal(denied.status, 401);
      await denied.body?.cancel();
      // The caller's record is left as it was: a retry builds its own.
      assert.deepEqual(headers, { accept: "application/json", authorization: "Bearer wrong" });
    } finally {
      transport.close?.();
    }
  } finally {
    await core.close();
  }
});

Deno.test("the HTTPS transport reads a token file", async () => {
  const core = await startTestCore();
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/token`, `${core.token}\n`);
    const config = await loadKubeconfig(core.kubeconfig);
    const transport = httpsTransport({ ...config, token: undefined, tokenFile: `${dir}/token` });
    try {
      const res = await transport.fetch(`${core.url}/api/v1/namespaces`, { method: "GET", headers: {} });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    } finally {
      transport.close?.();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
    await core.close();
  }
});

for (const over of ["https", "in-process"] as const) {
  Deno.test(`a request that cannot be built is a TypeError and is not retried (${over})`, async () => {
    const core = await startTestCore();
    try {
      const retries: string[] = [];
      const config = await loadKubeconfig(core.kubeconfig);
      const client = new Client({
        server: over === "https" ? core.url : "http://in-process",
        transport: over === "https"
          ? httpsTransport(config)
          : inProcessTransport(core.api.app, { token: core.token }),
        retry: { baseDelayMs: 1 },
        onRetry: (info) => retries.push(info.reason),
      });
      try {
        const e = await client.request("GET", "/version", { body: "a body on a GET" }).catch((e) => e);
        assert.ok(e instanceof TypeError, String(e));
        assert.ok(!(e instanceof ConnectionError));
        const badHeader = await client.request("GET", "/version", { accept: "a\nb" }).catch((e) => e);
        assert.ok(badHeader instanceof TypeError, String(badHeader));
        assert.deepEqual(retries, []);
      } finally {
        client.close();
      }
    } finally {
      await core.close();
    }
  });
}

Deno.test("an aborted request rejects with the signal's reason and is not retried", async () => {
  const core = await startTestCore();
  try {
    const retries: string[] = [];
    const client = new Client({
      server: core.url,
      transport: httpsTransport(await loadKubeconfig(core.kubeconfig)),
      onRetry: (info) => retries.push(info.reason),
    });
    try {
      const reason = new Error("stop");
      const pods = client.resource(podsResource).namespace("default");
      const e = await pods.list({ signal: AbortSignal.abort(reason) }).catch((e) => e);
      assert.equal(e, reason);
      assert.deepEqual(retries, []);
    } finally {
      client.close();
    }
  } finally {
    await core.close();
  }
});
