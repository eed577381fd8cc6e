/**
 * An API server with static bearer tokens and RBAC, for tests of authorization and access reviews:
 * token "admin" is skiff-admin in system:masters, "x" the service account default/x, "alice" a user in
 * group "dev".
 *
 * @module
 */
import { authenticate, createTokenAuthenticator, RbacAuthorizer, unionAuthenticator } from "@skiff/auth";
import { openEmbeddedStore } from "@skiff/store";
import { createApiServer } from "../app.ts";

/** The user name of token "x". */
export const SA = "system:serviceaccount:default:x";

/**
 * Starts the server; `req` sends JSON with a token, `eventually` retries a check until it passes.
 *
 * @example
 * ```ts
 * const s = await securedServer();
 * (await s.req("x", "GET", "/api/v1/namespaces/default/pods")).status; // 403
 * await s.close();
 * ```
 */
export async function securedServer() {
  const dir = await Deno.makeTempDir({ prefix: "skiff-rbac-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  const tokens = await createTokenAuthenticator([
    { token: "admin", username: "skiff-admin", uid: "1", groups: ["system:masters"] },
    { token: "x", username: SA, uid: "2", groups: ["system:serviceaccounts"] },
    { token: "alice", username: "alice", uid: "3", groups: ["dev"] },
  ]);
  const api = createApiServer({
    store,
    authenticate: authenticate(unionAuthenticator(tokens)),
    rbac: new RbacAuthorizer(),
    log: Deno.env.get("SKIFF_TEST_LOG") ? console.error : () => {},
  });
  await api.start();
  const req = async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await api.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // deno-lint-ignore no-explicit-any
    return { status: res.status, body: await res.json() as any };
  };
  return {
    req,
    /** Retries `check` until it passes: the authorizer learns of writes through a watch. */
    async eventually(check: () => Promise<void>) {
      for (let i = 0;; i++) {
        try {
          return await check();
        } catch (e) {
          if (i > 100) throw e;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    },
    async close() {
      await api.stop();
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
