/**
 * Kubernetes' checks of strings and numbers that are not object names (k8s.io/apimachinery/pkg/util/validation):
 * ports, port names, environment variable names, ConfigMap keys and HTTP header names, each returning
 * Go's messages word for word for callers to wrap in field errors.
 *
 * @module
 */
import { utf8Length } from "./_gofmt.ts";
import { maxLenError, regexError } from "./names.ts";

const CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
const CONFIG_MAP_KEY = new RegExp("^" + CONFIG_MAP_KEY_FMT + "$");
const CONFIG_MAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+";
const HTTP_HEADER_NAME = new RegExp("^" + HTTP_HEADER_NAME_FMT + "$");
const HTTP_HEADER_NAME_MSG = "a valid HTTP header must consist of alphanumeric characters or '-'";

/**
 * validation.InclusiveRangeError: "must be between LO and HI, inclusive".
 *
 * @example
 * ```ts
 * import { inclusiveRangeError } from "./value_checks.ts";
 * inclusiveRangeError(1, 65535); // "must be between 1 and 65535, inclusive"
 * ```
 */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/**
 * IsValidPortNum: 1 to 65535.
 *
 * @example
 * ```ts
 * import { isValidPortNum } from "./value_checks.ts";
 * isValidPortNum(0); // ["must be between 1 and 65535, inclusive"]
 * ```
 */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/**
 * IsValidPortName: an IANA_SVC_NAME (at most 15 of [-a-z0-9], with a letter, no "--", no dash at
 * either end).
 *
 * @example
 * ```ts
 * import { isValidPortName } from "./value_checks.ts";
 * isValidPortName("http"); // []
 * isValidPortName("8080"); // ["must contain at least one letter (a-z)"]
 * ```
 */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (utf8Length(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) {
    errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
  if (!/[a-z]/.test(port)) errs.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errs.push("must not contain consecutive hyphens");
  if (port.startsWith("-") || port.endsWith("-")) errs.push("must not begin or end with a hyphen");
  return errs;
}

/**
 * IsRelaxedEnvVarName: printable ASCII other than "=" (how env var names are checked since
 * RelaxedEnvironmentVariableValidation).
 *
 * @example
 * ```ts
 * import { isRelaxedEnvVarName } from "./value_checks.ts";
 * isRelaxedEnvVarName("MY-VAR.1"); // []
 * isRelaxedEnvVarName("A=B").length; // 1
 * ```
 */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push("environment variable name must be non-empty");
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code > 0x7e || code < 0x20 || ch === "=") {
      errs.push(
        "a valid environment variable name must consist only of printable ASCII characters other than '='",
      );
      break;
    }
  }
  return errs;
}

/**
 * IsConfigMapKey: a key of a ConfigMap or Secret (at most 253 of [-._a-zA-Z0-9], not a dot path).
 *
 * @example
 * ```ts
 * import { isConfigMapKey } from "./value_checks.ts";
 * isConfigMapKey("app.properties"); // []
 * isConfigMapKey(".."); // ["must not be '..'"]
 * ```
 */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 253) errs.push(maxLenError(253));
  if (!CONFIG_MAP_KEY.test(value)) {
    errs.push(regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
  }
  if (value === ".") errs.push("must not be '.'");
  else if (value === "..") errs.push("must not be '..'");
  else if (value.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

/**
 * IsHTTPHeaderName: alphanumerics and "-".
 *
 * @example
 * ```ts
 * import { isHTTPHeaderName } from "./value_checks.ts";
 * isHTTPHeaderName("X-Trace"); // []
 * ```
 */
export function isHTTPHeaderName(value: string): string[] {
  return HTTP_HEADER_NAME.test(value)
    ? []
    : [regexError(HTTP_HEADER_NAME_MSG, HTTP_HEADER_NAME_FMT, "X-Header-Name")];
}
