import assert from "node:assert/strict";
import { Etcd3 } from "etcd3";
import { startEtcd, startEtcdCluster } from "./mod.ts";
import { ETCD_IMAGE } from "./_etcd_container.ts";

/** Whether this machine has what the container path needs (podman + the image from install.sh). */
function containerPathSetUp(): boolean {
  try {
    Deno.statSync("/usr/bin/podman");
  } catch {
    return false;
  }
  const out = new Deno.Command("/usr/bin/podman", {
    args: ["image", "exists", ETCD_IMAGE],
    stdout: "null",
    stderr: "null",
  }).outputSync();
  return out.success;
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/v3/maintenance/status`, {
      method: "POST",
      body: "{}",
      signal: AbortSignal.timeout(1_000),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** The etcd child process serving `endpoint` (from /proc), with its data dir; null when there is none. */
function etcdProcessFor(endpoint: string): { pid: number; dataDir: string } | null {
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    let argv: string[];
    try {
      argv = Deno.readTextFileSync(`/proc/${e.name}/cmdline`).split("\0");
    } catch {
      continue;
    }
    if (argv.includes(`--listen-client-urls=${endpoint}`)) {
      const dataDir = argv.find((a) => a.startsWith("--data-dir="))?.slice("--data-dir=".length) ?? "";
      return { pid: Number(e.name), dataDir };
    }
  }
  return null;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("startEtcd gives a fresh etcd that stores a key and returns it", async () => {
  const etcd = await startEtcd();
  const client = new Etcd3({ hosts: etcd.endpoints });
  try {
    assert.equal(await client.get("skiff/test").string(), null, "a fresh etcd is empty");
    await client.put("skiff/test").value("hello");
    assert.equal(await client.get("skiff/test").string(), "hello");
  } finally {
    client.close();
    await etcd.stop();
  }
  assert.equal(await answers(etcd.endpoints[0]), false, "etcd still answers after stop()");
  await etcd.stop(); // idempotent
});

Deno.test({
  name: "startEtcd runs etcd through testcontainers when podman and the etcd image are set up",
  ignore: Deno.env.get("SKIFF_ETCD_HARNESS") === "process" || !containerPathSetUp(),
  fn: async () => {
    const t0 = performance.now();
    const etcd = await startEtcd({ mode: "container" });
    const ms = Math.round(performance.now() - t0);
    try {
      assert.equal(etcd.via, "testcontainers");
      assert.match(etcd.endpoints[0], /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(await answers(etcd.endpoints[0]), true);
      console.log(`etcd container ready in ${ms} ms at ${etcd.endpoints[0]}`);
    } finally {
      await etcd.stop();
    }
  },
});

Deno.test("startEtcd runs etcd as a child process when asked to, and stop() removes it", async () => {
  const etcd = await startEtcd({ mode: "process" });
  let proc: { pid: number; dataDir: string } | null = null;
  try {
    assert.equal(etcd.via, "process");
    assert.equal(await answers(etcd.endpoints[0]), true);
    proc = etcdProcessFor(etcd.endpoints[0]);
    assert.ok(proc && exists(proc.dataDir), "an etcd process with a data dir serves the endpoint");
  } finally {
    await Promise.all([etcd.stop(), etcd.stop()]);
  }
  assert.equal(await answers(etcd.endpoints[0]), false);
  assert.equal(etcdProcessFor(etcd.endpoints[0]), null, "stop() ends the process");
  assert.equal(exists(proc.dataDir), false, "stop() removes the data dir");
});

Deno.test("a 3-member cluster elects a new leader after its leader is killed and still accepts puts", async () => {
  const cluster = await startEtcdCluster(3);
  const dataDirs = cluster.endpoints.map((e) => etcdProcessFor(e)?.dataDir);
  try {
    assert.ok(dataDirs.every((d) => d && exists(d)), "each member runs with its own data dir");
    assert.equal(cluster.members.length, 3);
    assert.equal(cluster.endpoints.length, 3);
    const first = await cluster.leader();
    await cluster.members[first].kill();
    assert.equal(await answers(cluster.members[first].clientUrl), false, "the killed member is gone");

    const second = await cluster.leader();
    assert.notEqual(second, first, "a live member leads");

    const survivors = cluster.members.filter((_, i) => i !== first).map((m) => m.clientUrl);
    const client = new Etcd3({ hosts: survivors });
    try {
      await client.put("skiff/failover").value("ok");
      assert.equal(await client.get("skiff/failover").string(), "ok");
    } finally {
      client.close();
    }
  } finally {
    await cluster.stop();
    await cluster.stop(); // idempotent
  }
  assert.deepEqual(cluster.endpoints.map(etcdProcessFor), [null, null, null], "stop() ends every member");
  assert.deepEqual(dataDirs.filter((d) => exists(d!)), [], "stop() removes the data dirs");
});

Deno.test("a killed cluster member restarts on its own ports and data dir and catches up", async () => {
  const cluster = await startEtcdCluster(3);
  const clients: Etcd3[] = [];
  try {
    const down = ((await cluster.leader()) + 1) % 3; // a follower: the cluster keeps its leader
    const member = cluster.members[down];
    const before = etcdProcessFor(member.clientUrl)!;
    const others = cluster.members.filter((_, i) => i !== down).map((m) => m.clientUrl);
    const client = new Etcd3({ hosts: others });
    clients.push(client);
    await client.put("skiff/before").value("1");

    await member.kill();
    assert.equal(await answers(member.clientUrl), false, "the killed member is gone");
    await client.put("skiff/while-down").value("2");

    await member.restart();
    const after = etcdProcessFor(member.clientUrl);
    assert.ok(after, "an etcd process serves the member's client URL again");
    assert.notEqual(after.pid, before.pid, "it is a new process");
    assert.equal(after.dataDir, before.dataDir, "on the old data dir");
    // A serializable read answers from the member's own copy: it kept the old data and caught up.
    const local = new Etcd3({ hosts: [member.clientUrl] });
    clients.push(local);
    const read = async (key: string) => await local.get(key).serializable(true).string();
    assert.equal(await read("skiff/before"), "1");
    const deadline = Date.now() + 10_000;
    while (await read("skiff/while-down") !== "2") {
      assert.ok(Date.now() < deadline, "the restarted member did not catch up within 10 s");
      await new Promise((r) => setTimeout(r, 50));
    }

    await member.restart(); // a running member is killed first
    assert.notEqual(etcdProcessFor(member.clientUrl)?.pid, after.pid);
    assert.equal(await answers(member.clientUrl), true);
  } finally {
    for (const c of clients) c.close();
    await cluster.stop();
  }
  assert.deepEqual(cluster.endpoints.map(etcdProcessFor), [null, null, null], "stop() ends every member");
  await assert.rejects(cluster.members[0].restart(), /stopped/, "a stopped cluster does not restart");
});
