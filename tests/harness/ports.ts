/**
 * A free TCP port on loopback, for servers a test starts.
 *
 * @example
 * ```ts
 * const port = freePort();
 * ```
 */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}
