/**
 * IP address parsing and one canonical spelling, so "::1", "0:0:0:0:0:0:0:1" and the text a certificate
 * decodes to all compare equal when deciding whether the serving certificate's names changed.
 *
 * @module
 */

/** The 4 or 16 bytes of an IPv4 or IPv6 address (an IPv6 zone such as "%eth0" is dropped), or null. */
export function parseIp(text: string): Uint8Array | null {
  const s = text.trim().replace(/%.*$/, "");
  return parseIpv4(s) ?? parseIpv6(s);
}

/** The canonical text of an address: dotted IPv4, or RFC 5952 IPv6 (lowercase, longest zero run as "::"). */
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return bytes.join(".");
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  // RFC 5952 4.2: compress the longest run of two or more zero groups, the first one on a tie.
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

/** The canonical text of an address given as text, or null when it is not an address. */
export function canonicalIp(text: string): string | null {
  const bytes = parseIp(text);
  return bytes ? formatIp(bytes) : null;
}

function parseIpv4(s: string): Uint8Array | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (const [i, p] of parts.entries()) {
    // No leading zeros: "010" is octal to some parsers and decimal to others.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return null;
    out[i] = Number(p);
  }
  return out;
}

function parseIpv6(s: string): Uint8Array | null {
  if (!s.includes(":")) return null;
  let tail: Uint8Array | null = null;
  let body = s;
  // An embedded IPv4 tail ("::ffff:10.0.0.1") fills the last two groups.
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    tail = parseIpv4(s.slice(lastColon + 1));
    if (!tail) return null;
    body = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  const out = new Uint8Array(16);
  for (const [i, g] of groups.entries()) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}
