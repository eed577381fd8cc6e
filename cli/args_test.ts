import assert from "node:assert/strict";
import { parseUpArgs, UsageError } from "./args.ts";

Deno.test("skiff up defaults to the embedded store in .skiff on port 6443", () => {
  assert.deepEqual(parseUpArgs([]), {
    dataDir: ".skiff",
    port: 6443,
    etcd: [],
    operators: ["scheduler", "services", "workloads"],
    nodeAgent: true,
    help: false,
  });
});

Deno.test("skiff up takes a data dir, a port, several etcd URLs and --no-node-agent", () => {
  const o = parseUpArgs([
    "--data-dir",
    "/tmp/x",
    "--port=7443",
    "--etcd",
    "http://a:2379,http://b:2379",
    "--no-node-agent",
  ]);
  assert.equal(o.dataDir, "/tmp/x");
  assert.equal(o.port, 7443);
  assert.deepEqual(o.etcd, ["http://a:2379", "http://b:2379"]);
  assert.equal(o.nodeAgent, false);
});

Deno.test("--operators takes all, none or a list of bundled modules", () => {
  assert.deepEqual(parseUpArgs(["--operators", "none"]).operators, []);
  assert.deepEqual(parseUpArgs(["--operators", "all"]).operators, ["scheduler", "services", "workloads"]);
  assert.deepEqual(parseUpArgs(["--operators", "workloads"]).operators, ["workloads"]);
});

Deno.test("bad flags give a one-line usage error that names the flag", () => {
  const cases: [string[], RegExp][] = [
    [["--prot", "1"], /Unknown option '--prot'$/],
    [["--port", "http"], /--port must be a number from 1 to 65535, not "http"/],
    [["--port", "70000"], /--port must be a number/],
    [["--etcd", "localhost"], /--etcd: "localhost" is not a URL/],
    [["--etcd", "ftp://h:1"], /must be http\(s\):\/\/HOST:PORT/],
    [["--etcd", ""], /--etcd needs at least one URL/],
    [["--operators", "workloads,nope"], /unknown module "nope" \(scheduler, services, workloads\)/],
    [["extra"], /Unexpected argument 'extra'/],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseUpArgs(args), (e: Error) => {
      assert.ok(e instanceof UsageError, `${args}: ${e}`);
      assert.match(e.message, message);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  }
});

Deno.test("skiff up takes a client-certificate port and refuses a bad one", () => {
  assert.equal(parseUpArgs(["--client-cert-port", "6444"]).clientCertPort, 6444);
  assert.throws(
    () => parseUpArgs(["--client-cert-port", "x"]),
    (e) =>
      e instanceof UsageError &&
      /--client-cert-port must be a number from 1 to 65535, not "x"/.test(e.message),
  );
});
