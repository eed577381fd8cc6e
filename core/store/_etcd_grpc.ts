/**
 * gRPC calls to one etcd member (unary calls and the watch stream) over the store's own HTTP/2 client
 * (`_etcd_h2.ts`), without grpc-js.
 *
 * Why: in Deno, a unary etcd call through etcd3 and grpc-js costs the client ~260-400 µs of CPU (channel,
 * resolver and load-balancer layers, call filters, deadline timers, protobufjs); over node:http2 with a
 * hand-encoded message ~180-230 µs; over `_etcd_h2.ts` ~100 µs (bench/etcd_unary.ts, 64 in flight). Each
 * watch event through grpc-js cost the API server about as much as a call, so watches moved too.
 *
 * Failures come back as grpc-js shaped errors (`code`, and a message "14 UNAVAILABLE: ...") so etcd3's
 * `castGrpcError` gives them the classes the store's retry policy already knows. A request that provably
 * never reached etcd (no connection could be made: "No connection established"; refused by HTTP/2
 * before etcd saw it, or never written: "Request not sent") is safe to retry even for conditional writes.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { H2Connection, type H2Response, type H2StreamError } from "./_etcd_h2.ts";
import { Deadlines } from "./_deadlines.ts";

/** gRPC status codes by number, for messages shaped like grpc-js's. */
const STATUS_NAMES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
];
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const INTERNAL = 13;

/**
 * A failed call, shaped like grpc-js's `ServiceError` (a plain `Error` with a numeric `code`).
 *
 * @example
 * ```ts
 * const e = grpcError(14, "Connection dropped"); // "14 UNAVAILABLE: Connection dropped"
 * ```
 */
export function grpcError(code: number, details: string): Error & { code: number; details: string } {
  const error = new Error(`${code} ${STATUS_NAMES[code] ?? "UNKNOWN"}: ${details}`) as Error & {
    code: number;
    details: string;
  };
  error.code = code;
  error.details = details;
  return error;
}

/** The gRPC code grpc-js gives a reply without `grpc-status`, from its HTTP status. */
function codeOfHttpStatus(status: number): number {
  if (status === 401) return 16;
  if (status === 403) return 7;
  if (status === 404) return 12;
  if (status === 429 || status === 502 || status === 503 || status === 504) return UNAVAILABLE;
  return status === 400 ? INTERNAL : 2;
}

/**
 * gRPC calls to one etcd member (`http://host:port` or `https://host:port`), over one HTTP/2 connection
 * at a time, made on the first call and again after it fails.
 *
 * @example
 * ```ts
 * const member = new GrpcMember("http://127.0.0.1:2379");
 * const reply = await member.unary("/etcdserverpb.KV/Range", encodeRangeRequest({ key }), Date.now() + 10_000);
 * member.close();
 * ```
 */
export class GrpcMember {
  readonly #url: URL;
  #connection?: H2Connection;
  #connecting?: Promise<H2Connection>;
  /** Every connection still open: the current one, and retired ones that calls or watches still use. */
  readonly #open = new Set<H2Connection>();
  readonly #blocks = new Map<string, Uint8Array>();
  #closed = false;

  constructor(readonly url: string) {
    this.#url = new URL(url);
  }

  /**
   * Sends one request message to `path` and resolves with the reply message's bytes; rejects with a
   * {@link grpcError} when the call fails or `deadline` (ms since the epoch) passes.
   */
  async unary(path: string, message: Uint8Array, deadline: number): Promise<Buffer> {
    if (this.#closed) throw grpcError(UNAVAILABLE, "Request not sent: the client is closed");
    let connection = this.#connection;
    if (!connection?.usable) connection = await withDeadline(this.#connect(), deadline);
    return await call(connection, this.#headers(path), message, deadline);
  }

  /**
   * Opens a bidirectional streaming call to `path` (a watch). `handler.message` gets each reply message,
   * then `handler.end` once: without an error when etcd ended the call with status OK, else with a
   * {@link grpcError}. Rejects when no connection can be made by `deadline`.
   */
  async stream(path: string, handler: GrpcStreamHandler, deadline: number): Promise<GrpcStream> {
    if (this.#closed) throw grpcError(UNAVAILABLE, "Request not sent: the client is closed");
    let connection = this.#connection;
    if (!connection?.usable) connection = await withDeadline(this.#connect(), deadline);
    const reader = new MessageReader();
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      handler.end(error);
    };
    const h2 = connection.open(this.#headers(path), {
      headers(fields, end) {
        if (end) finish(statusError({ headers: fields, body: [] }, fields));
      },
      data(chunk, end) {
        try {
          for (const message of reader.push(chunk)) {
            if (finished) return;
            handler.message(message);
          }
        } catch (e) {
          h2.cancel("a malformed message");
          return finish(e as Error);
        }
        if (end) finish(grpcError(INTERNAL, "the stream ended without a gRPC status"));
      },
      failed(e) {
        finish(streamError(e));
      },
    });
    return {
      write: (message) => h2.write(grpcFrame(message)),
      cancel: () => {
        finished = true;
        h2.cancel("Cancelled by the client");
      },
      pause: () => h2.pause(),
      resume: () => h2.resume(),
    };
  }

  /**
   * Takes the connection out of use (after a failure that may be the connection's); calls in flight
   * finish on it, the next call connects anew.
   */
  reset(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close();
  }

  /** Closes the connection at once; calls in flight fail. */
  close(): void {
    this.#closed = true;
    for (const connection of [...this.#open]) connection.destroy("the client was closed");
    this.#connection = undefined;
    this.#connecting?.then((c) => c.destroy("the client was closed"), () => {});
  }

  /** The header block of a call to `path` (unary calls append their deadline). */
  #headers(path: string): Uint8Array {
    let block = this.#blocks.get(path);
    if (!block) {
      block = H2Connection.headerBlock(this.#url, [[":path", path], ["content-type", "application/grpc"], [
        "te",
        "trailers",
      ]]);
      this.#blocks.set(path, block);
    }
    return block;
  }

  #connect(): Promise<H2Connection> {
    // Calls that start while a connection is being made share it.
    this.#connecting ??= H2Connection.connect(this.#url).then((connection) => {
      this.#connecting = undefined;
      if (this.#closed) {
        connection.destroy("the client was closed");
        throw grpcError(UNAVAILABLE, "Request not sent: the client is closed");
      }
      this.#connection?.close();
      this.#connection = connection;
      this.#open.add(connection);
      connection.onClose = () => {
        this.#open.delete(connection);
        if (this.#connection === connection) this.#connection = undefined;
      };
      return connection;
    }, (e) => {
      this.#connecting = undefined;
      throw grpcError(UNAVAILABLE, `No connection established. Last error: ${(e as Error).message}`);
    });
    return this.#connecting;
  }
}

/** Rejects with DEADLINE_EXCEEDED when `deadline` passes before `promise` settles. */
function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(grpcError(DEADLINE_EXCEEDED, "Deadline exceeded while connecting")),
      Math.max(0, deadline - Date.now()),
    );
    promise.then((v) => {
      clearTimeout(timer);
      resolve(v);
    }, (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** A streaming call's handler: each reply message, then the end (with the error, if it failed). */
export interface GrpcStreamHandler {
  message(message: Buffer): void;
  end(error?: Error): void;
}

/** The client side of a streaming call. */
export interface GrpcStream {
  /** Sends one request message. */
  write(message: Uint8Array): void;
  /** Ends the call; the handler hears nothing more. */
  cancel(): void;
  /** Flow control: stop and restart taking messages from etcd. */
  pause(): void;
  resume(): void;
}

/** `grpc-timeout` as a literal header field without indexing (RFC 7541, 6.2.2), before its value. */
const TIMEOUT_NAME = new Uint8Array([0x00, 12, ...new TextEncoder().encode("grpc-timeout")]);

/** A header block with a `grpc-timeout` of `ms` milliseconds appended (at most 8 digits, as gRPC allows). */
function withTimeout(block: Uint8Array, ms: number): Uint8Array {
  const digits = String(Math.min(ms, 99_999_999));
  const out = new Uint8Array(block.length + TIMEOUT_NAME.length + 2 + digits.length);
  out.set(block);
  let at = block.length;
  out.set(TIMEOUT_NAME, at);
  at += TIMEOUT_NAME.length;
  out[at++] = digits.length + 1;
  for (let i = 0; i < digits.length; i++) out[at++] = digits.charCodeAt(i);
  out[at] = 0x6d; // "m"
  return out;
}

/** The 5-byte gRPC message prefix (not compressed, big-endian length) and the message. */
function grpcFrame(message: Uint8Array): Uint8Array {
  const frame = new Uint8Array(5 + message.length);
  frame[1] = message.length >>> 24;
  frame[2] = (message.length >>> 16) & 0xff;
  frame[3] = (message.length >>> 8) & 0xff;
  frame[4] = message.length & 0xff;
  frame.set(message, 5);
  return frame;
}

/** Splits a stream's data into gRPC messages, however the frames cut them. */
class MessageReader {
  #chunks: Uint8Array[] = [];
  #size = 0;

  *push(chunk: Uint8Array): Generator<Buffer> {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size >= 5) {
      let head = this.#chunks[0];
      if (head.length < 5) head = this.#join();
      if (head[0] !== 0) {
        throw grpcError(INTERNAL, "etcd sent a compressed message although none was asked for");
      }
      const length = head[1] * 2 ** 24 + (head[2] << 16) + (head[3] << 8) + head[4];
      if (this.#size < 5 + length) return;
      if (head.length < 5 + length) head = this.#join();
      const message = Buffer.from(head.buffer, head.byteOffset + 5, length);
      const rest = head.subarray(5 + length);
      if (rest.length === 0) this.#chunks.shift();
      else this.#chunks[0] = rest;
      this.#size -= 5 + length;
      yield message;
    }
  }

  #join(): Uint8Array {
    const all = new Uint8Array(this.#size);
    let at = 0;
    for (const c of this.#chunks) {
      all.set(c, at);
      at += c.length;
    }
    this.#chunks = [all];
    return all;
  }
}

/** The gRPC error of a stream that failed below gRPC (reset, connection lost, never sent). */
function streamError(error: H2StreamError): Error {
  if (error.message === "Deadline exceeded") return grpcError(DEADLINE_EXCEEDED, "Deadline exceeded");
  if (error.unprocessed) return grpcError(UNAVAILABLE, `Request not sent: ${error.message}`);
  if (error.message.includes("reset the stream")) {
    return grpcError(INTERNAL, `Received RST_STREAM: ${error.message}`);
  }
  return grpcError(UNAVAILABLE, `Connection dropped: ${error.message}`);
}

/**
 * The error a finished call's status says (undefined for OK). A "trailers-only" reply carries its status
 * in the headers.
 */
function statusError(response: H2Response, status: Map<string, string>): Error | undefined {
  const grpcStatus = status.get("grpc-status");
  if (grpcStatus === undefined) {
    const httpStatus = Number(response.headers.get(":status") ?? 0);
    if (httpStatus !== 200) {
      return grpcError(codeOfHttpStatus(httpStatus), `Received HTTP status code ${httpStatus}`);
    }
    return grpcError(INTERNAL, "the reply ended without a gRPC status");
  }
  if (grpcStatus === "0") return undefined;
  const code = Number(grpcStatus);
  return grpcError(Number.isInteger(code) ? code : 2, decodeGrpcMessage(status.get("grpc-message") ?? ""));
}

/** The deadlines of every unary call in flight, on one timer. */
const deadlines = new Deadlines();

/** One unary call on an open connection. */
async function call(
  connection: H2Connection,
  headers: Uint8Array,
  message: Uint8Array,
  deadline: number,
): Promise<Buffer> {
  const timeoutMs = Math.max(1, Math.ceil(deadline - Date.now()));
  // etcd gives up on the request too when the client has.
  const exchange = connection.request(withTimeout(headers, timeoutMs), grpcFrame(message));
  const timer = deadlines.add(deadline, () => exchange.cancel("Deadline exceeded"));
  let response: H2Response;
  try {
    response = await exchange.response;
  } catch (e) {
    throw streamError(e as H2StreamError);
  } finally {
    timer.clear();
  }
  const failure = statusError(response, response.trailers ?? response.headers);
  if (failure) throw failure;
  const chunks = response.body;
  const body = chunks.length === 1
    ? Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].length)
    : Buffer.concat(chunks);
  if (body.length < 5 || body[0] !== 0) {
    throw grpcError(INTERNAL, "the reply is not one uncompressed gRPC message");
  }
  const length = body.readUInt32BE(1);
  if (body.length !== 5 + length) {
    throw grpcError(INTERNAL, `the reply holds ${body.length - 5} bytes, not ${length}`);
  }
  return body.subarray(5);
}

/** `grpc-message` is percent-encoded (gRPC over HTTP/2, "Responses"). */
function decodeGrpcMessage(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
