/**
 * Kubernetes' name and key rules, returning its messages as plain strings (callers wrap them in
 * field errors): k8s.io/apimachinery/pkg/util/validation (DNS names; lengths in "characters") and
 * pkg/api/validate/content (label keys and values, path segments; lengths in "bytes").
 *
 * @module
 */
import { utf8Length } from "./_gofmt.ts";

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const LABEL_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE_FMT = "(" + LABEL_KEY_FMT + ")?";

const DNS1123_LABEL = new RegExp("^" + DNS1123_LABEL_FMT + "$");
const DNS1123_SUBDOMAIN = new RegExp("^" + DNS1123_SUBDOMAIN_FMT + "$");
const DNS1035_LABEL = new RegExp("^" + DNS1035_LABEL_FMT + "$");
const LABEL_KEY = new RegExp("^" + LABEL_KEY_FMT + "$");
const LABEL_VALUE = new RegExp("^" + LABEL_VALUE_FMT + "$");

const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/**
 * validation.RegexError: the message, examples, then the regular expression used.
 *
 * @example
 * ```ts
 * import { regexError } from "./names.ts";
 * regexError("bad", "[a-z]+", "abc"); // "bad (e.g. 'abc', regex used for validation is '[a-z]+')"
 * regexError("bad", "[a-z]+", "a", "b"); // "bad (e.g. 'a',  or 'b', regex used for validation is '[a-z]+')"
 * ```
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${fmt}')`;
  // Go appends "'x', " per example and " or " between them, hence the double space before "or".
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
}

/**
 * validation.MaxLenError: "must be no more than N characters".
 *
 * @example
 * ```ts
 * import { maxLenError } from "./names.ts";
 * maxLenError(15); // "must be no more than 15 characters"
 * ```
 */
export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

const maxLenCharacters = maxLenError;

/** The shape most of these checks share: a limit on Go's len(), then a pattern. */
function lengthAndPattern(
  value: string,
  max: number,
  tooLong: string,
  re: RegExp,
  mismatch: string,
): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > max) errs.push(tooLong);
  if (!re.test(value)) errs.push(mismatch);
  return errs;
}

function maxLenBytes(n: number): string {
  return `must be no more than ${n} bytes`;
}

const SUBDOMAIN_MISMATCH = regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com");
const LABEL_VALUE_MISMATCH = regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345");

/**
 * IsDNS1123Label: at most 63 characters of `[a-z0-9]([-a-z0-9]*[a-z0-9])?` (Namespace names).
 *
 * @example
 * ```ts
 * import { isDNS1123Label } from "./names.ts";
 * isDNS1123Label("my-ns"); // []
 * isDNS1123Label("a.b"); // ["must not contain dots"]
 * ```
 */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 63) errs.push(maxLenCharacters(63));
  if (!DNS1123_LABEL.test(value)) {
    // A valid subdomain that is not a valid label (length already checked) can only have dots.
    if (DNS1123_SUBDOMAIN.test(value)) errs.push("must not contain dots");
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
  }
  return errs;
}

/**
 * IsDNS1123Subdomain: at most 253 characters of dot-separated DNS-1123 labels (most object names).
 *
 * @example
 * ```ts
 * import { isDNS1123Subdomain } from "./names.ts";
 * isDNS1123Subdomain("example.com"); // []
 * isDNS1123Subdomain("Bad").length; // 1
 * ```
 */
export function isDNS1123Subdomain(value: string): string[] {
  return lengthAndPattern(value, 253, maxLenCharacters(253), DNS1123_SUBDOMAIN, SUBDOMAIN_MISMATCH);
}

/**
 * IsDNS1035Label: at most 63 characters, starting with a letter (Service names).
 *
 * @example
 * ```ts
 * import { isDNS1035Label } from "./names.ts";
 * isDNS1035Label("web"); // []
 * isDNS1035Label("1web").length; // 1
 * ```
 */
export function isDNS1035Label(value: string): string[] {
  return lengthAndPattern(
    value,
    63,
    maxLenCharacters(63),
    DNS1035_LABEL,
    regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"),
  );
}

const DNS1123_LABEL_UNDERSCORE_FMT = "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_UNDERSCORE_FMT = DNS1123_LABEL_UNDERSCORE_FMT + "(\\." +
  DNS1123_LABEL_UNDERSCORE_FMT + ")*";
const DNS1123_SUBDOMAIN_UNDERSCORE = new RegExp("^" + DNS1123_SUBDOMAIN_UNDERSCORE_FMT + "$");
const DNS1123_SUBDOMAIN_UNDERSCORE_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";

/**
 * IsDNS1123SubdomainWithUnderscore: a subdomain whose labels may start with or contain "_" (DNS
 * search domains).
 *
 * @example
 * ```ts
 * import { isDNS1123SubdomainWithUnderscore } from "./names.ts";
 * isDNS1123SubdomainWithUnderscore("_srv.example.com"); // []
 * ```
 */
export function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  return lengthAndPattern(
    value,
    253,
    maxLenCharacters(253),
    DNS1123_SUBDOMAIN_UNDERSCORE,
    regexError(DNS1123_SUBDOMAIN_UNDERSCORE_MSG, DNS1123_SUBDOMAIN_UNDERSCORE_FMT, "example.com"),
  );
}

/** content.IsDNS1123Subdomain: as {@link isDNS1123Subdomain} but counting "bytes" in its message. */
function isDNS1123SubdomainBytes(value: string): string[] {
  return lengthAndPattern(value, 253, maxLenBytes(253), DNS1123_SUBDOMAIN, SUBDOMAIN_MISMATCH);
}

/**
 * IsQualifiedName (content.IsLabelKey): an optional DNS subdomain prefix and "/", then a name of at most
 * 63 bytes (label keys, annotation keys, finalizers).
 *
 * @example
 * ```ts
 * import { isQualifiedName } from "./names.ts";
 * isQualifiedName("example.com/my-key"); // []
 * isQualifiedName("/x"); // ["prefix part must be non-empty"]
 * ```
 */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  switch (parts.length) {
    case 1:
      name = parts[0];
      break;
    case 2: {
      const prefix = parts[0];
      name = parts[1];
      if (!prefix.length) errs.push("prefix part must be non-empty");
      else for (const msg of isDNS1123SubdomainBytes(prefix)) errs.push("prefix part " + msg);
      break;
    }
    default:
      return [
        "a valid label key " + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc") +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ];
  }
  if (!name.length) errs.push("name part must be non-empty");
  else if (utf8Length(name) > 63) errs.push("name part " + maxLenBytes(63));
  if (!LABEL_KEY.test(name)) {
    errs.push("name part " + regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc"));
  }
  return errs;
}

/**
 * IsValidLabelValue (content.IsLabelValue): empty, or at most 63 bytes of `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`.
 *
 * @example
 * ```ts
 * import { isValidLabelValue } from "./names.ts";
 * isValidLabelValue(""); // []
 * isValidLabelValue("-x").length; // 1
 * ```
 */
export function isValidLabelValue(value: string): string[] {
  return lengthAndPattern(value, 63, maxLenBytes(63), LABEL_VALUE, LABEL_VALUE_MISMATCH);
}

/**
 * IsPathSegmentName: a name usable as one URL path segment (not "." or "..", no "/" or "%").
 *
 * @example
 * ```ts
 * import { isPathSegmentName } from "./names.ts";
 * isPathSegmentName(".."); // ["may not be '..'"]
 * ```
 */
export function isPathSegmentName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  return isPathSegmentPrefix(name);
}

/**
 * IsPathSegmentPrefix: no "/" or "%" (the rule for a generateName prefix).
 *
 * @example
 * ```ts
 * import { isPathSegmentPrefix } from "./names.ts";
 * isPathSegmentPrefix("a/b%"); // ["may not contain '/'", "may not contain '%'"]
 * ```
 */
export function isPathSegmentPrefix(name: string): string[] {
  const errs: string[] = [];
  if (name.includes("/")) errs.push("may not contain '/'");
  if (name.includes("%")) errs.push("may not contain '%'");
  return errs;
}

/**
 * A name rule as Kubernetes' ValidateNameFunc: `prefix` is true for a generateName, whose trailing dash
 * is allowed.
 */
export type NameValidator = (name: string, prefix: boolean) => string[];

/**
 * maskTrailingDash: a generateName may end in "-" since random characters follow it.
 *
 * @example
 * ```ts
 * import { maskTrailingDash } from "./names.ts";
 * maskTrailingDash("web-"); // "wea"
 * ```
 */
export function maskTrailingDash(name: string): string {
  // Go replaces the last two bytes with "a" (name[:len-2] + "a"), so "web-" becomes "wea".
  return name.length > 1 && name.endsWith("-") ? name.slice(0, -2) + "a" : name;
}

/**
 * NameIsDNSSubdomain: the rule for most kinds (and every custom resource).
 *
 * @example
 * ```ts
 * import { nameIsDNSSubdomain } from "./names.ts";
 * nameIsDNSSubdomain("web-", true); // []
 * ```
 */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/**
 * NameIsDNSLabel: the rule for Namespaces (and namespace references).
 *
 * @example
 * ```ts
 * import { nameIsDNSLabel } from "./names.ts";
 * nameIsDNSLabel("default", false); // []
 * ```
 */
export const nameIsDNSLabel: NameValidator = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/**
 * NameIsDNS1035Label: the rule for Services.
 *
 * @example
 * ```ts
 * import { nameIsDNS1035Label } from "./names.ts";
 * nameIsDNS1035Label("1abc", false).length; // 1
 * ```
 */
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/**
 * The path-segment rule (ValidatePathSegmentName): what embedded resources' and some kinds' names
 * must satisfy.
 *
 * @example
 * ```ts
 * import { nameIsPathSegment } from "./names.ts";
 * nameIsPathSegment("a/b", false); // ["may not contain '/'"]
 * ```
 */
export const nameIsPathSegment: NameValidator = (name, prefix) =>
  prefix ? isPathSegmentPrefix(name) : isPathSegmentName(name);
