/**
 * Health endpoints as Kubernetes serves them: /livez answers while the process runs; /readyz and
 * /healthz answer ok only while the store does and every further check (post-start hooks) passes.
 * `?verbose` lists each check as `[+]name ok`.
 *
 * @module
 */
import { Hono } from "hono";
import type { Store } from "@skiff/store";

/** A named check; resolves true when healthy. */
export type HealthCheck = { name: string; check: () => Promise<boolean> };

/**
 * Hono routes for /livez, /readyz and /healthz; `more` adds checks to the last two.
 *
 * @example
 * ```ts
 * const app = healthRoutes(store);
 * const res = await app.request("/readyz"); // 200 "ok" while the store answers
 * ```
 */
export function healthRoutes(store: Store, more: HealthCheck[] = []): Hono {
  const app = new Hono();
  const ready: HealthCheck[] = [
    { name: "ping", check: () => Promise.resolve(true) },
    { name: store.backend === "etcd" ? "etcd" : "store", check: () => store.ping() },
    ...more,
  ];
  app.get("/livez", (c) => report(c.req.query("verbose") !== undefined, "livez", [ready[0]]));
  app.get("/readyz", (c) => report(c.req.query("verbose") !== undefined, "readyz", ready));
  app.get("/healthz", (c) => report(c.req.query("verbose") !== undefined, "healthz", ready));
  return app;
}

async function report(verbose: boolean, endpoint: string, checks: HealthCheck[]): Promise<Response> {
  const results = await Promise.all(
    checks.map(async (c) => ({ name: c.name, ok: await c.check().catch(() => false) })),
  );
  const ok = results.every((r) => r.ok);
  const lines = results.map((r) => r.ok ? `[+]${r.name} ok` : `[-]${r.name} failed: reason withheld`);
  // Kubernetes prints the list only when asked, or when something failed.
  const body = ok
    ? (verbose ? `${lines.join("\n")}\n${endpoint} check passed\n` : "ok")
    : `${lines.join("\n")}\n${endpoint} check failed\n`;
  return new Response(body, {
    status: ok ? 200 : 500,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
  });
}
