/**
 * TCP_NODELAY for the API server's TLS connections, which Deno.serve does not set (it does for plain
 * TCP, not for TLS: checked with strace on Deno 2.9).
 *
 * Without it Nagle's algorithm holds every small write while an earlier one is unacknowledged, and the
 * client's delayed ACK releases it only after its 40 ms timer. Watches suffer most: 100 watchers on one
 * HTTP/2 connection are 100 small DATA frames per change, and on loopback only the first ~64 KiB leave at
 * once, so the median watcher got a change ~54 ms after its create was sent and the 99th percentile
 * ~92 ms; with TCP_NODELAY ~12 ms and ~50 ms (bench/api.ts, 100 watchers).
 *
 * Deno offers no way to set it on the sockets Deno.serve accepts, but Linux copies it from a listening
 * socket to every socket accepted from it. So this sets it through libc on this process's TCP sockets
 * whose local port is the server's: the listener, and connections already accepted from it. It needs
 * --allow-ffi and --allow-read; without them, or off Linux, it does nothing.
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
  getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "buffer"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
} as const;

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
  if (Deno.build.os !== "linux") return 0;
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return 0;
  if (Deno.permissions.querySync({ name: "read", path: "/proc/self/fd" }).state !== "granted") return 0;
  let libc: Deno.DynamicLibrary<typeof SYMBOLS>;
  try {
    libc = Deno.dlopen("libc.so.6", SYMBOLS);
  } catch {
    return 0;
  }
  try {
    let set = 0;
    const one = new Int32Array([1]);
    for (const fd of tcpSocketsOnPort(libc, port)) {
      if (libc.symbols.setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, one, 4) === 0) set++;
    }
    return set;
  } finally {
    libc.close();
  }
}

/**
 * Whether TCP_NODELAY is set on this process's TCP sockets bound to local port `port` (for tests).
 *
 * @example
 * ```ts
 * noDelayState(6443); // [true, true]: the listener and one accepted connection
 * ```
 */
export function noDelayState(port: number): boolean[] {
  const libc = Deno.dlopen("libc.so.6", SYMBOLS);
  try {
    return tcpSocketsOnPort(libc, port).map((fd) => {
      const value = new Int32Array(1);
      libc.symbols.getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, value, new Uint32Array([4]));
      return value[0] !== 0;
    });
  } finally {
    libc.close();
  }
}

/** File descriptors of stream sockets whose local (IPv4 or IPv6) port is `port`. */
function tcpSocketsOnPort(libc: Deno.DynamicLibrary<typeof SYMBOLS>, port: number): number[] {
  const fds: number[] = [];
  // sockaddr_in and sockaddr_in6 both start with the family (2 bytes) and the port (big-endian).
  const addr = new Uint8Array(128);
  const addrLen = new Uint32Array(1);
  const type = new Int32Array(1);
  const typeLen = new Uint32Array(1);
  for (const entry of Deno.readDirSync("/proc/self/fd")) {
    const fd = Number(entry.name);
    addrLen[0] = addr.length;
    typeLen[0] = 4;
    // Not a socket (ENOTSOCK), or closed meanwhile (EBADF): skipped.
    if (libc.symbols.getsockname(fd, addr, addrLen) !== 0) continue;
    if (libc.symbols.getsockopt(fd, SOL_SOCKET, SO_TYPE, type, typeLen) !== 0) continue;
    const family = addr[0] | (addr[1] << 8);
    if (type[0] !== SOCK_STREAM || (family !== 2 && family !== 10)) continue; // AF_INET, AF_INET6
    if (((addr[2] << 8) | addr[3]) === port) fds.push(fd);
  }
  return fds;
}
