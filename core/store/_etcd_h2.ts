/**
 * A small HTTP/2 client connection (RFC 9113) over a Deno TCP or TLS connection, for unary gRPC calls.
 *
 * Why not node:http2: in Deno each of its requests is a Node stream with several runtime operations and
 * events, ~180-230 µs of CPU per etcd call at 64 in flight; here the frames of the calls started while a
 * write is under way leave together in the next write and one read loop parses every reply, ~100 µs per
 * call (bench/etcd_unary.ts). It does what a client of one gRPC server needs: flow control both ways,
 * SETTINGS, PING (answering, and keepalive pings while calls are open), GOAWAY, RST_STREAM, header
 * blocks split over CONTINUATION frames and padded frames. It never offers server push.
 *
 * @module
 */
import { encodeHeaders, HpackDecoder } from "./_etcd_hpack.ts";

const DATA = 0x0;
const HEADERS = 0x1;
const RST_STREAM = 0x3;
const SETTINGS = 0x4;
const PUSH_PROMISE = 0x5;
const PING = 0x6;
const GOAWAY = 0x7;
const WINDOW_UPDATE = 0x8;
const CONTINUATION = 0x9;

const END_STREAM = 0x1;
const ACK = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY = 0x20;

const SETTINGS_HEADER_TABLE_SIZE = 0x1;
const SETTINGS_ENABLE_PUSH = 0x2;
const SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
const SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
const SETTINGS_MAX_FRAME_SIZE = 0x5;

const REFUSED_STREAM = 0x7;
const CANCEL = 0x8;

/**
 * What this side lets the peer send before a WINDOW_UPDATE: per stream 4 MiB (a paused watch holds etcd
 * back after that much), per connection 1 GiB (the connection's share is returned as soon as it is read).
 */
const STREAM_WINDOW = 4 * 1024 * 1024;
const CONNECTION_WINDOW = 2 ** 30;
/** Frames this side accepts (the protocol's default, so the peer needs no SETTINGS to respect it). */
const MAX_FRAME_SIZE = 16_384;
/** Keepalive: a PING every 10 s while calls are open, the connection given up after 5 s without reply. */
const PING_EVERY_MS = 10_000;
const PING_TIMEOUT_MS = 5_000;
/** Small writes wait at most this long for a reply to ride along with (see #queue). */
const COALESCE_MS = 1;
const COALESCE_BYTES = 64 * 1024;

const PREFACE = new TextEncoder().encode("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
const EMPTY = new Uint8Array(0);

/** A finished exchange: the response's header fields, its trailers, and its body. */
export interface H2Response {
  headers: Map<string, string>;
  trailers?: Map<string, string>;
  body: Uint8Array[];
}

/**
 * A request that did not complete. `unprocessed` is true when HTTP/2 guarantees the server did not act
 * on it (RFC 9113, 8.7: a GOAWAY that excludes it, REFUSED_STREAM, or it never left this process).
 *
 * @example
 * ```ts
 * if (e instanceof H2StreamError && e.unprocessed) console.log("safe to send again");
 * ```
 */
export class H2StreamError extends Error {
  override name = "H2StreamError";
  constructor(message: string, readonly unprocessed: boolean) {
    super(message);
  }
}

/**
 * What a stream reports: its header blocks (the first is the response's headers, a later one the
 * trailers), its data, and its failure. `end` is set on the last of them; afterwards nothing follows.
 */
export interface H2StreamHandler {
  headers(fields: Map<string, string>, end: boolean): void;
  data(chunk: Uint8Array, end: boolean): void;
  failed(error: H2StreamError): void;
}

/**
 * The sending side of a stream.
 *
 * @example
 * ```ts
 * const stream = h2.open(H2Connection.headerBlock(url, [[":path", "/etcdserverpb.Watch/Watch"]]), handler);
 * stream.write(message);
 * stream.cancel("done");
 * ```
 */
export interface H2Stream {
  /** Sends body bytes (as the windows allow); `end` ends this side of the stream after them. */
  write(bytes: Uint8Array, end?: boolean): void;
  /** Resets the stream; the handler's `failed` gets `reason`. */
  cancel(reason: string): void;
  /** Stops returning receive window, so the server stops sending after the stream's window. */
  pause(): void;
  resume(): void;
}

interface Stream {
  id: number;
  /** Header fields of the request, encoded when the stream is opened. */
  block: Uint8Array;
  /** Body bytes not yet sent, and whether this side ends after them. */
  body: Uint8Array;
  endAfter: boolean;
  endSent: boolean;
  sendWindow: number;
  /** Receive-window bytes used since the last stream WINDOW_UPDATE. */
  received: number;
  paused: boolean;
  /** Its HEADERS frame went to the socket. */
  written: boolean;
  sawHeaders: boolean;
  handler: H2StreamHandler;
}

/**
 * One HTTP/2 connection to one server.
 *
 * @example
 * ```ts
 * const url = new URL("http://127.0.0.1:2379");
 * const h2 = await H2Connection.connect(url);
 * const { response } = h2.request(H2Connection.headerBlock(url, [[":path", "/x"]]), body);
 * const { headers, body: chunks } = await response;
 * h2.destroy();
 * ```
 */
export class H2Connection {
  /** Called once when the connection is finished, for whatever reason. */
  onClose?: () => void;
  readonly #conn: Deno.Conn;
  readonly #decoder = new HpackDecoder();
  readonly #streams = new Map<number, Stream>();
  /** Streams waiting for a concurrency slot, and streams with body bytes waiting for send window. */
  #waiting: Stream[] = [];
  #blocked: Stream[] = [];
  #nextId = 1;
  #peerMaxStreams = Infinity;
  #peerInitialWindow = 65_535;
  #peerMaxFrame = 16_384;
  #sendWindow = 65_535;
  #received = 0;
  /** A header block still coming in CONTINUATION frames. */
  #partial?: { id: number; endStream: boolean; parts: Uint8Array[] };
  #out: Uint8Array[] = [];
  #outStreams: Stream[] = [];
  #outBytes = 0;
  #flushing = false;
  #writing = false;
  #coalesceTimer?: ReturnType<typeof setTimeout>;
  #replyTimer?: ReturnType<typeof setTimeout>;
  /** Streams whose request is fully sent and whose answer has not ended. */
  #unanswered = 0;
  #goneAway = false;
  #closing = false;
  #dead?: string;
  #pingTimer?: ReturnType<typeof setInterval>;
  #pingDeadline?: ReturnType<typeof setTimeout>;

  private constructor(conn: Deno.Conn) {
    this.#conn = conn;
    const settings = new Uint8Array(18);
    const view = new DataView(settings.buffer);
    view.setUint16(0, SETTINGS_ENABLE_PUSH);
    view.setUint32(2, 0);
    view.setUint16(6, SETTINGS_INITIAL_WINDOW_SIZE);
    view.setUint32(8, STREAM_WINDOW);
    view.setUint16(12, SETTINGS_HEADER_TABLE_SIZE);
    view.setUint32(14, this.#decoder.limit);
    this.#queue(PREFACE);
    this.#frame(SETTINGS, 0, 0, settings);
    this.#windowUpdate(0, CONNECTION_WINDOW - 65_535);
    this.#read();
    this.#pingTimer = setInterval(() => this.#keepalive(), PING_EVERY_MS);
  }

  /**
   * Opens a connection to `url` (`http:` is cleartext HTTP/2 with prior knowledge, `https:` TLS with
   * ALPN h2). Rejects with the connection error; nothing was sent then.
   */
  static async connect(url: URL): Promise<H2Connection> {
    const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    if (url.protocol === "https:") {
      return new H2Connection(await Deno.connectTls({ hostname, port, alpnProtocols: ["h2"] }));
    }
    const conn = await Deno.connect({ hostname, port });
    // #queue batches frames itself (and flushes when replies arrive); the kernel's Nagle would only add
    // delayed-ACK stalls on top.
    conn.setNoDelay(true);
    return new H2Connection(conn);
  }

  /** Whether new requests may start here (not failed, closing, or out of stream ids). */
  get usable(): boolean {
    return !this.#dead && !this.#goneAway && !this.#closing && this.#nextId < 2 ** 31 - 1;
  }

  /** Requests in flight. */
  get active(): number {
    return this.#streams.size + this.#waiting.length;
  }

  /**
   * The header block of a request to `url` with `fields` after `:method POST`, `:scheme` and
   * `:authority`: encode it once and reuse it, and append the encoding of fields that vary.
   */
  static headerBlock(url: URL, fields: readonly (readonly [string, string])[]): Uint8Array {
    return encodeHeaders([
      [":method", "POST"],
      [":scheme", url.protocol === "https:" ? "https" : "http"],
      [":authority", url.host],
      ...fields,
    ]);
  }

  /**
   * Sends a request with the header block `block` (from {@link H2Connection.headerBlock}) and `body`, and
   * resolves with the response when the server ends the stream. `cancel` resets the stream (the response
   * then rejects).
   */
  request(
    block: Uint8Array,
    body: Uint8Array,
  ): { response: Promise<H2Response>; cancel(reason: string): void } {
    let handler!: H2StreamHandler;
    const response = new Promise<H2Response>((resolve, reject) => {
      let headers: Map<string, string> | undefined;
      let trailers: Map<string, string> | undefined;
      const data: Uint8Array[] = [];
      const done = () => resolve({ headers: headers ?? new Map(), trailers, body: data });
      handler = {
        headers(fields, end) {
          if (!headers) headers = fields;
          else trailers = fields;
          if (end) done();
        },
        data(chunk, end) {
          if (chunk.length > 0) data.push(chunk);
          if (end) done();
        },
        failed: reject,
      };
    });
    const stream = this.open(block, handler);
    stream.write(body, true);
    return { response, cancel: (reason) => stream.cancel(reason) };
  }

  /** Opens a stream with a header block (as {@link request} does); the handler hears what comes back. */
  open(block: Uint8Array, handler: H2StreamHandler): H2Stream {
    const stream: Stream = {
      id: 0,
      block,
      body: EMPTY,
      endAfter: false,
      endSent: false,
      sendWindow: 0,
      received: 0,
      paused: false,
      written: false,
      sawHeaders: false,
      handler,
    };
    if (!this.usable) {
      // Reported after the caller has its handle, as every other outcome is.
      const error = new H2StreamError(this.#dead ?? "the connection takes no new requests", true);
      queueMicrotask(() => handler.failed(error));
    } else if (this.#streams.size >= this.#peerMaxStreams) {
      this.#waiting.push(stream);
    } else {
      this.#open(stream);
    }
    return {
      write: (bytes, end = false) => this.#write(stream, bytes, end),
      cancel: (reason) => this.#cancel(stream, reason),
      pause: () => stream.paused = true,
      resume: () => {
        stream.paused = false;
        if (stream.received > 0 && this.#streams.get(stream.id) === stream) {
          this.#windowUpdate(stream.id, stream.received);
          stream.received = 0;
        }
      },
    };
  }

  /** Starts no new requests and closes the connection once the open ones are done. */
  close(): void {
    this.#closing = true;
    if (this.active === 0) this.destroy("the connection was closed");
  }

  /** Closes the connection now; open requests reject with `reason`. */
  destroy(reason = "the connection was closed"): void {
    if (this.#dead) return;
    this.#dead = reason;
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pingDeadline);
    clearTimeout(this.#coalesceTimer);
    clearTimeout(this.#replyTimer);
    try {
      this.#conn.close();
    } catch { /* already closed */ }
    const streams = [...this.#streams.values(), ...this.#waiting];
    this.#streams.clear();
    this.#waiting = [];
    this.#blocked = [];
    for (const s of streams) s.handler.failed(new H2StreamError(reason, !s.written));
    this.onClose?.();
  }

  #open(stream: Stream): void {
    stream.id = this.#nextId;
    this.#nextId += 2;
    stream.sendWindow = this.#peerInitialWindow;
    this.#streams.set(stream.id, stream);
    const block = stream.block;
    if (block.length <= this.#peerMaxFrame) {
      this.#frame(HEADERS, END_HEADERS, stream.id, block);
    } else {
      this.#frame(HEADERS, 0, stream.id, block.subarray(0, this.#peerMaxFrame));
      for (let at = this.#peerMaxFrame; at < block.length; at += this.#peerMaxFrame) {
        const end = Math.min(block.length, at + this.#peerMaxFrame);
        this.#frame(CONTINUATION, end === block.length ? END_HEADERS : 0, stream.id, block.subarray(at, end));
      }
    }
    this.#outStreams.push(stream);
    this.#sendBody(stream);
  }

  #write(stream: Stream, bytes: Uint8Array, end: boolean): void {
    if (stream.endAfter) return; // this side already ended
    if (stream.body.length === 0) stream.body = bytes;
    else if (bytes.length > 0) {
      const joined = new Uint8Array(stream.body.length + bytes.length);
      joined.set(stream.body);
      joined.set(bytes, stream.body.length);
      stream.body = joined;
    }
    stream.endAfter = end;
    if (this.#streams.get(stream.id) === stream) this.#sendBody(stream);
  }

  /** Sends as much of the stream's body as the windows allow; the rest waits for WINDOW_UPDATE. */
  #sendBody(stream: Stream): void {
    while (stream.body.length > 0) {
      const n = Math.min(stream.body.length, this.#peerMaxFrame, this.#sendWindow, stream.sendWindow);
      if (n <= 0) {
        if (!this.#blocked.includes(stream)) this.#blocked.push(stream);
        return;
      }
      const chunk = stream.body.subarray(0, n);
      stream.body = stream.body.subarray(n);
      this.#sendWindow -= n;
      stream.sendWindow -= n;
      const last = stream.body.length === 0 && stream.endAfter;
      if (last) this.#sent(stream);
      this.#frame(DATA, last ? END_STREAM : 0, stream.id, chunk);
    }
    if (stream.endAfter && !stream.endSent) {
      this.#sent(stream);
      this.#frame(DATA, END_STREAM, stream.id, EMPTY);
    }
  }

  #cancel(stream: Stream, reason: string): void {
    if (stream.id === 0) {
      const at = this.#waiting.indexOf(stream);
      if (at < 0) return;
      this.#waiting.splice(at, 1);
      stream.handler.failed(new H2StreamError(reason, true));
      return;
    }
    if (this.#streams.get(stream.id) !== stream) return;
    const code = new Uint8Array(4);
    new DataView(code.buffer).setUint32(0, CANCEL);
    this.#frame(RST_STREAM, 0, stream.id, code);
    this.#finish(stream);
    stream.handler.failed(new H2StreamError(reason, false));
  }

  /** Forgets a stream that ended, and starts a waiting one in its slot. */
  /** This side of the stream ended: its request waits for the answer. */
  #sent(stream: Stream): void {
    stream.endSent = true;
    this.#unanswered++;
  }

  #finish(stream: Stream): void {
    if (this.#streams.get(stream.id) === stream && stream.endSent) this.#unanswered--;
    this.#streams.delete(stream.id);
    const at = this.#blocked.indexOf(stream);
    if (at >= 0) this.#blocked.splice(at, 1);
    while (this.#waiting.length > 0 && this.#streams.size < this.#peerMaxStreams && this.usable) {
      this.#open(this.#waiting.shift()!);
    }
    if ((this.#closing || this.#goneAway) && this.active === 0) this.destroy("the connection was closed");
  }

  #keepalive(): void {
    if (this.#dead || this.#pingDeadline !== undefined || this.active === 0) return;
    this.#frame(PING, 0, 0, new Uint8Array(8));
    this.#pingDeadline = setTimeout(
      () => this.destroy(`no reply to a keepalive ping within ${PING_TIMEOUT_MS / 1000} s`),
      PING_TIMEOUT_MS,
    );
  }

  // ---- writing -------------------------------------------------------------------------------------

  #frame(type: number, flags: number, id: number, payload: Uint8Array): void {
    const header = new Uint8Array(9);
    header[0] = payload.length >>> 16;
    header[1] = (payload.length >>> 8) & 0xff;
    header[2] = payload.length & 0xff;
    header[3] = type;
    header[4] = flags;
    header[5] = (id >>> 24) & 0x7f;
    header[6] = (id >>> 16) & 0xff;
    header[7] = (id >>> 8) & 0xff;
    header[8] = id & 0xff;
    this.#queue(header);
    if (payload.length > 0) this.#queue(payload);
  }

  #windowUpdate(id: number, increment: number): void {
    const payload = new Uint8Array(4);
    new DataView(payload.buffer).setUint32(0, increment);
    this.#frame(WINDOW_UPDATE, 0, id, payload);
  }

  /**
   * Collects bytes for the socket. Everything queued in one tick leaves in one write, and while a write
   * is under way everything queued meanwhile waits for the next: under load the frames of many calls
   * share a packet, which saves etcd a read per call (as grpc-go's own writer batches).
   */
  #queue(bytes: Uint8Array): void {
    this.#out.push(bytes);
    this.#outBytes += bytes.length;
    // Nagle's rule, per connection: with requests still unanswered, small writes wait for the next
    // reply (the read loop flushes) or {@link COALESCE_MS}; at 64 in flight a reply comes every few
    // tens of µs. etcd then reads many requests at once and batches their Raft proposals: ~30 % less
    // etcd CPU per create through the API than one write per request.
    if (this.#unanswered > 0 && this.#outBytes < COALESCE_BYTES) {
      this.#coalesceTimer ??= setTimeout(() => {
        this.#coalesceTimer = undefined;
        this.#flushSoon();
      }, COALESCE_MS);
      return;
    }
    this.#flushSoon();
  }

  /**
   * Flushes after the callbacks of the replies just read have run: their continuations (a reply's
   * caller often starts the next call) are microtasks several awaits deep, so a macrotask waits for all.
   */
  #flushAfterReplies(): void {
    if (this.#replyTimer !== undefined) return;
    this.#replyTimer = setTimeout(() => {
      this.#replyTimer = undefined;
      if (this.#out.length > 0) this.#flushSoon();
    }, 0);
  }

  #flushSoon(): void {
    if (this.#flushing || this.#writing) return;
    this.#flushing = true;
    queueMicrotask(() => this.#flush());
  }

  async #flush(): Promise<void> {
    this.#flushing = false;
    this.#writing = true;
    try {
      while (this.#out.length > 0 && !this.#dead) {
        const parts = this.#out;
        this.#out = [];
        this.#outBytes = 0;
        clearTimeout(this.#coalesceTimer);
        this.#coalesceTimer = undefined;
        for (const s of this.#outStreams) s.written = true;
        this.#outStreams = [];
        let size = 0;
        for (const p of parts) size += p.length;
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        let done = 0;
        while (done < bytes.length && !this.#dead) done += await this.#conn.write(bytes.subarray(done));
      }
    } catch (e) {
      this.destroy(`writing to the connection failed: ${(e as Error).message}`);
    } finally {
      this.#writing = false;
    }
  }

  // ---- reading -------------------------------------------------------------------------------------

  async #read(): Promise<void> {
    let buf = new Uint8Array(64 * 1024);
    let len = 0;
    try {
      for (;;) {
        if (len === buf.length) {
          const grown = new Uint8Array(buf.length * 2);
          grown.set(buf);
          buf = grown;
        }
        const n = await this.#conn.read(buf.subarray(len));
        if (n === null) throw new Error("the server closed the connection");
        len += n;
        let at = 0;
        while (len - at >= 9) {
          const size = (buf[at] << 16) | (buf[at + 1] << 8) | buf[at + 2];
          if (size > MAX_FRAME_SIZE) {
            throw new Error(`a frame of ${size} bytes exceeds the announced maximum`);
          }
          if (len - at < 9 + size) break;
          const type = buf[at + 3];
          const flags = buf[at + 4];
          const id = ((buf[at + 5] & 0x7f) << 24 | buf[at + 6] << 16 | buf[at + 7] << 8 | buf[at + 8]) >>> 0;
          this.#onFrame(type, flags, id, buf.subarray(at + 9, at + 9 + size));
          at += 9 + size;
          if (this.#dead) return;
        }
        // Replies are the clock of #queue: what their callers queue next leaves when they are done.
        this.#flushAfterReplies();
        buf.copyWithin(0, at, len);
        len -= at;
      }
    } catch (e) {
      this.destroy(this.#dead ?? `connection lost: ${(e as Error).message}`);
    }
  }

  #onFrame(type: number, flags: number, id: number, payload: Uint8Array): void {
    if (this.#partial && type !== CONTINUATION) throw new Error("a header block was interrupted");
    switch (type) {
      case DATA:
        return this.#onData(flags, id, payload);
      case HEADERS: {
        let block = payload;
        if (flags & PADDED) block = block.subarray(1, block.length - payload[0]);
        if (flags & PRIORITY) block = block.subarray(5);
        this.#partial = { id, endStream: (flags & END_STREAM) !== 0, parts: [block.slice()] };
        if (flags & END_HEADERS) this.#onHeaderBlock();
        return;
      }
      case CONTINUATION:
        if (!this.#partial || this.#partial.id !== id) throw new Error("an unexpected CONTINUATION frame");
        this.#partial.parts.push(payload.slice());
        if (flags & END_HEADERS) this.#onHeaderBlock();
        return;
      case RST_STREAM: {
        const stream = this.#streams.get(id);
        if (!stream) return;
        const code = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
        this.#finish(stream);
        stream.handler.failed(
          new H2StreamError(`the server reset the stream (HTTP/2 error ${code})`, code === REFUSED_STREAM),
        );
        return;
      }
      case SETTINGS:
        if (flags & ACK) return;
        return this.#onSettings(payload);
      case PING:
        if (flags & ACK) {
          clearTimeout(this.#pingDeadline);
          this.#pingDeadline = undefined;
        } else {
          this.#frame(PING, ACK, 0, payload.slice());
        }
        return;
      case GOAWAY:
        return this.#onGoAway(payload);
      case WINDOW_UPDATE: {
        const increment = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0) & 0x7fffffff;
        if (id === 0) this.#sendWindow += increment;
        else {
          const stream = this.#streams.get(id);
          if (stream) stream.sendWindow += increment;
        }
        const blocked = this.#blocked;
        this.#blocked = [];
        for (const s of blocked) if (this.#streams.get(s.id) === s) this.#sendBody(s);
        return;
      }
      case PUSH_PROMISE:
        throw new Error("the server pushed although push is disabled");
      default:
        return; // PRIORITY and unknown frame types are ignored (RFC 9113, 4.1)
    }
  }

  #onData(flags: number, id: number, payload: Uint8Array): void {
    // Flow control counts the whole payload, padding included.
    this.#received += payload.length;
    if (this.#received >= CONNECTION_WINDOW / 2) {
      this.#windowUpdate(0, this.#received);
      this.#received = 0;
    }
    const stream = this.#streams.get(id);
    if (!stream) return; // cancelled meanwhile
    const end = (flags & END_STREAM) !== 0;
    stream.received += payload.length;
    if (stream.received >= STREAM_WINDOW / 2 && !end && !stream.paused) {
      this.#windowUpdate(id, stream.received);
      stream.received = 0;
    }
    const data = flags & PADDED ? payload.subarray(1, payload.length - payload[0]) : payload;
    if (end) this.#finish(stream);
    this.#deliver(stream, () => stream.handler.data(data.slice(), end));
  }

  #onHeaderBlock(): void {
    const { id, endStream, parts } = this.#partial!;
    this.#partial = undefined;
    let block = parts[0];
    if (parts.length > 1) {
      block = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        block.set(p, at);
        at += p.length;
      }
    }
    // Every block is decoded, also for streams we gave up on: the decoder's table must stay in step.
    const fields = new Map(this.#decoder.decode(block));
    const stream = this.#streams.get(id);
    if (!stream) return;
    // 1xx responses are informational; the real headers follow.
    if (!stream.sawHeaders && fields.get(":status")?.startsWith("1")) return;
    stream.sawHeaders = true;
    if (endStream) this.#finish(stream);
    this.#deliver(stream, () => stream.handler.headers(fields, endStream));
  }

  /** Runs a handler; one that throws costs its own stream, not the connection's other calls. */
  #deliver(stream: Stream, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.#cancel(stream, `the stream's handler failed: ${(e as Error).message}`);
    }
  }

  #onSettings(payload: Uint8Array): void {
    const view = new DataView(payload.buffer, payload.byteOffset, payload.length);
    for (let at = 0; at + 6 <= payload.length; at += 6) {
      const key = view.getUint16(at);
      const value = view.getUint32(at + 2);
      if (key === SETTINGS_MAX_CONCURRENT_STREAMS) this.#peerMaxStreams = value;
      else if (key === SETTINGS_MAX_FRAME_SIZE) this.#peerMaxFrame = value;
      else if (key === SETTINGS_INITIAL_WINDOW_SIZE) {
        const delta = value - this.#peerInitialWindow;
        this.#peerInitialWindow = value;
        for (const s of this.#streams.values()) s.sendWindow += delta;
      }
    }
    this.#frame(SETTINGS, ACK, 0, new Uint8Array(0));
    const blocked = this.#blocked;
    this.#blocked = [];
    for (const s of blocked) if (this.#streams.get(s.id) === s) this.#sendBody(s);
    while (this.#waiting.length > 0 && this.#streams.size < this.#peerMaxStreams && this.usable) {
      this.#open(this.#waiting.shift()!);
    }
  }

  #onGoAway(payload: Uint8Array): void {
    const view = new DataView(payload.buffer, payload.byteOffset, payload.length);
    const last = view.getUint32(0) & 0x7fffffff;
    const code = view.getUint32(4);
    this.#goneAway = true;
    const why = `the server is going away (HTTP/2 GOAWAY, error ${code})`;
    // Streams above the last one the server names were not processed (RFC 9113, 6.8).
    for (const s of [...this.#streams.values()]) {
      if (s.id > last) {
        this.#finish(s);
        s.handler.failed(new H2StreamError(why, true));
      }
    }
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const s of waiting) s.handler.failed(new H2StreamError(why, true));
    // The streams it names may still finish; the connection closes after the last one.
    if (this.active === 0) this.destroy(why);
  }
}
