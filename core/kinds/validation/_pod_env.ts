/**
 * Environment checks (env, envFrom, valueFrom and the downward API selectors), after ValidateEnv,
 * ValidateEnvFrom and validateEnvVarValueFrom in kubernetes/pkg/apis/core/validation/validation.go.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import type { EnvFromSource, EnvVar } from "../api/container.ts";
import type { ObjectFieldSelector, ResourceFieldSelector } from "../api/selectors.ts";
import { invalid, notSupported, required } from "../../schema/field_error.ts";
import type { FieldPath } from "../../schema/field_path.ts";
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from "../../schema/names.ts";
import { isConfigMapKey, isRelaxedEnvVarName } from "../../schema/value_checks.ts";
import { formatQuantity, parseQuantity } from "../quantity.ts";

const ENV_DOWNWARD_API_FIELD_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
];
// Every field label the v1 downward API converts (pods.ConvertDownwardAPIFieldLabel); which of them a
// given place accepts is a separate, narrower list.
const CONVERTIBLE_FIELD_LABELS = new Set([
  "metadata.annotations",
  "metadata.labels",
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.restartPolicy",
  "spec.serviceAccountName",
  "spec.schedulerName",
  "status.phase",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
]);
const CONTAINER_RESOURCE_FIELD_PATHS = [
  "limits.cpu",
  "limits.ephemeral-storage",
  "limits.memory",
  "requests.cpu",
  "requests.ephemeral-storage",
  "requests.memory",
];
const BYTE_DIVISORS = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];

/** ValidateEnv: names (printable ASCII but "=") and at most one source of each value. */
export function validateEnv(vars: EnvVar[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  vars.forEach((env, i) => {
    const idxPath = path.index(i);
    if (!env.name) errors.push(required(idxPath.child("name")));
    else {errors.push(
        ...isRelaxedEnvVarName(env.name).map((m) => invalid(idxPath.child("name"), env.name, m)),
      );}
    errors.push(...validateValueFrom(env, idxPath.child("valueFrom")));
  });
  return errors;
}

function validateValueFrom(env: EnvVar, path: FieldPath): FieldError[] {
  const from = env.valueFrom;
  if (!from) return [];
  const errors: FieldError[] = [];
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    errors.push(
      ...validateObjectFieldSelector(from.fieldRef, ENV_DOWNWARD_API_FIELD_PATHS, path.child("fieldRef")),
    );
  }
  if (from.resourceFieldRef) {
    sources++;
    errors.push(
      ...validateResourceFieldSelector(from.resourceFieldRef, path.child("resourceFieldRef"), false),
    );
  }
  for (const kind of ["configMapKeyRef", "secretKeyRef"] as const) {
    const ref = from[kind];
    if (!ref) continue;
    sources++;
    const refPath = path.child(kind);
    // Kubernetes checks both kinds of name with ValidateSecretName, i.e. as a DNS subdomain.
    errors.push(
      ...nameIsDNSSubdomain(ref.name ?? "", false).map((m) =>
        invalid(refPath.child("name"), ref.name ?? "", m)
      ),
    );
    if (!ref.key) errors.push(required(refPath.child("key")));
    else errors.push(...isConfigMapKey(ref.key).map((m) => invalid(refPath.child("key"), ref.key, m)));
  }
  if (sources === 0) {
    errors.push(
      invalid(
        path,
        "",
        "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
      ),
    );
  } else if (env.value) {
    errors.push(invalid(path, "", "may not be specified when `value` is not empty"));
  } else if (sources > 1) {
    errors.push(invalid(path, "", "may not have more than one field specified at a time"));
  }
  return errors;
}

/** ValidateEnvFrom: a valid prefix and exactly one of configMapRef and secretRef. */
export function validateEnvFrom(sources: EnvFromSource[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  sources.forEach((source, i) => {
    const idxPath = path.index(i);
    if (source.prefix) {
      errors.push(
        ...isRelaxedEnvVarName(source.prefix).map((m) => invalid(idxPath.child("prefix"), source.prefix, m)),
      );
    }
    let count = 0;
    for (const kind of ["configMapRef", "secretRef"] as const) {
      const ref = source[kind];
      if (!ref) continue;
      count++;
      const namePath = idxPath.child(kind, "name");
      if (!ref.name) errors.push(required(namePath));
      else errors.push(...nameIsDNSSubdomain(ref.name, true).map((m) => invalid(namePath, ref.name, m)));
    }
    // Reported against the list itself, not the entry, as Kubernetes does.
    if (count === 0) errors.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (count > 1) {
      errors.push(invalid(path, "", "may not have more than one field specified at a time"));
    }
  });
  return errors;
}

/** validateObjectFieldSelector: a v1 field label, one of `allowed` or a subscripted label/annotation. */
export function validateObjectFieldSelector(
  selector: ObjectFieldSelector,
  allowed: readonly string[],
  path: FieldPath,
): FieldError[] {
  if (!selector.fieldPath) return [required(path.child("fieldPath"))];
  // An unset apiVersion is "v1" after defaulting.
  const converted = convertFieldLabel(selector.apiVersion || "v1", selector.fieldPath);
  if (typeof converted !== "string") {
    return [
      invalid(path.child("fieldPath"), selector.fieldPath, `error converting fieldPath: ${converted.error}`),
    ];
  }
  const subscripted = splitSubscript(converted);
  if (subscripted) {
    const [base, subscript] = subscripted;
    if (base === "metadata.annotations") {
      return isQualifiedName(subscript.toLowerCase()).map((m) => invalid(path, subscript.toLowerCase(), m));
    }
    if (base === "metadata.labels") return isQualifiedName(subscript).map((m) => invalid(path, subscript, m));
    return [invalid(path, base, "does not support subscript")];
  }
  if (!allowed.includes(converted)) return [notSupported(path.child("fieldPath"), converted, allowed)];
  return [];
}

function convertFieldLabel(version: string, label: string): string | { error: string } {
  if (version !== "v1") return { error: `unsupported pod version: ${version}` };
  const subscripted = splitSubscript(label);
  if (subscripted) {
    return ["metadata.annotations", "metadata.labels"].includes(subscripted[0])
      ? label
      : { error: `field label does not support subscript: ${label}` };
  }
  if (CONVERTIBLE_FIELD_LABELS.has(label)) return label;
  // Old v1 clients send spec.host.
  if (label === "spec.host") return "spec.nodeName";
  return { error: `field label not supported: ${label}` };
}

// fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['app']" → ["metadata.labels", "app"].
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const open = fieldPath.indexOf("['");
  if (open < 0) return undefined;
  return [fieldPath.slice(0, open), fieldPath.slice(open + 2, -2)];
}

/** validateContainerResourceFieldSelector: a resource such as limits.cpu, and a divisor that fits it. */
export function validateResourceFieldSelector(
  selector: ResourceFieldSelector,
  path: FieldPath,
  inVolume: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const resource = selector.resource ?? "";
  if (inVolume && !selector.containerName) {
    errors.push(required(path.child("containerName")));
  } else if (!resource) {
    errors.push(required(path.child("resource")));
  } else if (
    !CONTAINER_RESOURCE_FIELD_PATHS.includes(resource) &&
    !resource.startsWith("requests.hugepages-") && !resource.startsWith("limits.hugepages-")
  ) {
    errors.push(notSupported(path.child("resource"), resource, CONTAINER_RESOURCE_FIELD_PATHS));
  }
  errors.push(...validateDivisor(resource, selector.divisor, path));
  return errors;
}

function validateDivisor(
  resource: string,
  divisor: string | number | undefined,
  path: FieldPath,
): FieldError[] {
  if (divisor === undefined) return [];
  let text: string;
  try {
    const q = parseQuantity(divisor);
    if (q.nanos === 0n) return [];
    text = formatQuantity(q);
  } catch {
    return []; // not a quantity at all: the schema's pattern reports it
  }
  const divisorPath = path.child("divisor");
  if (resource === "limits.cpu" || resource === "requests.cpu") {
    return ["1m", "1"].includes(text) ? [] : [
      invalid(divisorPath, resource, "only divisor's values 1m and 1 are supported with the cpu resource"),
    ];
  }
  const kind = resource.endsWith(".memory")
    ? "the memory resource"
    : resource.endsWith(".ephemeral-storage")
    ? "the local ephemeral storage resource"
    : /^(requests|limits)\.hugepages-/.test(resource)
    ? "the hugepages resource"
    : undefined;
  if (!kind || BYTE_DIVISORS.includes(text)) return [];
  return [
    invalid(
      divisorPath,
      resource,
      `only divisor's values ${BYTE_DIVISORS.join(", ")} are supported with ${kind}`,
    ),
  ];
}

/** The DNS-subdomain check the API uses for names of referenced objects (secrets, nodes, accounts). */
export function subdomainErrors(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(path, value, m));
}
