/**
 * Validation of ValidatingWebhookConfiguration and MutatingWebhookConfiguration beyond the schema, as
 * kubernetes/pkg/apis/admissionregistration/validation/validation.go does it for v1: fully qualified,
 * unique webhook names; rules; exactly one of url/service with Kubernetes' URL checks; sideEffects
 * None|NoneOnDryRun; admissionReviewVersions including v1 or v1beta1; timeoutSeconds 1–30; selectors.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import { validateLabelSelector } from "../../schema/label_selector.ts";
import { duplicate, invalid, notSupported, required } from "../../schema/field_error.ts";
import { FieldPath } from "../../schema/field_path.ts";
import { isDNS1035Label, isDNS1123Subdomain } from "../../schema/names.ts";
import { isValidPortNum } from "../../schema/value_checks.ts";
import type {
  AdmissionWebhookClientConfig,
  MutatingWebhookConfiguration,
  RuleWithOperations,
  ValidatingWebhookConfiguration,
} from "../api/admission_registration.ts";

/** The AdmissionReview versions the API server speaks (AcceptedAdmissionReviewVersions). */
export const ACCEPTED_ADMISSION_REVIEW_VERSIONS = ["v1", "v1beta1"] as const;

const NO_SIDE_EFFECTS = ["None", "NoneOnDryRun"];
const OPERATIONS = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"];
const SCOPES = ["*", "Cluster", "Namespaced"];

type Webhook = NonNullable<ValidatingWebhookConfiguration["webhooks"]>[number] & {
  reinvocationPolicy?: string;
};

/**
 * ValidateValidatingWebhookConfiguration for objects created or updated through v1.
 *
 * @example
 * ```ts
 * import { validateValidatingWebhookConfiguration } from "@skiff/kinds";
 *
 * validateValidatingWebhookConfiguration({ webhooks: [{ name: "short", clientConfig: { url: "https://h" }, sideEffects: "None", admissionReviewVersions: ["v1"] }] })[0].message;
 * // 'Invalid value: "short": should be a domain with at least three segments separated by dots'
 * ```
 */
export function validateValidatingWebhookConfiguration(config: ValidatingWebhookConfiguration): FieldError[] {
  return validateWebhooks(config.webhooks ?? [], false);
}

/**
 * ValidateMutatingWebhookConfiguration for objects created or updated through v1.
 *
 * @example
 * ```ts
 * import { validateMutatingWebhookConfiguration } from "@skiff/kinds";
 *
 * validateMutatingWebhookConfiguration({ webhooks: [] }); // []
 * ```
 */
export function validateMutatingWebhookConfiguration(config: MutatingWebhookConfiguration): FieldError[] {
  return validateWebhooks(config.webhooks ?? [], true);
}

function validateWebhooks(hooks: Webhook[], mutating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  hooks.forEach((hook, i) => {
    const at = FieldPath.root("webhooks").index(i);
    errors.push(...validateWebhook(hook, at, mutating));
    errors.push(
      ...validateAdmissionReviewVersions(hook.admissionReviewVersions, at.child("admissionReviewVersions")),
    );
    if (hook.name) {
      if (names.has(hook.name)) errors.push(duplicate(at.child("name"), hook.name));
      else names.add(hook.name);
    }
  });
  return errors;
}

function validateWebhook(hook: Webhook, at: FieldPath, mutating: boolean): FieldError[] {
  const errors = isFullyQualifiedName(at.child("name"), hook.name ?? "");
  (hook.rules ?? []).forEach((rule, i) => errors.push(...validateRule(rule, at.child("rules").index(i))));
  if (hook.sideEffects === undefined || hook.sideEffects === "") {
    errors.push(required(at.child("sideEffects"), `must specify one of ${NO_SIDE_EFFECTS.join(", ")}`));
  } else if (!NO_SIDE_EFFECTS.includes(hook.sideEffects)) {
    errors.push(notSupported(at.child("sideEffects"), hook.sideEffects, NO_SIDE_EFFECTS));
  }
  const timeout = hook.timeoutSeconds;
  if (timeout !== undefined && (timeout > 30 || timeout < 1)) {
    errors.push(
      invalid(at.child("timeoutSeconds"), timeout, "the timeout value must be between 1 and 30 seconds"),
    );
  }
  errors.push(...validateLabelSelector(hook.namespaceSelector, `${at.child("namespaceSelector")}`));
  errors.push(...validateLabelSelector(hook.objectSelector, `${at.child("objectSelector")}`));
  if (
    mutating && hook.reinvocationPolicy !== undefined &&
    !["IfNeeded", "Never"].includes(hook.reinvocationPolicy)
  ) {
    errors.push(notSupported(at.child("reinvocationPolicy"), hook.reinvocationPolicy, ["IfNeeded", "Never"]));
  }
  errors.push(...validateClientConfig(hook.clientConfig ?? {}, at.child("clientConfig")));
  return errors;
}

/** utilvalidation.IsFullyQualifiedName: a DNS-1123 subdomain of at least three segments. */
function isFullyQualifiedName(at: FieldPath, name: string): FieldError[] {
  if (!name) return [required(at)];
  const errs = isDNS1123Subdomain(name);
  if (errs.length) return [invalid(at, name, errs.join(","))];
  if (name.split(".").length < 3) {
    return [invalid(at, name, "should be a domain with at least three segments separated by dots")];
  }
  return [];
}

function validateAdmissionReviewVersions(versions: string[] | undefined, at: FieldPath): FieldError[] {
  const accepted = ACCEPTED_ADMISSION_REVIEW_VERSIONS.join(", ");
  if (!versions?.length) return [required(at, `must specify one of ${accepted}`)];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let hasAccepted = false;
  versions.forEach((version, i) => {
    if (seen.has(version)) {
      errors.push(invalid(at.index(i), version, "duplicate version"));
      return;
    }
    seen.add(version);
    for (const e of isDNS1035Label(version)) errors.push(invalid(at.index(i), version, e));
    if ((ACCEPTED_ADMISSION_REVIEW_VERSIONS as readonly string[]).includes(version)) hasAccepted = true;
  });
  if (!hasAccepted) errors.push(invalid(at, versions, `must include at least one of ${accepted}`));
  return errors;
}

function validateRule(rule: RuleWithOperations, at: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const ops = rule.operations ?? [];
  if (!ops.length) errors.push(required(at.child("operations")));
  if (ops.length > 1 && ops.includes("*")) {
    errors.push(invalid(at.child("operations"), ops, "if '*' is present, must not specify other operations"));
  }
  ops.forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errors.push(notSupported(at.child("operations").index(i), op, OPERATIONS));
  });
  const groups = rule.apiGroups ?? [];
  if (!groups.length) errors.push(required(at.child("apiGroups")));
  if (groups.length > 1 && groups.includes("*")) {
    errors.push(
      invalid(at.child("apiGroups"), groups, "if '*' is present, must not specify other API groups"),
    );
  }
  const versions = rule.apiVersions ?? [];
  if (!versions.length) errors.push(required(at.child("apiVersions")));
  if (versions.length > 1 && versions.includes("*")) {
    errors.push(
      invalid(at.child("apiVersions"), versions, "if '*' is present, must not specify other API versions"),
    );
  }
  versions.forEach((version, i) => {
    if (version === "") errors.push(required(at.child("apiVersions").index(i)));
  });
  errors.push(...validateResources(rule.resources ?? [], at.child("resources")));
  if (rule.scope !== undefined && !SCOPES.includes(rule.scope)) {
    errors.push(notSupported(at.child("scope"), rule.scope, SCOPES));
  }
  return errors;
}

/** validateResources: wildcards may not overlap with what they already cover. */
function validateResources(resources: string[], at: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!resources.length) errors.push(required(at));
  const wildcardSubresources = new Set<string>(); // x/*
  const wildcardResources = new Set<string>(); // */x
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSubresource = false;
  resources.forEach((resSub, i) => {
    if (resSub === "") {
      errors.push(required(at.index(i)));
      return;
    }
    if (resSub === "*/*") doubleWildcard = true;
    if (resSub === "*") singleWildcard = true;
    const slash = resSub.indexOf("/");
    if (slash < 0) {
      withoutSubresource = resSub !== "*";
      return;
    }
    const [res, sub] = [resSub.slice(0, slash), resSub.slice(slash + 1)];
    if (wildcardSubresources.has(res)) {
      errors.push(invalid(at.index(i), resSub, `if '${res}/*' is present, must not specify ${resSub}`));
    }
    if (wildcardResources.has(sub)) {
      errors.push(invalid(at.index(i), resSub, `if '*/${sub}' is present, must not specify ${resSub}`));
    }
    if (sub === "*") wildcardSubresources.add(res);
    if (res === "*") wildcardResources.add(sub);
  });
  if (resources.length > 1 && doubleWildcard) {
    errors.push(invalid(at, resources, "if '*/*' is present, must not specify other resources"));
  }
  if (singleWildcard && withoutSubresource) {
    errors.push(
      invalid(at, resources, "if '*' is present, must not specify other resources without subresources"),
    );
  }
  return errors;
}

function validateClientConfig(cc: AdmissionWebhookClientConfig, at: FieldPath): FieldError[] {
  if ((cc.url === undefined) === (cc.service === undefined)) {
    return [required(at, "exactly one of url or service is required")];
  }
  if (cc.url !== undefined) return validateWebhookURL(at.child("url"), cc.url);
  const svc = cc.service!;
  return validateWebhookService(at.child("service"), svc.namespace, svc.name, svc.path, svc.port ?? 443);
}

/** webhook.ValidateWebhookURL with forceHttps. */
function validateWebhookURL(at: FieldPath, raw: string): FieldError[] {
  const form = "; desired format: https://host[/path]";
  const u = parseURL(raw);
  const errors: FieldError[] = [];
  if (u.scheme !== "https") {
    errors.push(invalid(at, u.scheme, "'https' is the only allowed URL scheme" + form));
  }
  if (!u.host) errors.push(invalid(at, u.host, "host must be specified" + form));
  if (u.user) errors.push(invalid(at, u.user, "user information is not permitted in the URL"));
  if (u.fragment) errors.push(invalid(at, u.fragment, "fragments are not permitted in the URL"));
  if (u.query) errors.push(invalid(at, u.query, "query parameters are not permitted in the URL"));
  return errors;
}

/** The parts of a URL Go's url.Parse reports; text JS cannot parse as absolute has no scheme or host. */
function parseURL(
  raw: string,
): { scheme: string; host: string; user: string; fragment: string; query: string } {
  const hash = raw.indexOf("#");
  const fragment = hash >= 0 ? raw.slice(hash + 1) : "";
  const rest = hash >= 0 ? raw.slice(0, hash) : raw;
  const q = rest.indexOf("?");
  const query = q >= 0 ? rest.slice(q + 1) : "";
  const m = rest.match(/^([a-zA-Z][a-zA-Z0-9+.-]*):(\/\/([^/?]*))?/);
  if (!m) return { scheme: "", host: "", user: "", fragment, query };
  const authority = m[3] ?? "";
  const at = authority.lastIndexOf("@");
  return {
    scheme: m[1].toLowerCase(),
    host: at >= 0 ? authority.slice(at + 1) : authority,
    // Go's Userinfo.String() redacts nothing but prints user[:password] as given.
    user: at >= 0 ? authority.slice(0, at) : "",
    fragment,
    query,
  };
}

/** webhook.ValidateWebhookService. */
function validateWebhookService(
  at: FieldPath,
  namespace: string,
  name: string,
  path: string | undefined,
  port: number,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!name) errors.push(required(at.child("name"), "service name is required"));
  if (!namespace) errors.push(required(at.child("namespace"), "service namespace is required"));
  const portErrs = isValidPortNum(port);
  if (portErrs.length) {
    errors.push(invalid(at.child("port"), port, "port is not valid: " + portErrs.join(", ")));
  }
  if (path === undefined || path === "/" || path === "") return errors;
  if (path === "//") return [...errors, invalid(at.child("path"), path, "segment[0] may not be empty")];
  if (!path.startsWith("/")) errors.push(invalid(at.child("path"), path, "must start with a '/'"));
  let check = path.slice(1);
  if (check.endsWith("/")) check = check.slice(0, -1);
  check.split("/").forEach((step, i) => {
    if (!step) {
      errors.push(invalid(at.child("path"), path, `segment[${i}] may not be empty`));
      return;
    }
    for (const f of isDNS1123Subdomain(step)) {
      errors.push(invalid(at.child("path"), path, `segment[${i}]: ${f}`));
    }
  });
  return errors;
}
