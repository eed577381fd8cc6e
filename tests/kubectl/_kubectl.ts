/**
 * What every kubectl end-to-end test needs: the real kubectl run against a `skiff up`, and the store
 * backends each test loops over.
 *
 * @module
 */
import assert from "node:assert/strict";
import { startEtcd } from "../harness/etcd.ts";
import { type SkiffProcess, startSkiff } from "../harness/skiff.ts";

/** The manifests users wrote (copied from ../shared/manifests). */
export const MANIFESTS = new URL("../manifests/", import.meta.url).pathname;

/** What one kubectl run printed. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kubectl with the server's kubeconfig and a private cache (HOME is the data dir).
 *
 * @example
 * ```ts
 * const { code, stderr } = await kubectl(skiff, "delete", "pod", "missing");
 * ```
 */
export async function kubectl(
  skiff: SkiffProcess,
  ...args: string[]
): Promise<KubectlResult> {
  return await kubectlWith(skiff, {}, ...args);
}

/** {@link kubectl} with extra environment variables or standard input. */
export async function kubectlWith(
  skiff: SkiffProcess,
  options: { env?: Record<string, string>; stdin?: string },
  ...args: string[]
): Promise<KubectlResult> {
  const child = new Deno.Command("kubectl", {
    args,
    env: { KUBECONFIG: skiff.kubeconfig, HOME: skiff.dataDir, ...options.env },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/**
 * Runs kubectl and asserts it succeeded; answers its standard output.
 *
 * @example
 * ```ts
 * assert.match(await ok(skiff, "get", "ns"), /^NAME\s+STATUS\s+AGE/);
 * ```
 */
export async function ok(skiff: SkiffProcess, ...args: string[]): Promise<string> {
  const r = await kubectl(skiff, ...args);
  assert.equal(r.code, 0, `kubectl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** A started `skiff up` and how to stop what it needed besides itself. */
export interface Backend {
  name: "embedded" | "etcd";
  start(args?: string[]): Promise<{ skiff: SkiffProcess; stop: () => Promise<void> }>;
}

/**
 * Both store backends: `skiff up` on the embedded store, and on a fresh etcd.
 *
 * @example
 * ```ts
 * for (const backend of BACKENDS) {
 *   Deno.test(`... on the ${backend.name} store`, async () => {
 *     const { skiff, stop } = await backend.start();
 *     try { ... } finally { await skiff.stop(); await stop(); }
 *   });
 * }
 * ```
 */
export const BACKENDS: Backend[] = [
  { name: "embedded", start: async (args = []) => ({ skiff: await startSkiff(args), stop: async () => {} }) },
  {
    name: "etcd",
    start: async (args = []) => {
      const etcd = await startEtcd();
      return {
        skiff: await startSkiff(["--etcd", etcd.endpoints.join(","), ...args]),
        stop: () => etcd.stop(),
      };
    },
  },
];
