import assert from "node:assert/strict";
import { ephemeralStart, memberPorts, pickPorts, PORTS_FILE, portsOfLiveGroups } from "./_ports.ts";

const tmp = Deno.env.get("TMPDIR") || "/tmp";

/** `count` ports in [low, high) that nobody listens on right now. */
function freeIn(count: number, low: number, high: number): number[] {
  const free: number[] = [];
  for (let p = low; p < high && free.length < count; p++) {
    try {
      Deno.listen({ hostname: "127.0.0.1", port: p }).close();
      free.push(p);
    } catch { /* taken */ }
  }
  return free;
}

Deno.test("member ports are distinct, free and below the ephemeral range", () => {
  const ports = memberPorts(6);
  assert.equal(new Set(ports).size, 6);
  for (const port of ports) {
    assert.ok(port >= 10_000 && port < ephemeralStart(), `port ${port}`);
    Deno.listen({ hostname: "127.0.0.1", port }).close();
  }
});

Deno.test("picking ports skips taken ones and ports someone listens on, and fails when too few are left", () => {
  const [a, b, c, d] = freeIn(4, 21_000, 21_200);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: d });
  try {
    const taken = new Set<number>();
    for (let p = 21_000; p < 21_200; p++) if (![a, b, c, d].includes(p)) taken.add(p);
    assert.deepEqual(pickPorts(3, taken, 21_000, 21_200).sort((x, y) => x - y), [a, b, c]);
    assert.throws(() => pickPorts(4, taken, 21_000, 21_200), /only 3 of 4 ports free/);
  } finally {
    listener.close();
  }
});

Deno.test("ports listed by a harness etcd of a live process are reserved, those of a dead one are not", async () => {
  const live = await Deno.makeTempDir({ prefix: `skiff-harness-etcd-${Deno.pid}-` });
  // No process has a pid this large (Linux caps pids at 2^22).
  const dead = `${tmp}/skiff-harness-etcd-99999999-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.mkdir(dead);
  try {
    await Deno.writeTextFile(`${live}/${PORTS_FILE}`, "12345\n12346\n");
    await Deno.writeTextFile(`${dead}/${PORTS_FILE}`, "12347\n");
    const reserved = portsOfLiveGroups();
    assert.ok(reserved.has(12345) && reserved.has(12346), "the live group's ports are reserved");
    assert.equal(reserved.has(12347), false, "the dead group's port is free again");
  } finally {
    await Deno.remove(live, { recursive: true });
    await Deno.remove(dead, { recursive: true }).catch(() => {});
  }
});
