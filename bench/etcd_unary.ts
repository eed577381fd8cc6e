/**
 * Unary etcd call micro-benchmark (`deno run -A bench/etcd_unary.ts`): the same conditional create (a
 * Txn: `version == 0` then put a Pod's JSON) and the same point read (a Range), 64 in flight, through
 *
 * - `etcd3`: the npm client (grpc-js over node:http2), as the etcd backend used it before;
 * - `node_http2`: one HTTP/2 stream per call through node:http2, with the store's hand-written protobuf;
 * - `store`: the etcd backend's own unary transport (core/store/_etcd_grpc.ts over its own HTTP/2 client,
 *   _etcd_h2.ts), through its client with breakers and member selection;
 * - `gateway`: etcd's JSON gRPC gateway (`/v3/kv/txn`, `/v3/kv/range`) over Deno's fetch.
 *
 * Per variant it prints calls/s, the CPU this process spent per call (all threads) and the CPU etcd
 * spent per call (from /proc), and runs every variant twice in turn so a busy box shows as spread. The
 * last stdout line is one JSON object with the figures of the second round.
 *
 * Env: UNARY_CALLS (calls per variant and round, default 10,000).
 *
 * @example
 * ```sh
 * UNARY_CALLS=5000 deno run -A bench/etcd_unary.ts
 * ```
 *
 * @module
 */
import process from "node:process";
import http2 from "node:http2";
import { Buffer } from "node:buffer";
import { Etcd3 } from "etcd3";
import { startEtcd } from "../tests/harness/mod.ts";
import { benchPod } from "./_pod.ts";
import { EtcdClient } from "../core/store/_etcd_client.ts";
import { cpuMs, etcdPids } from "./_cpu.ts";
import {
  CompareResult,
  CompareTarget,
  decodeRangeResponse,
  decodeTxnResponse,
  encodeRangeRequest,
  encodeTxnRequest,
} from "../core/store/_etcd_proto.ts";

const CALLS = Number(Deno.env.get("UNARY_CALLS") ?? 10_000);
const IN_FLIGHT = 64;
const log = (line: string) => console.error(`bench:etcd_unary: ${line}`);

interface Figures {
  per_s: number;
  client_cpu_us: number;
  etcd_cpu_us: number;
}

/** Runs `task` CALLS times with IN_FLIGHT in flight. */
async function measure(etcd: number[], task: (i: number) => Promise<void>): Promise<Figures> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const etcd0 = await cpuMs(etcd);
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < CALLS) await task(next++);
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const etcdMs = await cpuMs(etcd) - etcd0;
  return {
    per_s: Math.round(CALLS / seconds),
    client_cpu_us: Math.round((cpu.user + cpu.system) / CALLS),
    etcd_cpu_us: Math.round(etcdMs * 1000 / CALLS),
  };
}

const etcd = await startEtcd({ mode: "process" });
const etcdProcess = await etcdPids(etcd.endpoints[0]);
if (etcdProcess.length === 0) log("etcd's process not found: etcd CPU reads 0");
const legacy = new Etcd3({
  hosts: etcd.endpoints,
  grpcOptions: { "grpc.max_receive_message_length": 2 ** 31 - 1 },
});
const store = new EtcdClient(etcd.endpoints);
const session = http2.connect(etcd.endpoints[0]);

/** One unary call as one node:http2 stream: the gRPC message prefix, then status from the trailers. */
function nodeHttp2(path: string, message: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ":method": "POST",
      ":path": path,
      "content-type": "application/grpc",
      "te": "trailers",
      "grpc-timeout": "10000m",
    });
    const frame = Buffer.alloc(5 + message.length);
    frame.writeUInt32BE(message.length, 1);
    frame.set(message, 5);
    stream.end(frame);
    const chunks: Buffer[] = [];
    let status: unknown;
    stream.on("response", (headers) => status = headers["grpc-status"]);
    stream.on("trailers", (trailers) => status = trailers["grpc-status"]);
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", reject);
    stream.on("close", () => {
      if (status !== "0") return reject(new Error(`grpc-status ${status}`));
      resolve(Buffer.concat(chunks).subarray(5));
    });
  });
}

const value = (i: number) => Buffer.from(JSON.stringify(benchPod(`p-${i}`)));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** The variants: a conditional create and a point read of a key the create wrote. */
const variants: Record<
  string,
  { create(key: Buffer, i: number): Promise<void>; read(key: Buffer): Promise<void> }
> = {
  etcd3: {
    async create(key, i) {
      const res = await legacy.kv.txn({
        compare: [{ key, target: "Version" as never, result: "Equal" as never, version: 0 }],
        success: [{ request_put: { key, value: value(i) } }],
      });
      if (!res.succeeded) throw new Error("create conflicted");
    },
    async read(key) {
      const res = await legacy.kv.range({ key });
      if (res.kvs.length !== 1) throw new Error("read found nothing");
    },
  },
  node_http2: {
    async create(key, i) {
      const res = decodeTxnResponse(
        await nodeHttp2(
          "/etcdserverpb.KV/Txn",
          encodeTxnRequest({
            compare: [{ key, target: CompareTarget.Version, result: CompareResult.Equal, version: 0 }],
            success: [{ request_put: { key, value: value(i) } }],
          }),
        ),
      );
      if (!res.succeeded) throw new Error("create conflicted");
    },
    async read(key) {
      const res = decodeRangeResponse(await nodeHttp2("/etcdserverpb.KV/Range", encodeRangeRequest({ key })));
      if (res.kvs.length !== 1) throw new Error("read found nothing");
    },
  },
  store: {
    async create(key, i) {
      const res = await store.txn({
        compare: [{ key, target: CompareTarget.Version, result: CompareResult.Equal, version: 0 }],
        success: [{ request_put: { key, value: value(i) } }],
      });
      if (!res.succeeded) throw new Error("create conflicted");
    },
    async read(key) {
      const res = await store.range({ key });
      if (res.kvs.length !== 1) throw new Error("read found nothing");
    },
  },
  gateway: {
    async create(key, i) {
      const res = await fetch(`${etcd.endpoints[0]}/v3/kv/txn`, {
        method: "POST",
        body: JSON.stringify({
          compare: [{ key: b64(key), target: "VERSION", result: "EQUAL", version: "0" }],
          success: [{ request_put: { key: b64(key), value: b64(value(i)) } }],
        }),
      });
      if (!(await res.json()).succeeded) throw new Error("create conflicted");
    },
    async read(key) {
      const res = await fetch(`${etcd.endpoints[0]}/v3/kv/range`, {
        method: "POST",
        body: JSON.stringify({ key: b64(key) }),
      });
      if ((await res.json()).kvs?.length !== 1) throw new Error("read found nothing");
    },
  },
};

const results: Record<string, Figures> = {};
try {
  for (let round = 1; round <= 2; round++) {
    for (const [name, v] of Object.entries(variants)) {
      const key = (i: number) => Buffer.from(`/unary/${round}/${name}/${i}`);
      const create = await measure(etcdProcess, (i) => v.create(key(i), i));
      log(`round ${round} ${name} txn create: ${JSON.stringify(create)}`);
      const read = await measure(etcdProcess, (i) => v.read(key(i)));
      log(`round ${round} ${name} range read: ${JSON.stringify(read)}`);
      results[`${name}_txn`] = create;
      results[`${name}_range`] = read;
    }
  }
  console.log(JSON.stringify({ bench: "etcd_unary", calls: CALLS, in_flight: IN_FLIGHT, ...results }));
} finally {
  legacy.close();
  store.close();
  session.close();
  await etcd.stop();
}
