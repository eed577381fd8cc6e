import assert from "node:assert/strict";
import { ensureAuth } from "@skiff/auth";
import { NoDelayKeeper, noDelayOnPort, noDelayState, noDelayToPort } from "./tcp_no_delay.ts";

Deno.test({
  name: "TLS connections Deno.serve accepts after noDelayOnPort have TCP_NODELAY",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "skiff-nodelay-" });
    const auth = await ensureAuth(dir);
    const server = Deno.serve(
      { ...auth.pki.serving, hostname: "127.0.0.1", port: 0, onListen: () => {} },
      () => new Response("ok"),
    );
    const port = server.addr.port;
    assert.deepEqual(noDelayState(port), [false], "Deno.serve leaves Nagle on for TLS");
    assert.equal(noDelayOnPort(port), 1);
    const client = Deno.createHttpClient({ caCerts: [auth.pki.ca.cert] });
    const res = await fetch(`https://127.0.0.1:${port}/`, { client });
    assert.equal(await res.text(), "ok");
    // The listener and the connection accepted from it (the client's end has another local port).
    assert.deepEqual(noDelayState(port), [true, true]);
    client.close();
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "noDelayOnPort also sets connections accepted before it ran",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const { server, port } = okServer();
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(new TextEncoder().encode("GET / HTTP/1.1\r\nhost: x\r\n\r\n"));
    await conn.read(new Uint8Array(1024));
    assert.equal(noDelayOnPort(port), 2);
    assert.deepEqual(noDelayState(port), [true, true]);
    conn.close();
    await server.shutdown();
  },
});

Deno.test({
  name: "a fetch client's connection has Nagle on until noDelayToPort sets TCP_NODELAY on it",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const { server, port } = okServer();
    const client = Deno.createHttpClient({});
    const keeper = new NoDelayKeeper(port);
    assert.equal(await (await fetch(`http://127.0.0.1:${port}/`, { client })).text(), "ok");
    assert.deepEqual(noDelayState(port, "peer"), [false], "Deno's fetch turns TCP_NODELAY off");
    keeper.touch();
    assert.deepEqual(noDelayState(port, "peer"), [true]);
    assert.equal(noDelayToPort(port), 1);
    client.close();
    await server.shutdown();
  },
});

/** A plain HTTP server answering "ok", on a free port. */
function okServer() {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, () => new Response("ok"));
  return { server, port: server.addr.port };
}
