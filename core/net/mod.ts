/**
 * Socket options Deno does not expose, set through libc on Linux: TCP_NODELAY for the API server's TLS
 * listener and for the connections Deno's fetch opens.
 *
 * @example
 * ```ts
 * import { noDelayOnPort, noDelayToPort } from "@skiff/net";
 *
 * noDelayOnPort(6443); // a server's listener and accepted connections
 * noDelayToPort(6443); // a client's connections to it
 * ```
 *
 * @module
 */
export { NoDelayKeeper, noDelayOnPort, noDelayState, noDelayToPort } from "./tcp_no_delay.ts";
