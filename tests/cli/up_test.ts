import assert from "node:assert/strict";
import { runSkiff, startSkiff } from "../harness/skiff.ts";
import { freePort } from "../harness/ports.ts";
import { startEtcd } from "../harness/etcd.ts";

// How fast it starts is bench material (`farm-bench`), not an assertion: the suite runs on a loaded box.
Deno.test("skiff up on the embedded store answers /readyz and stops cleanly on SIGTERM", async () => {
  const skiff = await startSkiff();
  for (const path of ["/livez", "/readyz", "/healthz"]) {
    const res = await skiff.fetch(path);
    assert.equal(await res.text(), "ok", path);
  }
  const status = await skiff.stop("SIGTERM");
  assert.equal(status.code, 0);
  const log = await skiff.log();
  assert.match(log, /^skiff: opening the embedded store at .*store\.sqlite$/m);
  assert.match(log, /^skiff: store ready: embedded, revision 0$/m);
  assert.match(log, /^skiff: serving https:\/\/127\.0\.0\.1:\d+; admin kubeconfig: .*kubeconfig$/m);
  assert.match(log, /^skiff: garbage collector: running$/m);
  assert.match(log, /^skiff: module workloads: installed \(8 kinds, 8 controllers\)$/m);
  assert.match(log, /^skiff: operators: scheduler, services, workloads installed$/m);
  assert.match(log, /^skiff: stopping on SIGTERM\nskiff: stopped\n$/m);
  await Deno.remove(skiff.dataDir, { recursive: true });
});

Deno.test("skiff up answers /readyz only once start-up is over: the kubeconfig names it and the modules are in", async () => {
  const skiff = await startSkiff([], { waitReady: false });
  try {
    for (let ready = false; !ready;) {
      const res = await skiff.fetch("/readyz?verbose").catch(() => undefined);
      const body = await res?.text();
      if (res?.status === 500) {
        assert.match(body!, /^\[-\]poststarthook\/skiff-startup failed: reason withheld$/m);
      }
      ready = res?.status === 200;
      if (!ready) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(
      (await Deno.readTextFile(skiff.kubeconfig)).includes(skiff.url),
      "the kubeconfig names this server",
    );
    const deployments = await skiff.fetch("/apis/apps/v1/namespaces/default/deployments");
    await deployments.body?.cancel();
    assert.equal(deployments.status, 200, "the workloads module's kinds are served");
  } finally {
    await skiff.stop();
    await Deno.remove(skiff.dataDir, { recursive: true });
  }
});

Deno.test("skiff up stops cleanly on SIGINT and starts again on the same data dir", async () => {
  const first = await startSkiff();
  assert.equal((await first.stop("SIGINT")).code, 0);
  const second = await startSkiff([], { dataDir: first.dataDir });
  assert.equal((await second.stop()).code, 0);
  await Deno.remove(first.dataDir, { recursive: true });
});

Deno.test("a second skiff up on a data dir in use exits with a one-line error", async () => {
  const first = await startSkiff();
  const second = await runSkiff(["up", "--data-dir", first.dataDir, "--port", String(freePort())]);
  assert.equal(second.code, 1);
  assert.match(
    second.stderr,
    /\nskiff: the store .* is in use by process \d+; stop it or choose another --data-dir\n$/,
  );
  await first.stop();
  await Deno.remove(first.dataDir, { recursive: true });
});

Deno.test("bad flags exit 2 with one line that says what to do, never a stack trace", async () => {
  for (
    const [args, message] of [
      [["up", "--prot", "1"], "skiff: Unknown option '--prot'. Run \"skiff up --help\" for the flags.\n"],
      [
        ["up", "--port", "x"],
        'skiff: --port must be a number from 1 to 65535, not "x". Run "skiff up --help" for the flags.\n',
      ],
      [["down"], 'skiff: unknown command "down". Run "skiff up --help" for the flags.\n'],
    ] as const
  ) {
    const res = await runSkiff([...args]);
    assert.equal(res.code, 2, args.join(" "));
    assert.equal(res.stderr, message);
  }
});

Deno.test("a port in use exits 1 with a one-line error", async () => {
  const holder = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  const dir = await Deno.makeTempDir();
  const res = await runSkiff(["up", "--data-dir", dir, "--port", String((holder.addr as Deno.NetAddr).port)]);
  holder.close();
  assert.equal(res.code, 1);
  assert.match(
    res.stderr.split("\n").at(-2)!,
    /^skiff: port \d+ is in use; stop what listens there or pass another --port$/,
  );
  assert.ok(!res.stderr.includes("    at "), res.stderr);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("skiff up --etcd with nothing listening exits 1 with one line naming the endpoint", async () => {
  const dir = await Deno.makeTempDir();
  const url = `http://127.0.0.1:${freePort()}`;
  const res = await runSkiff(["up", "--data-dir", dir, "--port", String(freePort()), "--etcd", url]);
  assert.equal(res.code, 1);
  const last = res.stderr.trimEnd().split("\n").at(-1)!;
  assert.match(last, new RegExp(`^skiff: .*${url.replaceAll(".", "\\.")}.*`));
  assert.ok(!res.stderr.includes("    at "), res.stderr);
  await Deno.remove(dir, { recursive: true });
});

Deno.test({
  name: "skiff up --etcd serves /readyz while etcd answers and 500 once etcd is gone",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const etcd = await startEtcd();
    const skiff = await startSkiff(["--etcd", etcd.endpoints.join(",")]);
    assert.equal(await (await skiff.fetch("/readyz")).text(), "ok");
    await etcd.stop();
    let status = 0;
    for (let i = 0; i < 100 && status !== 500; i++) {
      const res = await skiff.fetch("/readyz");
      await res.text();
      status = res.status;
      if (status !== 500) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 500);
    assert.equal((await skiff.stop()).code, 0);
    assert.match(await skiff.log(), /^skiff: store ready: etcd, revision \d+$/m);
    await Deno.remove(skiff.dataDir, { recursive: true });
  },
});
