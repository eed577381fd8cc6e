/**
 * CPU profile of Pod creates through Skiff's API on etcd (`deno run -A bench/profile_api.ts`).
 *
 * Starts etcd and `skiff up --etcd ...` with the V8 inspector on, warms the server up with a burst of
 * creates, then records a sampling CPU profile (Chrome DevTools Protocol, Profiler domain) around a
 * second burst at 64 in flight, and prints where the server's JS thread spent its time: the top functions
 * by self time, the top files (node_modules packages grouped), and the CPU the whole process used per
 * create (all threads, from /proc) next to the JS thread's busy time per create.
 *
 * Read it with care: with the inspector attached Deno reports every `fetch` to it
 * (ext:deno_node/inspector_network_bridge.js), so code that calls fetch looks several times as expensive
 * as it is; and sampling charges short native calls (Buffer.from, op_*) more than they cost. Check a
 * lead with a plain CPU measurement (/proc/PID/stat around a burst, no inspector) before acting on it.
 *
 * Env: PROFILE_PODS (creates profiled, default 3000), PROFILE_WARMUP (default 1000), PROFILE_TOP (rows,
 * default 40), PROFILE_INTERVAL_US (sampling interval, default 100), PROFILE_OUT (also write the raw
 * .cpuprofile there, which Chrome DevTools opens), PROFILE_IN (only print the report of such a file),
 * PROFILE_EMBEDDED=1 (profile the embedded store).
 *
 * @example
 * ```sh
 * PROFILE_PODS=2000 deno run -A bench/profile_api.ts
 * ```
 *
 * @module
 */
import { freePort, startEtcd, startSkiff } from "../tests/harness/mod.ts";
import type { SkiffProcess } from "../tests/harness/skiff.ts";
import { benchPod } from "./_pod.ts";

const PODS = Number(Deno.env.get("PROFILE_PODS") ?? 3000);
const WARMUP = Number(Deno.env.get("PROFILE_WARMUP") ?? 1000);
const TOP = Number(Deno.env.get("PROFILE_TOP") ?? 40);
const INTERVAL_US = Number(Deno.env.get("PROFILE_INTERVAL_US") ?? 100);
const OUT = Deno.env.get("PROFILE_OUT");
const EMBEDDED = Deno.env.get("PROFILE_EMBEDDED") === "1";
const IN_FLIGHT = 64;
const log = (line: string) => console.error(`profile:api: ${line}`);

/** One node of a V8 CPU profile (Profiler.Profile). */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

/** A V8 CPU profile as Profiler.stop returns it. */
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket. */
class Inspector {
  #id = 0;
  #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private constructor(readonly ws: WebSocket) {
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data as string);
      const waiter = msg.id !== undefined ? this.#pending.get(msg.id) : undefined;
      if (!waiter) return;
      this.#pending.delete(msg.id);
      if (msg.error) waiter.reject(new Error(`${msg.error.message} (${msg.error.code})`));
      else waiter.resolve(msg.result);
    };
  }

  static async connect(port: number): Promise<Inspector> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
        const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = () => reject(new Error("inspector WebSocket failed"));
        });
        return new Inspector(ws);
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.#id;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

async function creates(skiff: SkiffProcess, prefix: string, n: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < n) {
      const i = next++;
      const res = await skiff.fetch("/api/v1/namespaces/bench/pods", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(benchPod(`${prefix}-${i}`)),
      });
      await res.body?.cancel();
      if (res.status !== 201) throw new Error(`create ${prefix}-${i} answered ${res.status}`);
    }
  }));
  return n / ((performance.now() - started) / 1000);
}

/** user+system CPU time of a process, all threads, in ms (Linux). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 (utime, stime) are at 11 and 12 after the command name; clock ticks are 100 Hz.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Where a frame comes from: the npm package, a project folder, or the runtime. */
function fileOf(url: string): string {
  if (!url) return "(native/runtime)";
  const npm = url.match(/node_modules\/(?:\.deno\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (npm) return `npm:${npm[1]}`;
  if (url.startsWith("ext:") || url.startsWith("node:")) return url;
  const at = url.indexOf("/work/main/");
  return at >= 0 ? url.slice(at + "/work/main/".length) : url.replace(/^file:\/\//, "");
}

/** Self time per node id in µs, from the sample timeline (each sample lasts until the next one). */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  return self;
}

const IDLE = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

/** Whether a frame is the runtime's (Deno's extensions, node compat, natives) rather than code we ship. */
function isRuntime(url: string): boolean {
  return !url || url.startsWith("ext:") || url.startsWith("node:");
}

/**
 * Self time charged to the nearest frame up the stack that is not the runtime's: where a native
 * `writeBuffer` or `digest` is called from says more than the native itself.
 */
function ownerOf(profile: CpuProfile): (id: number) => ProfileNode {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, ProfileNode>();
  const owner = (id: number): ProfileNode => {
    const cached = memo.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const found = IDLE.has(node.callFrame.functionName) || !isRuntime(node.callFrame.url) || up === undefined
      ? node
      : owner(up);
    memo.set(id, found);
    return found;
  };
  return owner;
}

function report(profile: CpuProfile, n: number, processCpuMs: number): void {
  const self = selfTimes(profile);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const owner = ownerOf(profile);
  let total = 0, idle = 0, gc = 0, program = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") idle += us;
    if (functionName === "(garbage collector)") gc += us;
    if (functionName === "(program)") program += us;
    const file = IDLE.has(functionName) ? functionName : fileOf(url);
    const fn = IDLE.has(functionName)
      ? functionName
      : `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const o = owner(node.id).callFrame;
    const ownerName = IDLE.has(o.functionName) || isRuntime(o.url)
      ? (o.functionName || "(runtime)")
      : `${o.functionName || "(anonymous)"} ${fileOf(o.url)}:${o.lineNumber + 1}`;
    byOwner.set(ownerName, (byOwner.get(ownerName) ?? 0) + us);
  }
  const busy = total - idle;
  const table = (title: string, rows: Map<string, number>) => {
    console.log(`\n${title} (µs per create, % of busy time)`);
    const sorted = [...rows].filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, TOP);
    for (const [name, us] of sorted) {
      console.log(`${(us / n).toFixed(1).padStart(8)} ${(100 * us / busy).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  table("top functions by self time", byFunction);
  table("top files by self time", byFile);
  table("top functions, runtime time charged to the calling function", byOwner);
  const wall = (profile.endTime - profile.startTime) / 1000;
  console.log(
    `\n${n} creates in ${wall.toFixed(0)} ms: JS thread busy ${(busy / n).toFixed(0)} µs/create ` +
      `(gc ${(gc / n).toFixed(0)}, program ${(program / n).toFixed(0)}), idle ${
        (100 * idle / total).toFixed(0)
      }%; ` +
      `process CPU (all threads) ${(1000 * processCpuMs / n).toFixed(0)} µs/create`,
  );
}

const saved = Deno.env.get("PROFILE_IN");
if (saved) {
  // Re-reads a profile PROFILE_OUT wrote (PROFILE_PODS must match the run that wrote it).
  report(JSON.parse(await Deno.readTextFile(saved)), PODS, NaN);
  Deno.exit(0);
}

const etcd = EMBEDDED ? undefined : await startEtcd({ mode: "process" });
const inspectPort = freePort();
const skiff = await startSkiff(
  [...(etcd ? ["--etcd", etcd.endpoints.join(",")] : []), "--operators", "none", "--no-node-agent"],
  { denoArgs: [`--inspect=127.0.0.1:${inspectPort}`] },
);
try {
  const ns = await skiff.fetch("/api/v1/namespaces", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "bench" } }),
  });
  await ns.body?.cancel();
  log(`warming up: ${WARMUP} creates`);
  await creates(skiff, "warm", WARMUP);
  const inspector = await Inspector.connect(inspectPort);
  await inspector.send("Profiler.enable");
  await inspector.send("Profiler.setSamplingInterval", { interval: INTERVAL_US });
  await inspector.send("Profiler.start");
  const cpuBefore = await cpuMs(skiff.child.pid);
  log(`profiling ${PODS} creates, ${IN_FLIGHT} in flight`);
  const rate = await creates(skiff, "p", PODS);
  const cpuAfter = await cpuMs(skiff.child.pid);
  const { profile } = await inspector.send<{ profile: CpuProfile }>("Profiler.stop");
  inspector.close();
  log(`${rate.toFixed(0)} creates/s while profiled (the profiler slows the server down)`);
  if (OUT) await Deno.writeTextFile(OUT, JSON.stringify(profile));
  report(profile, PODS, cpuAfter - cpuBefore);
} finally {
  await skiff.stop();
  await Deno.remove(skiff.dataDir, { recursive: true }).catch(() => {});
  await etcd?.stop();
}
