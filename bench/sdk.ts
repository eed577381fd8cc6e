/**
 * SDK benchmark (`deno task bench:sdk`):
 *
 * 1. a real core in-process (`startTestCore`, embedded store); BENCH_OBJECTS Pods (default 10,000) created
 *    through the in-process client, 64 in flight;
 * 2. in a child process (so the core's own memory does not blur the figure), a shared informer over HTTPS
 *    lists and watches them: the time to sync, and the heap the cache holds per object (heapUsed after a
 *    full gc, minus the same before the informer existed) against the object's JSON size;
 * 3. in a second child, the same informer with `metadataOnly` (what a controller that reads only labels and
 *    owners would cache): bytes per object again;
 * 4. in the first child, a Controller whose reconcile only reads the cache: every key reconciled once as the
 *    controller starts (informer handlers → workqueue → worker), then every key added again for ten more
 *    rounds; reconciles per second over all of them.
 *
 * Progress goes to stderr; the last stdout line is one JSON object:
 * `{"bench":"sdk","objects":N,"create_per_s":…,"sync_s":…,"cache_bytes_per_object":…,
 * "json_bytes_per_object":…,"reconciles_per_s":…,"metadata_only_cache_bytes_per_object":…}`.
 *
 * @module
 */
import {
  Controller,
  createClient,
  loadKubeconfig,
  podsResource,
  SharedInformerFactory,
  silentLogger,
  startTestCore,
} from "@skiff/sdk";
import type { Pod } from "@skiff/kinds";
import { benchPod } from "./_pod.ts";

const OBJECTS = Number(Deno.env.get("BENCH_OBJECTS") ?? 10_000);
const IN_FLIGHT = 64;
const ROUNDS = 10;
const log = (line: string) => console.error(`bench:sdk: ${line}`);

function podBody(i: number): Pod {
  return benchPod(`bench-${i}`, "default") as Pod;
}

/** A full collection, twice, with a turn of the event loop between (weak refs and finalizers settle). */
async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  return Deno.memoryUsage().heapUsed;
}

/** A second child: the same informer, metadata only (apiVersion, kind, metadata kept); memory alone. */
async function measureMetadataOnly(kubeconfig: string): Promise<Record<string, number>> {
  const client = createClient(await loadKubeconfig(kubeconfig));
  await client.resource(podsResource).list({ limit: 1 });
  const before = await heapAfterGc();
  const informers = new SharedInformerFactory(client);
  const informer = informers.informerFor(podsResource, { metadataOnly: true });
  informers.start();
  await informers.waitForSync();
  const after = await heapAfterGc();
  const count = informer.store.list().length;
  informers.stop();
  client.close();
  return { metadata_only_cache_bytes_per_object: Math.round((after - before) / count) };
}

/** The child: informer sync and memory, then reconciles through the workqueue and a Controller. */
async function measureInformer(kubeconfig: string): Promise<Record<string, number | boolean>> {
  const client = createClient(await loadKubeconfig(kubeconfig));
  await client.resource(podsResource).list({ limit: 1 }); // TLS, discovery-free warm-up
  const before = await heapAfterGc();

  const informers = new SharedInformerFactory(client);
  const informer = informers.informerFor(podsResource);
  const started = performance.now();
  informers.start();
  await informers.waitForSync();
  const syncS = (performance.now() - started) / 1000;
  const cached = informer.store.list();
  log(`informer synced ${cached.length} objects in ${syncS.toFixed(2)} s`);
  const after = await heapAfterGc();
  const encoder = new TextEncoder();
  const jsonBytes = cached.reduce((sum, o) => sum + encoder.encode(JSON.stringify(o)).length, 0);

  let reconciled = 0;
  let target = cached.length;
  let reached: () => void = () => {};
  const controller = new Controller<Pod>({
    name: "noop",
    for: podsResource,
    reconcile(key, ctx) {
      ctx.cache.get(podsResource, key);
      if (++reconciled === target) reached();
      return Promise.resolve();
    },
  });
  controller.setup({ client, informers, log: silentLogger });
  const stop = new AbortController();
  const wait = () => new Promise<void>((r) => reached = r);
  let done = wait();
  const reconcileStarted = performance.now();
  const running = controller.start(stop.signal);
  await done;
  const keys = cached.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`);
  for (let round = 0; round < ROUNDS; round++) {
    target += keys.length;
    done = wait();
    for (const key of keys) controller.queue!.add(key);
    await done;
  }
  const reconcileS = (performance.now() - reconcileStarted) / 1000;
  log(`${reconciled} no-op reconciles in ${reconcileS.toFixed(2)} s`);
  stop.abort();
  await running;
  informers.stop();
  client.close();
  return {
    objects: cached.length,
    sync_s: round(syncS, 3),
    cache_bytes_per_object: Math.round((after - before) / cached.length),
    json_bytes_per_object: Math.round(jsonBytes / cached.length),
    reconciles_per_s: Math.round(reconciled / reconcileS),
    reconcile_workers: 1,
    gc_exposed: typeof (globalThis as { gc?: unknown }).gc === "function",
  };
}

/** Runs this file in a child process with `mode` and answers the JSON object it prints last. */
async function child(mode: string, kubeconfig: string): Promise<Record<string, unknown>> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", import.meta.filename!, mode, kubeconfig],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`the ${mode} process failed (exit ${out.code})`);
  const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}

async function main() {
  const core = await startTestCore();
  try {
    const pods = core.inProcessClient.resource(podsResource).namespace("default");
    let next = 0, done = 0;
    const progress = setInterval(() => log(`created ${done}/${OBJECTS}`), 2000);
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < OBJECTS) {
        await pods.create(podBody(next++));
        done++;
      }
    }));
    clearInterval(progress);
    const createPerS = OBJECTS / ((performance.now() - started) / 1000);
    log(`created ${OBJECTS} pods at ${Math.round(createPerS)}/s`);

    const measured = await child("--informer", core.kubeconfig);
    const metadataOnly = await child("--metadata-only", core.kubeconfig);
    log(`metadata-only cache: ${metadataOnly.metadata_only_cache_bytes_per_object} bytes/object`);
    console.log(JSON.stringify({
      bench: "sdk",
      create_per_s: Math.round(createPerS),
      ...measured,
      ...metadataOnly,
    }));
  } finally {
    await core.close();
  }
}

if (import.meta.main) {
  if (Deno.args[0] === "--informer") console.log(JSON.stringify(await measureInformer(Deno.args[1])));
  else if (Deno.args[0] === "--metadata-only") {
    console.log(JSON.stringify(await measureMetadataOnly(Deno.args[1])));
  } else await main();
}
