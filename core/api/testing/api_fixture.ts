/**
 * A real API server on a fresh embedded store, driven with hono's app.request(): the fixture every unit
 * test of this package uses.
 *
 * @module
 */
import { openEmbeddedStore } from "@skiff/store";
import { type ApiServer, createApiServer, SYSTEM_NAMESPACES } from "../app.ts";

/** A started API server and a small request helper. */
export interface ApiFixture {
  api: ApiServer;
  /** Sends a request; objects are sent as JSON, strings as they are. Answers status, headers and parsed body. */
  req(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
    // deno-lint-ignore no-explicit-any
  ): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

/**
 * Starts an API server for one test.
 *
 * @example
 * ```ts
 * const f = await apiFixture();
 * const { status } = await f.req("GET", "/api/v1/namespaces");
 * await f.close();
 * ```
 */
export async function apiFixture(options: { historyLimit?: number } = {}): Promise<ApiFixture> {
  const dir = await Deno.makeTempDir({ prefix: "skiff-api-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite`, historyLimit: options.historyLimit });
  const api = createApiServer({ store, log: Deno.env.get("SKIFF_TEST_LOG") ? console.error : () => {} });
  await api.start();
  // The service account controller creates each system namespace's "default" account in the
  // background; tests that count store revisions start after it is done.
  const serviceAccounts = api.registry.lookup("", "v1", "serviceaccounts")!;
  while ((await api.objects.list(serviceAccounts, undefined)).items.length < SYSTEM_NAMESPACES.length) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    api,
    async req(method, path, body, contentType = "application/json") {
      const res = await api.app.request(path, {
        method,
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
        headers: { "content-type": contentType },
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch { /* not JSON */ }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async close() {
      await api.stop();
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** A minimal valid Pod. */
export function pod(name: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, ...extra },
    spec: { containers: [{ name: "c", image: "nginx" }] },
  };
}
