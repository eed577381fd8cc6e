import assert from "node:assert/strict";
import { Hono } from "hono";
import { every } from "hono/combine";
import { HTTPException } from "hono/http-exception";
import { createApiServer } from "@skiff/api";
import { openEmbeddedStore } from "@skiff/store";
import { audit, type AuditEvent } from "./audit.ts";
import { type AuditLog, openAuditLog } from "./audit_log.ts";
import { unionAuthenticator } from "./authenticator.ts";
import { authenticate } from "./middleware.ts";
import { createTokenAuthenticator } from "./token_authenticator.ts";

const ADMIN = { token: "admin-token", username: "skiff-admin", uid: "u-1", groups: ["system:masters"] };

async function withLog(fn: (log: AuditLog) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-audit-" });
  const log = await openAuditLog(`${dir}/audit.log`, { flushDelayMs: 60_000 });
  try {
    await fn(log);
  } finally {
    await log.close();
    await Deno.remove(dir, { recursive: true });
  }
}

async function events(log: AuditLog): Promise<AuditEvent[]> {
  await log.flush();
  return (await Deno.readTextFile(log.path)).split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

const headers = (token?: string, extra: Record<string, string> = {}) => ({
  ...(token ? { authorization: `Bearer ${token}` } : {}),
  "content-type": "application/json",
  ...extra,
});

Deno.test("writes through the API server are audited with user, verb, object and status", () =>
  withLog(async (log) => {
    const dir = await Deno.makeTempDir({ prefix: "skiff-audit-api-" });
    const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
    const authn = unionAuthenticator(await createTokenAuthenticator([ADMIN]));
    const api = createApiServer({
      store,
      authenticate: every(audit(log), authenticate(authn)),
      log: () => {},
    });
    await api.start();
    try {
      const sa = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot" } };
      const send = (method: string, path: string, body?: unknown, type = "application/json") =>
        api.app.request(path, {
          method,
          headers: headers(ADMIN.token, { "content-type": type, "user-agent": "kubectl/v1.32.4" }),
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const created = await send("POST", "/api/v1/namespaces/default/serviceaccounts", sa);
      assert.equal(created.status, 201);
      const auditId = created.headers.get("audit-id");
      assert.match(auditId!, /^[0-9a-f-]{36}$/);
      assert.equal((await send("GET", "/api/v1/namespaces/default/serviceaccounts/robot")).status, 200);
      assert.equal((await send("GET", "/api/v1/namespaces/default/serviceaccounts")).status, 200);
      const patched = await send(
        "PATCH",
        "/api/v1/namespaces/default/serviceaccounts/robot",
        { metadata: { labels: { a: "b" } } },
        "application/merge-patch+json",
      );
      assert.equal(patched.status, 200);
      assert.equal((await send("DELETE", "/api/v1/namespaces/default/serviceaccounts/nobody")).status, 404);

      const got = await events(log);
      assert.deepEqual(got.map((e) => [e.verb, e.objectRef?.name, e.responseStatus.code]), [
        ["create", undefined, 201],
        ["patch", "robot", 200],
        ["delete", "nobody", 404],
      ], "reads are not audited; failed writes are");
      const [create] = got;
      assert.equal(create.auditID, auditId);
      assert.deepEqual(
        { kind: create.kind, apiVersion: create.apiVersion, level: create.level, stage: create.stage },
        { kind: "Event", apiVersion: "audit.k8s.io/v1", level: "Metadata", stage: "ResponseComplete" },
      );
      assert.equal(create.requestURI, "/api/v1/namespaces/default/serviceaccounts");
      assert.deepEqual(create.user, {
        username: "skiff-admin",
        uid: "u-1",
        groups: ["system:masters", "system:authenticated"],
      });
      // The core group is "", which Kubernetes leaves out.
      assert.deepEqual(create.objectRef, {
        namespace: "default",
        resource: "serviceaccounts",
        apiVersion: "v1",
      });
      assert.equal(create.userAgent, "kubectl/v1.32.4");
      assert.match(create.requestReceivedTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.ok(create.stageTimestamp >= create.requestReceivedTimestamp);
    } finally {
      await api.stop();
      await store.close();
      await Deno.remove(dir, { recursive: true });
    }
  }));

Deno.test("refusals are audited: 401 without a user, 403 with one, and reads that succeed are not", () =>
  withLog(async (log) => {
    const authn = unionAuthenticator(await createTokenAuthenticator([ADMIN]));
    const app = new Hono();
    app.onError((e, c) => c.json({ code: 403 }, (e as HTTPException).status ?? 500));
    app.use(every(audit(log), authenticate(authn)));
    app.get("/api/v1/secrets", () => {
      throw new HTTPException(403);
    });
    app.get("/version", (c) => c.json({}));

    const wrong = await app.request("/api/v1/namespaces/default/pods", {
      headers: headers("wrong", { "x-forwarded-for": "10.0.0.7, 10.0.0.8", "audit-id": "from-proxy-1" }),
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get("audit-id"), "from-proxy-1");
    assert.equal((await app.request("/api/v1/secrets", { headers: headers(ADMIN.token) })).status, 403);
    assert.equal((await app.request("/version", { headers: headers(ADMIN.token) })).status, 200);

    const [unauthorized, forbidden, ...rest] = await events(log);
    assert.deepEqual(rest, []);
    assert.equal(unauthorized.auditID, "from-proxy-1");
    assert.equal(unauthorized.verb, "list");
    assert.deepEqual(unauthorized.user, {});
    assert.deepEqual(unauthorized.sourceIPs, ["10.0.0.7", "10.0.0.8"]);
    assert.deepEqual(unauthorized.responseStatus, { metadata: {}, code: 401 });
    assert.equal(forbidden.user.username, "skiff-admin");
    assert.deepEqual([forbidden.verb, forbidden.objectRef?.resource, forbidden.responseStatus.code], [
      "list",
      "secrets",
      403,
    ]);
  }));
