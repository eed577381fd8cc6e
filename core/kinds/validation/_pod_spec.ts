/**
 * Pod-spec-level checks that are not about containers or volumes (restart and DNS policy, tolerations,
 * DNS config, gates, names of referenced objects), after ValidatePodSpec in
 * kubernetes/pkg/apis/core/validation/validation.go.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import { validateLabels } from "../../schema/metadata.ts";
import type { PodDNSConfig, PodSpec } from "../api/pod.ts";
import type { Toleration } from "../api/scheduling.ts";
import { duplicate, invalid, notSupported, required } from "../../schema/field_error.ts";
import type { FieldPath } from "../../schema/field_path.ts";
import {
  isDNS1123Label,
  isDNS1123SubdomainWithUnderscore,
  isQualifiedName,
  isValidLabelValue,
} from "../../schema/names.ts";
import { inclusiveRangeError } from "../../schema/value_checks.ts";
import { subdomainErrors } from "./_pod_env.ts";
import { validateResourceRequirements } from "./_pod_resources.ts";

const MAX_INT32 = 2147483647;

/** The checks of ValidatePodSpec that look at one field (or two) of the spec itself. */
export function validateSpecFields(spec: PodSpec, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  errors.push(...validateRestartPolicy(spec.restartPolicy, path.child("restartPolicy")));
  errors.push(...validateDNSPolicy(spec.dnsPolicy, path.child("dnsPolicy")));
  errors.push(...validateLabels(spec.nodeSelector, String(path.child("nodeSelector"))));
  errors.push(...validateDNSConfig(spec.dnsConfig, spec.dnsPolicy, path.child("dnsConfig")));
  spec.readinessGates?.forEach((gate, i) => {
    const gatePath = path.child("readinessGates").index(i).child("conditionType");
    errors.push(...isQualifiedName(gate.conditionType).map((m) => invalid(gatePath, gate.conditionType, m)));
  });
  const gates = new Set<string>();
  spec.schedulingGates?.forEach((gate, i) => {
    const gatePath = path.child("schedulingGates").index(i);
    errors.push(...isQualifiedName(gate.name).map((m) => invalid(gatePath, gate.name, m)));
    if (gates.has(gate.name)) errors.push(duplicate(gatePath, gate.name));
    gates.add(gate.name);
  });
  if (spec.serviceAccountName) {
    errors.push(...subdomainErrors(spec.serviceAccountName, path.child("serviceAccountName")));
  }
  if (spec.nodeName) errors.push(...subdomainErrors(spec.nodeName, path.child("nodeName")));
  if (spec.activeDeadlineSeconds !== undefined) {
    const value = spec.activeDeadlineSeconds;
    if (value < 1 || value > MAX_INT32) {
      errors.push(invalid(path.child("activeDeadlineSeconds"), value, inclusiveRangeError(1, MAX_INT32)));
    }
  }
  for (const field of ["hostname", "subdomain"] as const) {
    const value = spec[field];
    if (value) errors.push(...isDNS1123Label(value).map((m) => invalid(path.child(field), value, m)));
  }
  if (spec.tolerations?.length) {
    errors.push(...validateTolerations(spec.tolerations, path.child("tolerations")));
  }
  spec.hostAliases?.forEach((alias, i) => {
    alias.hostnames?.forEach((hostname, j) => {
      errors.push(
        ...subdomainErrors(hostname, path.child("hostAliases").index(i).child("hostnames").index(j)),
      );
    });
  });
  if (spec.priorityClassName) {
    errors.push(...subdomainErrors(spec.priorityClassName, path.child("priorityClassName")));
  }
  if (spec.runtimeClassName !== undefined) {
    errors.push(...subdomainErrors(spec.runtimeClassName, path.child("runtimeClassName")));
  }
  if (spec.preemptionPolicy !== undefined) {
    const policy = spec.preemptionPolicy;
    const valid = ["PreemptLowerPriority", "Never"];
    if (!policy) errors.push(required(path.child("preemptionPolicy")));
    else if (!valid.includes(policy)) {
      errors.push(notSupported(path.child("preemptionPolicy"), policy, valid));
    }
  }
  // Overhead is checked as the limits of a container would be.
  if (spec.overhead) {
    errors.push(...validateResourceRequirements({ limits: spec.overhead }, path.child("overhead")));
  }
  return errors;
}

// An unset policy is read as its default (Always, ClusterFirst), as defaulting would set it.
function validateRestartPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  const valid = ["Always", "OnFailure", "Never"];
  return !policy || valid.includes(policy) ? [] : [notSupported(path, policy, valid)];
}

function validateDNSPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  const valid = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
  return !policy || valid.includes(policy) ? [] : [notSupported(path, policy, valid)];
}

function validateDNSConfig(
  config: PodDNSConfig | undefined,
  policy: string | undefined,
  path: FieldPath,
): FieldError[] {
  if (policy === "None") {
    if (!config) return [required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
    if (!config.nameservers?.length) {
      return [
        required(
          path.child("nameservers"),
          "must provide at least one DNS nameserver when `dnsPolicy` is None",
        ),
      ];
    }
  }
  if (!config) return [];
  const errors: FieldError[] = [];
  const nameservers = config.nameservers ?? [];
  if (nameservers.length > 3) {
    errors.push(invalid(path.child("nameservers"), nameservers, "must not have more than 3 nameservers"));
  }
  const searches = config.searches ?? [];
  if (searches.length > 32) {
    errors.push(invalid(path.child("searches"), searches, "must not have more than 32 search paths"));
  }
  if (searches.join(" ").length > 2048) {
    errors.push(
      invalid(
        path.child("searches"),
        searches,
        "must not have more than 2048 characters (including spaces) in the search list",
      ),
    );
  }
  // Relaxed search validation (GA in 1.34): "." alone is allowed and labels may carry "_".
  searches.forEach((search, i) => {
    if (search === ".") return;
    const trimmed = search.endsWith(".") ? search.slice(0, -1) : search;
    errors.push(
      ...isDNS1123SubdomainWithUnderscore(trimmed).map((m) =>
        invalid(path.child("searches").index(i), trimmed, m)
      ),
    );
  });
  config.options?.forEach((option, i) => {
    if (!option.name) errors.push(required(path.child("options").index(i), "must not be empty"));
  });
  return errors;
}

/** ValidateTolerations: label-name keys, Exists without a value, NoExecute with tolerationSeconds. */
export function validateTolerations(tolerations: Toleration[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  tolerations.forEach((toleration, i) => {
    const idxPath = path.index(i);
    const key = toleration.key ?? "";
    const operator = toleration.operator ?? "";
    const value = toleration.value ?? "";
    const effect = toleration.effect ?? "";
    if (key) errors.push(...isQualifiedName(key).map((m) => invalid(idxPath.child("key"), key, m)));
    if (!key && operator !== "Exists") {
      errors.push(
        invalid(
          idxPath.child("operator"),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (toleration.tolerationSeconds !== undefined && effect !== "NoExecute") {
      errors.push(
        invalid(
          idxPath.child("effect"),
          effect,
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    if (operator === "Equal" || operator === "") {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errors.push(invalid(idxPath.child("operator"), value, msgs.join(";")));
    } else if (operator === "Exists") {
      if (value) {
        errors.push(
          invalid(idxPath.child("operator"), value, "value must be empty when `operator` is 'Exists'"),
        );
      }
    } else {
      errors.push(notSupported(idxPath.child("operator"), operator, ["Equal", "Exists"]));
    }
    if (effect && !["NoSchedule", "PreferNoSchedule", "NoExecute"].includes(effect)) {
      errors.push(
        notSupported(idxPath.child("effect"), effect, ["NoSchedule", "PreferNoSchedule", "NoExecute"]),
      );
    }
  });
  return errors;
}
