/**
 * Label key and value checks (content.IsQualifiedName and IsLabelValue in k8s.io/apimachinery), word
 * for word as Go returns them, for template labels and selectors. core/kinds has the same checks in a
 * private file; a shared export would let both use one copy.
 *
 * @module
 */
import type { FieldError } from "@skiff/schema";
import { invalid } from "./_field_errors.ts";

const LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);
const KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const KEY_RE = new RegExp(`^${KEY_FMT}$`);
const VALUE_FMT = `(${KEY_FMT})?`;
const VALUE_RE = new RegExp(`^${VALUE_FMT}$`);
const KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

// validation.RegexError: Go appends "'x', " per example and " or " between them (hence "',  or '").
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${fmt}')`;
}

const KEY_REGEX_ERROR = regexError(KEY_MSG, KEY_FMT, "MyName", "my.name", "123-abc");

function subdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push("must be no more than 253 characters");
  if (!SUBDOMAIN_RE.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        SUBDOMAIN_FMT,
        "example.com",
      ),
    );
  }
  return errs;
}

/** content.IsQualifiedName: an optional DNS-subdomain prefix and a name of at most 63 characters. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split("/");
  if (parts.length > 2) {
    return [
      `a valid label key ${KEY_REGEX_ERROR} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const errs: string[] = [];
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0].length === 0) errs.push("prefix part must be non-empty");
    else errs.push(...subdomainErrors(parts[0]).map((m) => `prefix part ${m}`));
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push("name part must be no more than 63 characters");
  if (!KEY_RE.test(name)) errs.push(`name part ${KEY_REGEX_ERROR}`);
  return errs;
}

/** content.IsLabelValue: empty, or at most 63 label-key characters. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push("must be no more than 63 characters");
  if (!VALUE_RE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        VALUE_FMT,
        "MyValue",
        "my_value",
        "12345",
      ),
    );
  }
  return errs;
}

/** unversionedvalidation.ValidateLabels: every key a qualified name, every value a label value. */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    errors.push(...qualifiedNameErrors(key).map((m) => invalid(path, key, m)));
    errors.push(...labelValueErrors(value).map((m) => invalid(path, value, m)));
  }
  return errors;
}
