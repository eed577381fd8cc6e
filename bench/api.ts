/**
 * API benchmark (`deno task bench:api`). In one run against one etcd:
 *
 * 1. raw etcd3 puts of a Pod's JSON, 64 in flight (the baseline);
 * 2. Pod creates through Skiff's HTTPS API (`skiff up --etcd`, a child process), 64 in flight;
 * 3. watch delivery latency: 100 watchers of one namespace, pods created one after another, the time from
 *    sending the create to each watcher's event;
 * 4. the same creates against `skiff up` on the embedded store.
 *
 * Each timed run follows BENCH_WARMUP (default 2,000) untimed operations of its own kind against the same
 * process: a fresh Skiff runs its first few thousand creates ~15-20 % slower while V8 compiles and
 * optimises the request path (measured: 1,145 µs of CPU per create over the first 2,000, 865 over the next
 * 2,000), and a long-running API server is measured as it runs, not as it starts.
 *
 * Progress goes to stderr; the last stdout line is one JSON object with `create_ratio_vs_etcd3` (API
 * creates/s ÷ raw puts/s, target ≥ 0.5) and `watch_p99_ms` (target ≤ 50). BENCH_PODS sets the count
 * (default 10,000). On a shared box the rates move with the load; the CPU figures do much less:
 * `api_server_cpu_us_per_create` is the CPU (all threads) the Skiff process spent per create,
 * `etcd_cpu_us_per_put` and `etcd_cpu_us_per_create` what etcd spent per raw put and per API create,
 * `client_cpu_us_per_put` and `client_cpu_us_per_create` what this benchmark's own process spent (the
 * etcd3 client, then fetch over HTTPS): on a 2-core box all three share the same cores.
 *
 * @module
 */
import { Etcd3 } from "etcd3";
import { startEtcd } from "../tests/harness/mod.ts";
import { benchPod } from "./_pod.ts";
import { cpuMs, etcdPids } from "./_cpu.ts";
import { type SkiffProcess, startSkiff } from "../tests/harness/skiff.ts";

const PODS = Number(Deno.env.get("BENCH_PODS") ?? 10_000);
const WARMUP = Number(Deno.env.get("BENCH_WARMUP") ?? 2_000);
const IN_FLIGHT = 64;
const WATCHERS = 100;
const WATCH_EVENTS = 200;
const log = (line: string) => console.error(`bench:api: ${line}`);

/** Runs `n` tasks with `width` in flight; returns operations per second. */
async function pool(
  n: number,
  width: number,
  task: (i: number) => Promise<void>,
  label: string,
): Promise<number> {
  let next = 0, done = 0;
  const started = performance.now();
  const progress = setInterval(() => log(`${label}: ${done}/${n}`), 2000);
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) {
      const i = next++;
      await task(i);
      done++;
    }
  }));
  clearInterval(progress);
  return n / ((performance.now() - started) / 1000);
}

/** Creates `n` pods in `namespace` (created first), 64 in flight; returns creates per second. */
async function apiCreates(skiff: SkiffProcess, namespace: string, n: number, label: string): Promise<number> {
  const ns = await skiff.fetch("/api/v1/namespaces", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }),
  });
  await ns.body?.cancel();
  return await pool(n, IN_FLIGHT, async (i) => {
    const res = await skiff.fetch(`/api/v1/namespaces/${namespace}/pods`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(benchPod(`p-${i}`, namespace)),
    });
    await res.body?.cancel();
    if (res.status !== 201) throw new Error(`${label}: create p-${i} answered ${res.status}`);
  }, label);
}

/** The untimed creates before a timed run, in their own namespace. */
async function warmUp(skiff: SkiffProcess, label: string): Promise<void> {
  if (WARMUP > 0) await apiCreates(skiff, "warmup", WARMUP, `${label} warm-up`);
}

async function watchLatency(skiff: SkiffProcess): Promise<{ p50: number; p99: number; max: number }> {
  const list = await (await skiff.fetch("/api/v1/namespaces/bench/pods?limit=1")).json();
  const rv = list.metadata.resourceVersion;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let ready = 0;
  const watchers = Array.from({ length: WATCHERS }, async () => {
    const res = await skiff.fetch(
      `/api/v1/namespaces/bench/pods?watch=1&resourceVersion=${rv}&labelSelector=app%3Dwatch`,
    );
    ready++;
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "", seen = 0;
    while (seen < WATCH_EVENTS) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const event = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        const t = sentAt.get(event.object.metadata.name);
        if (t !== undefined) latencies.push(performance.now() - t), seen++;
      }
    }
    await reader.cancel();
  });
  while (ready < WATCHERS) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 200));
  log(`watch: ${WATCHERS} watchers open; creating ${WATCH_EVENTS} pods one after another`);
  for (let i = 0; i < WATCH_EVENTS; i++) {
    const name = `w-${i}`;
    const body = benchPod(name);
    (body.metadata as Record<string, unknown>).labels = { app: "watch" };
    sentAt.set(name, performance.now());
    const res = await skiff.fetch("/api/v1/namespaces/bench/pods", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await res.body?.cancel();
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(watchers);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] };
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

log(`starting etcd`);
const etcd = await startEtcd({ mode: "process" });
const client = new Etcd3({ hosts: etcd.endpoints });
const etcdProcess = await etcdPids(etcd.endpoints[0]);
try {
  const json = JSON.stringify(benchPod("x"));
  log(`raw etcd3 puts of ${json.length}-byte pods, ${IN_FLIGHT} in flight`);
  // Puts `n` pods of `namespace` as etcd keys, 64 in flight; answers puts per second.
  const rawPuts = (namespace: string, n: number, label: string) =>
    pool(n, IN_FLIGHT, async (i) => {
      await client.put(`/raw/pods/${namespace}/p-${i}`).value(JSON.stringify(benchPod(`p-${i}`, namespace)));
    }, label);
  if (WARMUP > 0) await rawPuts("warmup", WARMUP, "raw puts warm-up");
  const etcdBeforeRaw = await cpuMs(etcdProcess);
  const clientBeforeRaw = await cpuMs([Deno.pid]);
  const raw = await rawPuts("bench", PODS, "raw puts");
  const etcdPerPut = (await cpuMs(etcdProcess) - etcdBeforeRaw) * 1000 / PODS;
  const clientPerPut = (await cpuMs([Deno.pid]) - clientBeforeRaw) * 1000 / PODS;
  log(`raw: ${round(raw)} puts/s`);

  const onEtcd = await startSkiff([
    "--etcd",
    etcd.endpoints.join(","),
    "--operators",
    "none",
    "--no-node-agent",
  ]);
  await warmUp(onEtcd, "api creates (etcd)");
  const serverBefore = await cpuMs([onEtcd.child.pid]);
  const etcdBefore = await cpuMs(etcdProcess);
  const clientBefore = await cpuMs([Deno.pid]);
  const api = await apiCreates(onEtcd, "bench", PODS, "api creates (etcd)");
  const serverPerCreate = (await cpuMs([onEtcd.child.pid]) - serverBefore) * 1000 / PODS;
  const etcdPerCreate = (await cpuMs(etcdProcess) - etcdBefore) * 1000 / PODS;
  const clientPerCreate = (await cpuMs([Deno.pid]) - clientBefore) * 1000 / PODS;
  log(
    `api on etcd: server CPU ${round(serverPerCreate, 0)} µs/create, etcd ${
      round(etcdPerCreate, 0)
    } µs/create, this client ${round(clientPerCreate, 0)} µs/create (${round(clientPerPut, 0)} µs/raw put)`,
  );
  log(`api on etcd: ${round(api)} creates/s (ratio ${round(api / raw, 3)})`);
  const watch = await watchLatency(onEtcd);
  log(`watch: p50 ${round(watch.p50)} ms, p99 ${round(watch.p99)} ms`);
  await onEtcd.stop();

  const onEmbedded = await startSkiff(["--operators", "none", "--no-node-agent"]);
  await warmUp(onEmbedded, "api creates (embedded)");
  const embedded = await apiCreates(onEmbedded, "bench", PODS, "api creates (embedded)");
  log(`api on embedded: ${round(embedded)} creates/s`);
  await onEmbedded.stop();
  await Deno.remove(onEtcd.dataDir, { recursive: true });
  await Deno.remove(onEmbedded.dataDir, { recursive: true });

  console.log(JSON.stringify({
    bench: "api",
    pods: PODS,
    warmup: WARMUP,
    in_flight: IN_FLIGHT,
    etcd3_put_per_s: round(raw),
    api_create_per_s_etcd: round(api),
    create_ratio_vs_etcd3: round(api / raw, 3),
    api_server_cpu_us_per_create: round(serverPerCreate, 0),
    etcd_cpu_us_per_put: round(etcdPerPut, 0),
    etcd_cpu_us_per_create: round(etcdPerCreate, 0),
    client_cpu_us_per_put: round(clientPerPut, 0),
    client_cpu_us_per_create: round(clientPerCreate, 0),
    api_create_per_s_embedded: round(embedded),
    watchers: WATCHERS,
    watch_p50_ms: round(watch.p50),
    watch_p99_ms: round(watch.p99),
    watch_max_ms: round(watch.max),
  }));
} finally {
  client.close();
  await etcd.stop();
}
