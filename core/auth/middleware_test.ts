import assert from "node:assert/strict";
import { Hono } from "hono";
import { unionAuthenticator } from "./authenticator.ts";
import { authenticate, type AuthEnv, isHealthPath } from "./middleware.ts";
import { createTokenAuthenticator } from "./token_authenticator.ts";

const UNAUTHORIZED = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "Unauthorized",
  reason: "Unauthorized",
  code: 401,
};

async function app(options?: Parameters<typeof authenticate>[1]) {
  const tokens = await createTokenAuthenticator([
    { token: "good", username: "skiff-admin", uid: "1", groups: ["system:masters"] },
  ]);
  const app = new Hono<AuthEnv>();
  app.use(authenticate(unionAuthenticator(tokens), options));
  app.get("*", (c) => c.json(c.get("user")));
  return app;
}

const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

Deno.test("a request with a known token reaches the handler as its user", async () => {
  const res = await (await app()).request("/api/v1/pods", auth("good"));
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    username: "skiff-admin",
    uid: "1",
    groups: ["system:masters", "system:authenticated"],
  });
});

Deno.test("a request with no token or a wrong one gets the 401 Unauthorized Status", async () => {
  const a = await app();
  for (const init of [undefined, auth("bad"), { headers: { authorization: "Basic YTpi" } }]) {
    const res = await a.request("/api/v1/pods", init);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.deepEqual(await res.json(), UNAUTHORIZED);
  }
});

Deno.test("health endpoints answer a request without credentials as system:anonymous", async () => {
  const a = await app();
  for (const path of ["/livez", "/readyz", "/healthz", "/readyz/etcd"]) {
    const res = await a.request(path);
    assert.equal(res.status, 200, path);
    assert.deepEqual(await res.json(), { username: "system:anonymous", groups: ["system:unauthenticated"] });
  }
  assert.equal((await a.request("/livezz")).status, 401);
});

Deno.test("a wrong token is refused on health endpoints too, as kube-apiserver refuses it", async () => {
  const res = await (await app()).request("/livez", auth("bad"));
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), UNAUTHORIZED);
});

Deno.test("the anonymous paths can be chosen, including none", async () => {
  const none = await app({ anonymous: () => false });
  assert.equal((await none.request("/livez")).status, 401);
  const openApi = await app({ anonymous: (p) => isHealthPath(p) || p === "/version" });
  assert.equal((await openApi.request("/version")).status, 200);
});

Deno.test("a bare authenticator's users also get system:authenticated", async () => {
  const tokens = await createTokenAuthenticator([{ token: "t", username: "bob", uid: "", groups: [] }]);
  const app = new Hono<AuthEnv>();
  app.use(authenticate(tokens));
  app.get("/", (c) => c.json(c.get("user").groups));
  assert.deepEqual(await (await app.request("/", auth("t"))).json(), ["system:authenticated"]);
});
