/**
 * The string formats apiextensions-apiserver validates (pkg/apiserver/validation/formats.go) with the
 * checks of k8s.io/kube-openapi/pkg/validation/strfmt. Formats Kubernetes does not support are dropped
 * from the schema before validation, so they are never checked.
 *
 * @module
 */

/** A format's check: true when the string is valid. */
export type FormatCheck = (s: string) => boolean;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const HOSTNAME =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9\-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const HEXCOLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_PART = "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*";
const RGBCOLOR = new RegExp(`^rgb\\(${RGB_PART},${RGB_PART},${RGB_PART}\\)$`);
const SSN = /^\d{3}[- ]?\d{2}[- ]?\d{4}$/;
const CREDIT_CARD =
  /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11})$/;
const ISBN10 = /^(?:[0-9]{9}X|[0-9]{10})$/;
const ISBN13 = /^(?:[0-9]{13})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_TAIL = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;
const SHORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LONG_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const BSON_OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** Go's time.Parse("2006-01-02", s): four-digit year, two-digit month and a day that month has. */
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** strfmt.IsDateTime: a date, a "t", then hh:mm:ss[.frac] and a zone, compared as strfmt does. */
function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split("t");
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = DATE_TIME_TAIL.exec(parts[1]);
  if (!m) return false;
  return m[1] <= "23" && m[2] <= "59" && m[3] <= "59";
}

const GO_DURATION_UNITS = new Set(["ns", "us", "µs", "μs", "ms", "s", "m", "h"]);
const DURATION_MATCHER = /(\d+)\s*([A-Za-zµ]+)/g;
const TIME_UNITS = [
  ["ns", "nano"],
  ["us", "µs", "micro"],
  ["ms", "milli"],
  ["s", "sec"],
  ["m", "min"],
  ["h", "hr", "hour"],
  ["d", "day"],
  ["w", "wk", "week"],
];

/** strfmt.ParseDuration: Go's time.ParseDuration, else any "<digits> <unit>" Scala-style part. */
function isDuration(s: string): boolean {
  if (isGoDuration(s)) return true;
  for (const m of s.matchAll(DURATION_MATCHER)) {
    const unit = m[2].trim().toLowerCase();
    for (const variants of TIME_UNITS) {
      const last = variants.length - 1;
      for (let i = 0; i < variants.length; i++) {
        if ((i === last && unit.startsWith(variants[i])) || unit === variants[i]) return true;
      }
    }
  }
  return false;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** time.ParseDuration's grammar: [-+] then one or more "<decimal><unit>", or "0" alone. */
function isGoDuration(s: string): boolean {
  let i = s[0] === "-" || s[0] === "+" ? 1 : 0;
  if (s.slice(i) === "0") return true;
  if (i === s.length) return false;
  while (i < s.length) {
    const start = i;
    while (isDigit(s[i])) i++;
    let digits = i > start;
    if (s[i] === ".") {
      i++;
      const frac = i;
      while (isDigit(s[i])) i++;
      digits ||= i > frac;
    }
    if (!digits) return false;
    const unitStart = i;
    while (i < s.length && s[i] !== "." && !isDigit(s[i])) i++;
    if (!GO_DURATION_UNITS.has(s.slice(unitStart, i))) return false;
  }
  return true;
}

/** net.ParseIP's IPv4 form; `sloppy` allows leading zeros as Kubernetes' ParseIPSloppy does. */
function parseIPv4(s: string, sloppy: boolean): boolean {
  const parts = s.split(".");
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return false;
    if (!sloppy && p.length > 1 && p[0] === "0") return false;
    if (p.length > 3 && !sloppy) return false;
    if (Number(p) > 255) return false;
  }
  return true;
}

/** net.ParseIP's IPv6 form, including an embedded IPv4 tail; zones are not IP addresses. */
function parseIPv6(s: string, sloppy: boolean): boolean {
  if (!s.includes(":")) return false;
  let body = s;
  const lastColon = s.lastIndexOf(":");
  const tail = s.slice(lastColon + 1);
  if (tail.includes(".")) {
    // An IPv4 tail stands for the last two groups.
    if (!parseIPv4(tail, sloppy)) return false;
    body = s.slice(0, lastColon + 1) + "0:0";
  }
  const hex4 = (g: string) => /^[0-9a-fA-F]{1,4}$/.test(g);
  const dc = body.indexOf("::");
  if (dc >= 0) {
    if (body.indexOf("::", dc + 1) >= 0) return false;
    const head = body.slice(0, dc);
    const rest = body.slice(dc + 2);
    const groups = [...(head ? head.split(":") : []), ...(rest ? rest.split(":") : [])];
    return groups.length <= 7 && groups.every(hex4);
  }
  const groups = body.split(":");
  return groups.length === 8 && groups.every(hex4);
}

function isIPv4(s: string): boolean {
  // ParseIPSloppy accepts any IP; the format only asks that it contain a dot.
  return s.includes(".") && (parseIPv4(s, true) || parseIPv6(s, true));
}

function isIPv6(s: string): boolean {
  return s.includes(":") && (parseIPv4(s, false) || parseIPv6(s, false));
}

function isCIDR(s: string): boolean {
  const slash = s.indexOf("/");
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  if (!/^[0-9]+$/.test(bits)) return false;
  const n = Number(bits);
  if (parseIPv4(addr, true)) return n <= 32;
  return parseIPv6(addr, true) && n <= 128;
}

/** net.ParseMAC: 6, 8 or 20 octets as "xx:xx…", "xx-xx…" or "xxxx.xxxx…". */
function isMAC(s: string): boolean {
  if (s.length < 14) return false;
  let octets: number;
  if (s[2] === ":" || s[2] === "-") {
    if ((s.length + 1) % 3 !== 0) return false;
    octets = (s.length + 1) / 3;
    const sep = s[2];
    for (let i = 0; i < octets; i++) {
      const x = i * 3;
      if (!/^[0-9a-fA-F]{2}$/.test(s.slice(x, x + 2))) return false;
      if (x + 2 < s.length && s[x + 2] !== sep) return false;
    }
  } else if (s[4] === ".") {
    if ((s.length + 1) % 5 !== 0) return false;
    octets = (2 * (s.length + 1)) / 5;
    for (let x = 0; x < s.length; x += 5) {
      if (!/^[0-9a-fA-F]{4}$/.test(s.slice(x, x + 4))) return false;
      if (x + 4 < s.length && s[x + 4] !== ".") return false;
    }
  } else return false;
  return octets === 6 || octets === 8 || octets === 20;
}

const HOST_OK = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]$/;

function validEscapes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "%" && !/^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) return false;
  }
  return true;
}

function hasControlByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** url.ParseRequestURI: an absolute URI, or an absolute path; "*" alone is fine too. */
function isRequestURI(raw: string): boolean {
  if (raw === "" || hasControlByte(raw)) return false;
  if (raw === "*") return true;
  let scheme = "";
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ":") {
      if (i === 0) return false;
      scheme = raw.slice(0, i);
      rest = raw.slice(i + 1);
    }
    break;
  }
  const q = rest.indexOf("?");
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith("/")) return scheme !== "";
  if (scheme && rest.startsWith("//")) {
    const end = rest.indexOf("/", 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? "" : rest.slice(end);
    const at = authority.lastIndexOf("@");
    const host = at < 0 ? authority : authority.slice(at + 1);
    if (host.startsWith("[")) {
      const close = host.indexOf("]");
      if (close < 0) return false;
      const port = host.slice(close + 1);
      if (port && !/^:[0-9]*$/.test(port)) return false;
    } else {
      const colon = host.lastIndexOf(":");
      if (colon >= 0 && !/^:[0-9]*$/.test(host.slice(colon))) return false;
      for (const ch of host) if (ch !== "%" && ch.charCodeAt(0) < 0x80 && !HOST_OK.test(ch)) return false;
      if (!validEscapes(host)) return false;
    }
  }
  return validEscapes(rest);
}

const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]+$/;

function isDotAtom(s: string): boolean {
  return s.split(".").every((p) => ATEXT.test(p));
}

/** net/mail.ParseAddress, simplified: "local@domain" or "Name <local@domain>". */
function isEmail(s: string): boolean {
  let addr = s.trim();
  if (addr.endsWith(">")) {
    const lt = addr.lastIndexOf("<");
    if (lt < 0) return false;
    addr = addr.slice(lt + 1, -1);
  }
  const at = addr.lastIndexOf("@");
  if (at <= 0 || at === addr.length - 1) return false;
  const local = addr.slice(0, at);
  const domain = addr.slice(at + 1);
  const localOK = /^"([^"\\]|\\.)*"$/.test(local) || isDotAtom(local);
  const domainOK = /^\[[^\[\]\\]*\]$/.test(domain) || isDotAtom(domain);
  return localOK && domainOK;
}

function isHostname(s: string): boolean {
  if (!HOSTNAME.test(s) || new TextEncoder().encode(s).length > 255) return false;
  return s.split(".").every((p) => new TextEncoder().encode(p).length <= 63);
}

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d >= 10) d = (d % 10) + 1;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isCreditCard(s: string): boolean {
  const digits = s.replace(/[^0-9]+/g, "");
  return CREDIT_CARD.test(digits) && luhn(digits);
}

function isISBN(s: string, version: 10 | 13): boolean {
  const v = s.replace(/[\s-]+/g, "");
  if (version === 10) {
    if (!ISBN10.test(v)) return false;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (i + 1) * (v.charCodeAt(i) - 48);
    sum += v[9] === "X" ? 100 : 10 * (v.charCodeAt(9) - 48);
    return sum % 11 === 0;
  }
  if (!ISBN13.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * (v.charCodeAt(i) - 48);
  return v.charCodeAt(12) - 48 - ((10 - (sum % 10)) % 10) === 0;
}

/** Every supported format by its normalized name (Kubernetes drops "-" from format names). */
const FORMATS: Readonly<Record<string, FormatCheck>> = {
  bsonobjectid: (s) => BSON_OBJECT_ID.test(s),
  uri: isRequestURI,
  email: isEmail,
  hostname: isHostname,
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: isCIDR,
  mac: isMAC,
  uuid: (s) => UUID.test(s),
  uuid3: (s) => UUID3.test(s),
  uuid4: (s) => UUID4.test(s),
  uuid5: (s) => UUID5.test(s),
  isbn: (s) => isISBN(s, 10) || isISBN(s, 13),
  isbn10: (s) => isISBN(s, 10),
  isbn13: (s) => isISBN(s, 13),
  creditcard: isCreditCard,
  ssn: (s) => s.length === 11 && SSN.test(s),
  hexcolor: (s) => HEXCOLOR.test(s),
  rgbcolor: (s) => RGBCOLOR.test(s),
  byte: (s) => BASE64.test(s),
  password: () => true,
  date: isDate,
  duration: isDuration,
  datetime: isDateTime,
  k8sshortname: (s) => s.length <= 63 && SHORT_NAME.test(s),
  k8slongname: (s) => s.length <= 253 && LONG_NAME.test(s),
};

/**
 * The check for a string format Kubernetes validates, or undefined for a format it ignores.
 *
 * @example
 * ```ts
 * import { stringFormat } from "./_formats.ts";
 * stringFormat("date-time")!("2024-01-02T03:04:05Z"); // true
 * stringFormat("quantity"); // undefined
 * ```
 */
export function stringFormat(format: string): FormatCheck | undefined {
  const name = format.replaceAll("-", "");
  return Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
}

/**
 * The format Kubernetes keeps after StripUnsupportedFormatsPostProcessor: string formats it supports,
 * int32/int64 on integers, float/double on numbers, nothing on other types.
 *
 * @example
 * ```ts
 * import { effectiveFormat } from "./_formats.ts";
 * effectiveFormat("integer", "int32"); // "int32"
 * effectiveFormat("string", "int-or-string"); // ""
 * ```
 */
export function effectiveFormat(type: string, format: string | undefined): string {
  if (!format) return "";
  switch (type) {
    case "":
    case "string":
      return stringFormat(format) ? format : "";
    case "integer":
      return format === "int32" || format === "int64" ? format : "";
    case "number":
      return format === "float" || format === "double" ? format : "";
    default:
      return "";
  }
}
