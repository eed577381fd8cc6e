/**
 * Store benchmark: how much the etcd backend's conditional creates cost next to raw etcd3 puts, and how
 * fast the embedded backend creates, all with 1 KiB values at 1 and 64 operations in flight.
 *
 * Starts its own etcd with the test harness, as a child process (temp dir, free port, default fsync; no
 * container engine needed). Progress goes to stderr; the last stdout line is one JSON object with the
 * figures. `BENCH_SECONDS` sets the length of each run (default 4).
 *
 * `etcd_create_*` measure the backend as configured by default: one etcd transaction per commit.
 * `etcd_grouped_create_*` measure it with `groupCommits: true`, which sends concurrent commits as one
 * etcd transaction with a nested transaction each (core/store/_etcd_commit.ts explains the trade-off).
 *
 * ```sh
 * deno run -A bench/store.ts
 * ```
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { Etcd3 } from "etcd3";
import { openEmbeddedStore } from "../core/store/embedded.ts";
import { openEtcdStore } from "../core/store/etcd.ts";
import { startEtcd } from "../tests/harness/mod.ts";
import type { Store } from "../core/store/types.ts";

const RUN_MS = Number(Deno.env.get("BENCH_SECONDS") ?? 4) * 1000;
/** Not counted: lets connections, leases and JIT settle before the clock starts. */
const WARMUP_MS = 300;
const VALUE_BYTES = 1024;
const IN_FLIGHT = [1, 64] as const;

/** The same 1 KiB on the wire for both: raw bytes, and a JSON string whose encoding is 1024 bytes. */
const RAW_VALUE = Buffer.alloc(VALUE_BYTES, "x");
const STORE_VALUE = "x".repeat(VALUE_BYTES - 2);

interface RunResult {
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

let runCounter = 0;

/** Runs `op` with `inFlight` workers for {@link RUN_MS}; every call gets a fresh index. */
async function measure(
  label: string,
  inFlight: number,
  op: (run: number, i: number) => Promise<unknown>,
): Promise<RunResult> {
  const run = ++runCounter;
  let next = 0;
  let counting = false;
  let stop = false;
  let done = 0;
  const latencies: number[] = [];
  const worker = async () => {
    while (!stop) {
      const i = next++;
      const started = performance.now();
      await op(run, i);
      if (counting && !stop) {
        done++;
        latencies.push(performance.now() - started);
      }
    }
  };
  const workers = Array.from({ length: inFlight }, worker);
  await sleep(WARMUP_MS);
  counting = true;
  const started = performance.now();
  await sleep(RUN_MS);
  stop = true;
  const elapsed = performance.now() - started;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  const result = {
    opsPerSec: round(done / (elapsed / 1000)),
    p50Ms: round(latencies[Math.floor(latencies.length * 0.5)] ?? 0, 2),
    p99Ms: round(latencies[Math.floor(latencies.length * 0.99)] ?? 0, 2),
  };
  console.error(
    `${label.padEnd(28)} in flight ${String(inFlight).padStart(2)}: ${
      String(result.opsPerSec).padStart(6)
    }/s ` +
      `p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms`,
  );
  return result;
}

const createOp = (store: Store, name: string) => (run: number, i: number) =>
  store.atomic().check({ key: [name, String(run), String(i)], versionstamp: null })
    .set([name, String(run), String(i)], STORE_VALUE).commit().then((res) => {
      if (!res.ok) throw new Error(`create ${run}/${i} conflicted`);
    });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const figures: Record<string, number | string | null> = {
  bench: "store",
  value_bytes: VALUE_BYTES,
  seconds_per_run: RUN_MS / 1000,
};

const etcd = await startEtcd({ mode: "process" });
console.error(`etcd ${etcd.endpoints[0]} started`);
const raw = new Etcd3({ hosts: etcd.endpoints });
const store = await openEtcdStore({ endpoints: etcd.endpoints, prefix: "/bench" });
const grouped = await openEtcdStore({
  endpoints: etcd.endpoints,
  prefix: "/bench-grouped",
  groupCommits: true,
});
try {
  const rawPut = (run: number, i: number) => raw.put(`/raw/${run}/${i}`).value(RAW_VALUE).exec();
  const create = createOp(store, "etcd");
  const groupedCreate = createOp(grouped, "grouped");
  for (const n of IN_FLIGHT) {
    // Runs in the order A B C C B A, so a drift of etcd over time (its database grows) weighs on every
    // side alike.
    const raws: RunResult[] = [];
    const creates: RunResult[] = [];
    const groupedCreates: RunResult[] = [];
    raws.push(await measure("raw etcd3 put", n, rawPut));
    creates.push(await measure("etcd backend create", n, create));
    groupedCreates.push(await measure("etcd backend grouped create", n, groupedCreate));
    groupedCreates.push(await measure("etcd backend grouped create", n, groupedCreate));
    creates.push(await measure("etcd backend create", n, create));
    raws.push(await measure("raw etcd3 put", n, rawPut));
    const rawRate = mean(raws.map((r) => r.opsPerSec));
    const createRate = mean(creates.map((r) => r.opsPerSec));
    const groupedRate = mean(groupedCreates.map((r) => r.opsPerSec));
    figures[`etcd_raw_put_per_s_${n}`] = round(rawRate);
    figures[`etcd_create_per_s_${n}`] = round(createRate);
    figures[`etcd_create_ratio_${n}`] = round(createRate / rawRate, 3);
    figures[`etcd_create_p99_ms_${n}`] = Math.max(...creates.map((r) => r.p99Ms));
    figures[`etcd_grouped_create_per_s_${n}`] = round(groupedRate);
    figures[`etcd_grouped_create_ratio_${n}`] = round(groupedRate / rawRate, 3);
  }
} finally {
  raw.close();
  await store.close();
  await grouped.close();
  await etcd.stop();
}

const dir = await Deno.makeTempDir({ prefix: "skiff-bench-embedded-" });
try {
  const embedded = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  try {
    const create = createOp(embedded, "embedded");
    for (const n of IN_FLIGHT) {
      const result = await measure("embedded backend create", n, create);
      figures[`embedded_create_per_s_${n}`] = result.opsPerSec;
      figures[`embedded_create_p99_ms_${n}`] = result.p99Ms;
    }
  } finally {
    await embedded.close();
  }
} finally {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}

console.log(JSON.stringify(figures));
