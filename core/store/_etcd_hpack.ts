/**
 * HPACK (RFC 7541), as much as a gRPC client needs: a full decoder for the header blocks etcd sends
 * (static and dynamic table, integers, Huffman strings) and an encoder that writes literals without
 * indexing, so it never has to track a dynamic table of its own.
 *
 * @module
 */

/** The static table (RFC 7541, Appendix A); index 1 is the first entry. */
const STATIC: readonly (readonly [string, string])[] = [
  [":authority", ""],
  [":method", "GET"],
  [":method", "POST"],
  [":path", "/"],
  [":path", "/index.html"],
  [":scheme", "http"],
  [":scheme", "https"],
  [":status", "200"],
  [":status", "204"],
  [":status", "206"],
  [":status", "304"],
  [":status", "400"],
  [":status", "404"],
  [":status", "500"],
  ["accept-charset", ""],
  ["accept-encoding", "gzip, deflate"],
  ["accept-language", ""],
  ["accept-ranges", ""],
  ["accept", ""],
  ["access-control-allow-origin", ""],
  ["age", ""],
  ["allow", ""],
  ["authorization", ""],
  ["cache-control", ""],
  ["content-disposition", ""],
  ["content-encoding", ""],
  ["content-language", ""],
  ["content-length", ""],
  ["content-location", ""],
  ["content-range", ""],
  ["content-type", ""],
  ["cookie", ""],
  ["date", ""],
  ["etag", ""],
  ["expect", ""],
  ["expires", ""],
  ["from", ""],
  ["host", ""],
  ["if-match", ""],
  ["if-modified-since", ""],
  ["if-none-match", ""],
  ["if-range", ""],
  ["if-unmodified-since", ""],
  ["last-modified", ""],
  ["link", ""],
  ["location", ""],
  ["max-forwards", ""],
  ["proxy-authenticate", ""],
  ["proxy-authorization", ""],
  ["range", ""],
  ["referer", ""],
  ["refresh", ""],
  ["retry-after", ""],
  ["server", ""],
  ["set-cookie", ""],
  ["strict-transport-security", ""],
  ["transfer-encoding", ""],
  ["user-agent", ""],
  ["vary", ""],
  ["via", ""],
  ["www-authenticate", ""],
];

/**
 * Code lengths of the Huffman code (RFC 7541, Appendix B) for symbols 0-255 and EOS (256), one letter
 * each: "a" is 5 bits ... "z" 30 bits. The code is canonical (codes ascend by length, then symbol), so
 * the lengths alone determine every code: symbol 48 ("0") is 00000, 32 (" ") 010100, EOS all ones.
 */
const HUFFMAN_LENGTHS =
  "isxxxxxxxtzxxzxxxxxxxxzxxxxxxxxxbffhibdgffdgdbbbaaabbbbbbbcdkbhfibccccccccccccccccccccccdcdioij" +
  "bkabababbbaccbbbabcbaabccccckgjixprpprrrsrssssststtrstssssqrsrsstrqprrssqsrrtqrssqqrqsrssprrrsrrsvvporsru" +
  "vvvwwvtuoqvwwvwtqqvvxwwwptpqrqqsrruuttvsvwvvwwwwwxwwwwwvz";

const EOS = 256;

/** The decoding tree: node i has children at `tree[2i]` (bit 0) and `tree[2i+1]` (bit 1); leaves are -(symbol+1). */
const TREE: Int32Array = (() => {
  const lengths = [...HUFFMAN_LENGTHS].map((c) => c.charCodeAt(0) - 97 + 5);
  const order = lengths.map((_, s) => s).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const tree = new Int32Array(2 * 2 * 257).fill(0);
  let nodes = 1;
  let code = 0;
  let previous = lengths[order[0]];
  order.forEach((symbol, k) => {
    const length = lengths[symbol];
    if (k > 0) code = (code + 1) * 2 ** (length - previous);
    previous = length;
    let node = 0;
    for (let bit = length - 1; bit >= 0; bit--) {
      const slot = 2 * node + (Math.floor(code / 2 ** bit) & 1);
      if (bit === 0) tree[slot] = -(symbol + 1);
      else {
        if (tree[slot] === 0) tree[slot] = nodes++;
        node = tree[slot];
      }
    }
  });
  return tree;
})();

const TEXT_DECODER = new TextDecoder();
const TEXT_ENCODER = new TextEncoder();

/** A malformed header block: the connection's compression state is lost (a connection error). */
export class HpackError extends Error {
  override name = "HpackError";
}

/**
 * Decodes Huffman-coded bytes (RFC 7541, 5.2).
 *
 * @example
 * ```ts
 * huffmanDecode(new Uint8Array([0xa8, 0xeb, 0x10, 0x64, 0x9c, 0xbf])); // "no-cache" (RFC 7541, C.4.2)
 * ```
 */
export function huffmanDecode(bytes: Uint8Array): string {
  const out: number[] = [];
  let node = 0;
  let depth = 0;
  let ones = true;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      const b = (byte >> bit) & 1;
      ones &&= b === 1;
      const next = TREE[2 * node + b];
      depth++;
      if (next < 0) {
        const symbol = -next - 1;
        if (symbol === EOS) throw new HpackError("Huffman string contains EOS");
        out.push(symbol);
        node = 0;
        depth = 0;
        ones = true;
      } else if (next === 0) {
        throw new HpackError("invalid Huffman code");
      } else {
        node = next;
      }
    }
  }
  // Padding: fewer than 8 bits, all ones (a prefix of EOS).
  if (depth > 7 || !ones) throw new HpackError("invalid Huffman padding");
  return TEXT_DECODER.decode(new Uint8Array(out));
}

/**
 * The decoding side of one connection's header compression: decodes header blocks in the order they
 * arrive, keeping the dynamic table in step with the peer's encoder.
 *
 * @example
 * ```ts
 * const decoder = new HpackDecoder();
 * const fields = decoder.decode(block); // [[":status", "200"], ["content-type", "application/grpc"]]
 * ```
 */
export class HpackDecoder {
  /** Newest first. */
  #table: [string, string][] = [];
  #size = 0;
  #maxSize: number;

  /** `limit`: the SETTINGS_HEADER_TABLE_SIZE this side announced (4096 by default). */
  constructor(readonly limit = 4096) {
    this.#maxSize = limit;
  }

  decode(block: Uint8Array): [string, string][] {
    const fields: [string, string][] = [];
    let pos = 0;
    const integer = (prefixBits: number): number => {
      const mask = (1 << prefixBits) - 1;
      let value = block[pos++] & mask;
      if (value < mask) return value;
      let scale = 1;
      for (;;) {
        if (pos >= block.length) throw new HpackError("truncated integer");
        const b = block[pos++];
        value += (b & 0x7f) * scale;
        scale *= 128;
        if (b < 0x80) return value;
        if (scale > 2 ** 35) throw new HpackError("integer too large");
      }
    };
    const string = (): string => {
      if (pos >= block.length) throw new HpackError("truncated string");
      const huffman = (block[pos] & 0x80) !== 0;
      const length = integer(7);
      if (pos + length > block.length) throw new HpackError("truncated string");
      const bytes = block.subarray(pos, pos + length);
      pos += length;
      return huffman ? huffmanDecode(bytes) : TEXT_DECODER.decode(bytes);
    };
    const entry = (index: number): readonly [string, string] => {
      if (index >= 1 && index <= STATIC.length) return STATIC[index - 1];
      const dynamic = this.#table[index - STATIC.length - 1];
      if (!dynamic) throw new HpackError(`header index ${index} is not in the table`);
      return dynamic;
    };
    while (pos < block.length) {
      const b = block[pos];
      if (b & 0x80) {
        // Indexed field.
        const index = integer(7);
        if (index === 0) throw new HpackError("header index 0");
        const [name, value] = entry(index);
        fields.push([name, value]);
      } else if (b & 0x40) {
        // Literal with incremental indexing.
        const index = integer(6);
        const name = index === 0 ? string() : entry(index)[0];
        const value = string();
        fields.push([name, value]);
        this.#add(name, value);
      } else if (b & 0x20) {
        // Dynamic table size update.
        const size = integer(5);
        if (size > this.limit) throw new HpackError(`table size ${size} over the announced ${this.limit}`);
        this.#maxSize = size;
        this.#evict(0);
      } else {
        // Literal without indexing (0000) or never indexed (0001).
        const index = integer(4);
        const name = index === 0 ? string() : entry(index)[0];
        fields.push([name, string()]);
      }
    }
    return fields;
  }

  #add(name: string, value: string): void {
    const size = TEXT_ENCODER.encode(name).length + TEXT_ENCODER.encode(value).length + 32;
    this.#evict(size);
    if (size > this.#maxSize) return; // an entry larger than the table empties it and is not added
    this.#table.unshift([name, value]);
    this.#size += size;
  }

  /** Evicts the oldest entries until `room` more bytes fit. */
  #evict(room: number): void {
    while (this.#size + room > this.#maxSize && this.#table.length > 0) {
      const [name, value] = this.#table.pop()!;
      this.#size -= TEXT_ENCODER.encode(name).length + TEXT_ENCODER.encode(value).length + 32;
    }
  }
}

/**
 * Appends header fields as literals without indexing (RFC 7541, 6.2.2), names from the static table when
 * it has them, strings without Huffman coding.
 *
 * @example
 * ```ts
 * const block = encodeHeaders([[":method", "POST"], ["te", "trailers"]]);
 * ```
 */
export function encodeHeaders(fields: readonly (readonly [string, string])[]): Uint8Array {
  const out: number[] = [];
  const integer = (value: number, prefixBits: number, first: number) => {
    const mask = (1 << prefixBits) - 1;
    if (value < mask) {
      out.push(first | value);
      return;
    }
    out.push(first | mask);
    value -= mask;
    while (value >= 128) {
      out.push((value % 128) | 0x80);
      value = Math.floor(value / 128);
    }
    out.push(value);
  };
  const string = (text: string) => {
    const bytes = TEXT_ENCODER.encode(text);
    integer(bytes.length, 7, 0);
    for (const b of bytes) out.push(b);
  };
  for (const [name, value] of fields) {
    const exact = STATIC.findIndex(([n, v]) => n === name && v === value);
    if (exact >= 0) {
      integer(exact + 1, 7, 0x80);
      continue;
    }
    const named = STATIC.findIndex(([n]) => n === name);
    if (named >= 0) integer(named + 1, 4, 0);
    else {
      out.push(0);
      string(name);
    }
    string(value);
  }
  return new Uint8Array(out);
}
