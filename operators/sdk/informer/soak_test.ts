/**
 * An informer kept alive while every connection to the API server is cut every few seconds: it must
 * miss no change. A small TCP proxy between the informer and a real core (over HTTPS) does the cutting;
 * the writer talks to the core directly. SDK_SOAK_SECONDS sets how long it runs (20 s by default).
 */
import assert from "node:assert/strict";
import type { Lease } from "@skiff/kinds";
import { startTestCore } from "../testing/core.ts";
import { createClient } from "../client/client.ts";
import { isNotFound } from "../client/errors.ts";
import { loadKubeconfig } from "../client/config.ts";
import { leasesResource } from "../client/resources.ts";
import { Informer } from "./informer.ts";

const SECONDS = Number(Deno.env.get("SDK_SOAK_SECONDS") ?? 20);

/** A TCP proxy on loopback that forwards to `targetPort` and can drop every connection at once. */
class CuttingProxy {
  readonly port: number;
  cuts = 0;
  #listener: Deno.Listener;
  #pairs = new Set<[Deno.Conn, Deno.Conn]>();
  #pipes = new Set<Promise<unknown>>();
  #accepting: Promise<void>;

  constructor(readonly targetPort: number) {
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.port = (this.#listener.addr as Deno.NetAddr).port;
    this.#accepting = this.#accept();
  }

  async #accept(): Promise<void> {
    for await (const inbound of this.#listener) {
      let outbound: Deno.Conn;
      try {
        outbound = await Deno.connect({ hostname: "127.0.0.1", port: this.targetPort });
      } catch {
        inbound.close();
        continue;
      }
      const pair: [Deno.Conn, Deno.Conn] = [inbound, outbound];
      this.#pairs.add(pair);
      const pipe = Promise.allSettled([
        inbound.readable.pipeTo(outbound.writable),
        outbound.readable.pipeTo(inbound.writable),
      ]).finally(() => {
        this.#drop(pair);
        this.#pipes.delete(pipe);
      });
      this.#pipes.add(pipe);
    }
  }

  /** Closes every connection going through the proxy, as a flaky network or a restarting LB would. */
  cut(): void {
    this.cuts++;
    for (const pair of [...this.#pairs]) this.#drop(pair);
  }

  async close(): Promise<void> {
    this.#listener.close();
    await this.#accepting.catch(() => {});
    this.cut();
    await Promise.all(this.#pipes);
  }

  #drop(pair: [Deno.Conn, Deno.Conn]): void {
    if (!this.#pairs.delete(pair)) return;
    for (const conn of pair) {
      try {
        conn.close();
      } catch { /* already closed */ }
    }
  }
}

Deno.test(`an informer misses no change while its connections are cut every few seconds (${SECONDS} s)`, async () => {
  const core = await startTestCore();
  const proxy = new CuttingProxy(core.port);
  const config = await loadKubeconfig(core.kubeconfig);
  const proxied = createClient({ ...config, server: `https://127.0.0.1:${proxy.port}` }, {
    retry: { baseDelayMs: 20, maxDelayMs: 500, maxAttempts: 10 },
  });
  const writer = core.inProcessClient.resource(leasesResource).namespace("default");
  try {
    // What each lease went through, as resourceVersions and "deleted", seen by the writer and the informer.
    const written = new Map<string, string[]>();
    const seen = new Map<string, string[]>();
    const note = (m: Map<string, string[]>, name: string, what: string) => {
      if (!m.has(name)) m.set(name, []);
      m.get(name)!.push(what);
    };
    const errors: string[] = [];
    const informer = new Informer(proxied.resource(leasesResource).namespace("default"), {
      backoff: { baseDelayMs: 20, maxDelayMs: 500 },
      onError: (e, phase) => errors.push(`${phase}: ${e instanceof Error ? e.message : e}`),
    });
    informer.addEventHandler({
      onAdd: (o) => note(seen, o.metadata!.name!, o.metadata!.resourceVersion!),
      onUpdate: (_old, o) => note(seen, o.metadata!.name!, o.metadata!.resourceVersion!),
      onDelete: (o) => note(seen, o.metadata!.name!, "deleted"),
    });
    const running = informer.run();
    await informer.waitForSync(AbortSignal.timeout(10_000));

    const until = Date.now() + SECONDS * 1000;
    let nextCut = Date.now() + 1000 + Math.random() * 2000;
    let writes = 0;
    while (Date.now() < until) {
      if (Date.now() >= nextCut) {
        proxy.cut();
        nextCut = Date.now() + 1000 + Math.random() * 2000;
      }
      const name = `l${Math.floor(Math.random() * 10)}`;
      try {
        const current = await writer.get(name).catch((e) => isNotFound(e) ? undefined : Promise.reject(e));
        let result: Lease;
        if (!current) result = await writer.create({ metadata: { name }, spec: { leaseTransitions: 0 } });
        else if (Math.random() < 0.2) {
          await writer.delete(name);
          note(written, name, "deleted");
          continue;
        } else {
          result = await writer.patch(name, {
            spec: { leaseTransitions: (current.spec?.leaseTransitions ?? 0) + 1 },
          });
        }
        note(written, name, result.metadata!.resourceVersion!);
        writes++;
      } finally {
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    // Every change the writer made reaches the informer, in order, once.
    const server = await writer.list();
    await (async () => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const done = [...written].every(([name, ops]) => seen.get(name)?.at(-1) === ops.at(-1));
        if (done) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    informer.stop();
    await running;

    assert.ok(proxy.cuts >= Math.floor(SECONDS / 5), `only ${proxy.cuts} cuts`);
    assert.ok(writes > SECONDS, `only ${writes} writes`);
    assert.ok(
      informer.stats.watches > proxy.cuts / 2,
      `${informer.stats.watches} watches for ${proxy.cuts} cuts`,
    );
    // No compaction happened, so resuming from the last resourceVersion must have been enough.
    assert.equal(informer.stats.lists, 1, `relisted: ${errors.join("; ")}`);
    assert.deepEqual(Object.fromEntries(seen), Object.fromEntries(written));
    assert.deepEqual(
      informer.store.list().map((l) => `${l.metadata?.name}@${l.metadata?.resourceVersion}`).sort(),
      server.items.map((l) => `${l.metadata?.name}@${l.metadata?.resourceVersion}`).sort(),
    );
    console.log(
      `soak: ${SECONDS} s, ${writes} writes, ${proxy.cuts} cuts, ${informer.stats.watches} watches, ` +
        `${informer.stats.events} events, ${errors.length} recovered errors`,
    );
  } finally {
    proxied.close();
    await proxy.close();
    await core.close();
  }
});
