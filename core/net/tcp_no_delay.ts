/**
 * TCP_NODELAY where Deno does not set it: on the TLS connections Deno.serve accepts (it does for plain
 * TCP, not for TLS), and on the connections Deno's fetch opens (it turns it off on purpose: strace shows
 * `setsockopt(fd, SOL_TCP, TCP_NODELAY, [0])` on every one). Checked on Deno 2.9.
 *
 * Without it Nagle's algorithm holds every small write while an earlier one is unacknowledged, and the
 * peer's delayed ACK releases it only after its 40 ms timer.
 * - Server side, watches suffer most: 100 watchers on one HTTP/2 connection are 100 small DATA frames
 *   per change, and on loopback only the first ~64 KiB leave at once, so the median watcher got a change
 *   ~54 ms after its create was sent and the 99th percentile ~92 ms; with TCP_NODELAY ~12 ms and ~50 ms
 *   (bench/api.ts, 100 watchers).
 * - Client side, a request whose headers and body leave in two writes waits for the server's delayed
 *   ACK: one create in ten, sent one at a time, took ~42 ms instead of ~5 (p90 42-46 ms, with
 *   TCP_NODELAY 7-13 ms).
 *
 * Deno offers no way to set it, so this sets it through libc on this process's TCP sockets by port: a
 * listener's local port (Linux copies the option from a listening socket to every socket accepted from
 * it afterwards) or a client's peer port. It needs --allow-ffi and --allow-read; without them, or off
 * Linux, it does nothing.
 *
 * @module
 */

const SOL_SOCKET = 1;
const SO_TYPE = 3;
const SOCK_STREAM = 1;
const IPPROTO_TCP = 6;
const TCP_NODELAY = 1;

const SYMBOLS = {
  getsockname: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  getpeername: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "buffer"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
} as const;

type Libc = Deno.DynamicLibrary<typeof SYMBOLS>;

/** Which end of a socket its port is matched on. */
export type SocketSide = "local" | "peer";

// Opened once: a client keeps setting the option on connections fetch opens later.
let libc: Libc | null | undefined;

function openLibc(): Libc | null {
  if (libc !== undefined) return libc;
  libc = null;
  if (Deno.build.os !== "linux") return null;
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return null;
  if (Deno.permissions.querySync({ name: "read", path: "/proc/self/fd" }).state !== "granted") return null;
  try {
    libc = Deno.dlopen("libc.so.6", SYMBOLS);
  } catch { /* no libc.so.6: nothing to do */ }
  return libc;
}

/**
 * Sets TCP_NODELAY on this process's TCP sockets bound to local port `port`: a server's listening
 * socket (so every connection accepted from it afterwards has it) and its accepted connections. Call
 * it right after `Deno.serve` returns, and once more a moment later for a connection the kernel
 * completed in between. Answers how many sockets it set.
 *
 * @example
 * ```ts
 * const server = Deno.serve({ port: 6443, cert, key }, app.fetch);
 * noDelayOnPort(6443); // 1 (the listener) on Linux with --allow-ffi
 * setTimeout(() => noDelayOnPort(6443), 100);
 * ```
 */
export function noDelayOnPort(port: number): number {
  return setNoDelay(port, "local");
}

/**
 * Sets TCP_NODELAY on this process's TCP connections to remote port `port`: a client's, after fetch
 * opened them (it does so lazily, on a request). Answers how many sockets it set.
 *
 * @example
 * ```ts
 * await fetch("https://127.0.0.1:6443/readyz", { client });
 * noDelayToPort(6443); // 1
 * ```
 */
export function noDelayToPort(port: number): number {
  return setNoDelay(port, "peer");
}

function setNoDelay(port: number, side: SocketSide): number {
  const lib = openLibc();
  if (!lib) return 0;
  let set = 0;
  const one = new Int32Array([1]);
  for (const fd of tcpSockets(lib, port, side)) {
    if (lib.symbols.setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, one, 4) === 0) set++;
  }
  return set;
}

/**
 * Whether TCP_NODELAY is set on this process's TCP sockets whose local (or peer) port is `port` (for
 * tests); empty without --allow-ffi or off Linux.
 *
 * @example
 * ```ts
 * noDelayState(6443); // [true, true]: the listener and one accepted connection
 * noDelayState(6443, "peer"); // [false]: a fetch client's connection to it
 * ```
 */
export function noDelayState(port: number, side: SocketSide = "local"): boolean[] {
  const lib = openLibc();
  if (!lib) return [];
  return tcpSockets(lib, port, side).map((fd) => {
    const value = new Int32Array(1);
    lib.symbols.getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, value, new Uint32Array([4]));
    return value[0] !== 0;
  });
}

/**
 * Keeps TCP_NODELAY on a client's connections to one port: call {@link NoDelayKeeper.touch} after each
 * response; it looks for new connections at most once per `everyMs` (a look reads /proc/self/fd and
 * asks every socket its peer: ~0.1 ms), so a connection fetch opens is set within that time.
 *
 * @example
 * ```ts
 * const keeper = new NoDelayKeeper(6443);
 * const res = await fetch("https://127.0.0.1:6443/version", { client });
 * keeper.touch();
 * ```
 */
export class NoDelayKeeper {
  #next = 0;

  constructor(readonly port: number, readonly everyMs = 1000) {}

  /** Sets the option on connections opened since the last look, if it is time to look again. */
  touch(): void {
    const now = Date.now();
    if (now < this.#next) return;
    this.#next = now + this.everyMs;
    noDelayToPort(this.port);
  }
}

/** File descriptors of stream sockets whose local (or peer) IPv4 or IPv6 port is `port`. */
function tcpSockets(lib: Libc, port: number, side: SocketSide): number[] {
  const fds: number[] = [];
  const name = side === "local" ? lib.symbols.getsockname : lib.symbols.getpeername;
  // sockaddr_in and sockaddr_in6 both start with the family (2 bytes) and the port (big-endian).
  const addr = new Uint8Array(128);
  const addrLen = new Uint32Array(1);
  const type = new Int32Array(1);
  const typeLen = new Uint32Array(1);
  for (const entry of Deno.readDirSync("/proc/self/fd")) {
    const fd = Number(entry.name);
    addrLen[0] = addr.length;
    typeLen[0] = 4;
    // Not a socket (ENOTSOCK), not connected (ENOTCONN), or closed meanwhile (EBADF): skipped.
    if (name(fd, addr, addrLen) !== 0) continue;
    if (lib.symbols.getsockopt(fd, SOL_SOCKET, SO_TYPE, type, typeLen) !== 0) continue;
    const family = addr[0] | (addr[1] << 8);
    if (type[0] !== SOCK_STREAM || (family !== 2 && family !== 10)) continue; // AF_INET, AF_INET6
    if (((addr[2] << 8) | addr[3]) === port) fds.push(fd);
  }
  return fds;
}
