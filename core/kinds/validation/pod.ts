/**
 * Pod validation beyond the schema: what kube-apiserver checks on create and update
 * (ValidatePodCreate, ValidatePodSpec and ValidatePodUpdate in
 * kubernetes/pkg/apis/core/validation/validation.go), with Kubernetes' field paths and messages.
 *
 * Kubernetes validates pods after defaulting, so its "Required value" errors for defaulted fields
 * (restartPolicy, imagePullPolicy, terminationGracePeriodSeconds, a probe's successThreshold, ...) never
 * reach a user. Here an unset defaulted field is read as its default instead, so the result is the
 * same whether or not `defaultPod` ran; the one exception is a volume without a source, which
 * defaulting turns into an emptyDir and validation alone reports as "must specify a volume type".
 * Store what `defaultPod` returns, so the stored pod shows the defaults as Kubernetes' would.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import type { Pod, PodSpec } from "../api/pod.ts";
import type { Toleration } from "../api/scheduling.ts";
import { forbidden, invalid, required } from "../../schema/field_error.ts";
import { FieldPath } from "../../schema/field_path.ts";
import { nameIsDNSSubdomain } from "../../schema/names.ts";
import { inclusiveRangeError } from "../../schema/value_checks.ts";
import { validateVolumes } from "./_pod_volumes.ts";
import {
  imageWhitespace,
  validateContainers,
  validateEphemeralContainers,
  validateInitContainers,
} from "./_pod_containers.ts";
import { validateSpecFields, validateTolerations } from "./_pod_spec.ts";
import { semanticDiff } from "./_semantic_diff.ts";

/** Options for validating a pod spec that may not belong to a Pod. */
export interface PodSpecValidationOptions {
  /**
   * Whether the spec is a Pod's own (true) or a template's inside a Deployment, Job, ... (false). Some
   * rules only hold for real pods: with hostNetwork a template may leave hostPort 0 for defaulting.
   */
  isPod?: boolean;
}

const METADATA = FieldPath.root("metadata");
const SPEC = FieldPath.root("spec");

/**
 * Validates a pod for creation: its name, its spec, and the create-only rules (no ephemeral
 * containers, no nodeName while scheduling gates remain).
 *
 * @example
 * ```ts
 * import { defaultPod, validatePod } from "@skiff/kinds";
 *
 * const errors = validatePod(defaultPod({ metadata: { name: "web" }, spec: { containers: [] } }));
 * // [{ reason: "FieldValueRequired", field: "spec.containers", message: "Required value" }]
 * ```
 */
export function validatePod(pod: Pod): FieldError[] {
  const errors = validatePodMetadataAndSpec(pod);
  const spec = pod.spec;
  if (spec?.ephemeralContainers?.length) {
    errors.push(forbidden(SPEC.child("ephemeralContainers"), "cannot be set on create"));
  }
  if (spec?.nodeName && spec.schedulingGates?.length) {
    errors.push(
      forbidden(SPEC.child("nodeName"), "cannot be set until all schedulingGates have been cleared"),
    );
  }
  return errors;
}

/**
 * Validates a pod spec wherever it lives (a Pod, or a workload's pod template). `path` is where the
 * spec sits ("spec", "spec.template.spec").
 *
 * @example
 * ```ts
 * import { validatePodSpec } from "@skiff/kinds";
 *
 * validatePodSpec({ containers: [{ name: "web" }] }, "spec.template.spec", { isPod: false });
 * ```
 */
export function validatePodSpec(
  spec: PodSpec,
  path: string,
  options: PodSpecValidationOptions = {},
): FieldError[] {
  const specPath = FieldPath.root(path);
  const errors: FieldError[] = [];
  const { errors: volumeErrors, names } = validateVolumes(spec.volumes ?? [], specPath.child("volumes"));
  errors.push(...volumeErrors);
  const volumes = new Map((spec.volumes ?? []).filter((v) => names.has(v.name)).map((v) => [v.name, v]));
  const ctx = { volumes, gracePeriod: spec.terminationGracePeriodSeconds ?? 30 };
  const containers = spec.containers ?? [];
  const init = spec.initContainers ?? [];
  errors.push(...validateContainers(containers, ctx, specPath.child("containers")));
  errors.push(...validateInitContainers(init, containers, ctx, specPath.child("initContainers")));
  errors.push(
    ...validateEphemeralContainers(
      spec.ephemeralContainers ?? [],
      containers,
      init,
      ctx,
      specPath.child("ephemeralContainers"),
    ),
  );
  if (spec.hostNetwork) {
    containers.forEach((container, i) => {
      container.ports?.forEach((port, j) => {
        const hostPort = port.hostPort ?? 0;
        if ((options.isPod || hostPort !== 0) && hostPort !== port.containerPort) {
          const portPath = specPath.child("containers").index(i).child("ports").index(j).child("hostPort");
          errors.push(invalid(portPath, hostPort, "must match `containerPort` when `hostNetwork` is true"));
        }
      });
    });
  }
  errors.push(...validateSpecFields(spec, specPath));
  return errors;
}

function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const errors = validateName(pod.metadata ?? {});
  const spec = pod.spec ?? ({ containers: [] } as PodSpec);
  errors.push(...validatePodSpec(spec, "spec", { isPod: true }));
  // A projected token is the pod's service account's, so there must be one. (The ServiceAccount
  // admission step normally fills serviceAccountName with "default" before this runs.)
  if (!spec.serviceAccountName) {
    spec.volumes?.forEach((volume, i) => {
      volume.projected?.sources?.forEach((source, j) => {
        if (source.serviceAccountToken) {
          const tokenPath = SPEC.child("volumes").index(i).child("projected", "sources").index(j).child(
            "serviceAccountToken",
          );
          errors.push(forbidden(tokenPath, "must not be specified when serviceAccountName is not set"));
        }
      });
    });
  }
  (spec.containers ?? []).forEach((c, i) =>
    errors.push(...imageWhitespace(c, SPEC.child("containers").index(i)))
  );
  (spec.initContainers ?? []).forEach((c, i) =>
    errors.push(...imageWhitespace(c, SPEC.child("initContainers").index(i)))
  );
  return errors;
}

// ValidateObjectMeta's name part, with pods' rule (a DNS subdomain). The rest of ObjectMeta (labels,
// annotations, finalizers, immutable fields on update) is the same for every kind and not checked here.
function validateName(meta: NonNullable<Pod["metadata"]>): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.generateName) {
    errors.push(
      ...nameIsDNSSubdomain(meta.generateName, true).map((m) =>
        invalid(METADATA.child("generateName"), meta.generateName, m)
      ),
    );
  }
  if (!meta.name) errors.push(required(METADATA.child("name"), "name or generateName is required"));
  else {errors.push(
      ...nameIsDNSSubdomain(meta.name, false).map((m) => invalid(METADATA.child("name"), meta.name, m)),
    );}
  return errors;
}

/** The fields a pod update may change, in the words of Kubernetes' error. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

/**
 * Validates a pod update: the new pod must be valid, and its spec may differ from the old one only in
 * container images, a lower activeDeadlineSeconds, added tolerations, removed scheduling gates and a
 * negative grace period raised to 1. Anything else is "Forbidden: pod updates may not change fields
 * other than ...", followed by the changed paths (Kubernetes prints a Go diff there instead).
 *
 * @example
 * ```ts
 * import { defaultPod, validatePodUpdate } from "@skiff/kinds";
 *
 * const old = defaultPod({ metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx:1.26" }] } });
 * const next = structuredClone(old);
 * next.spec!.containers[0].image = "nginx:1.27";
 * validatePodUpdate(next, old); // []
 * ```
 */
export function validatePodUpdate(newPod: Pod, oldPod: Pod): FieldError[] {
  const errors = validatePodMetadataAndSpec(newPod);
  const next = newPod.spec ?? ({ containers: [] } as PodSpec);
  const old = oldPod.spec ?? ({ containers: [] } as PodSpec);

  for (const list of ["containers", "initContainers"] as const) {
    const newList = next[list] ?? [];
    const oldList = old[list] ?? [];
    const listPath = SPEC.child(list);
    if (newList.length !== oldList.length) {
      errors.push(forbidden(listPath, "pod updates may not add or remove containers"));
      return errors;
    }
    newList.forEach((container, i) => {
      if (!container.image) errors.push(required(listPath.index(i).child("image")));
      errors.push(...imageWhitespace(container, listPath.index(i)));
    });
  }

  const deadlinePath = SPEC.child("activeDeadlineSeconds");
  if (next.activeDeadlineSeconds !== undefined) {
    const value = next.activeDeadlineSeconds;
    if (value < 0 || value > 2147483647) {
      errors.push(invalid(deadlinePath, value, inclusiveRangeError(0, 2147483647)));
      return errors;
    }
    if (old.activeDeadlineSeconds !== undefined && old.activeDeadlineSeconds < value) {
      errors.push(invalid(deadlinePath, value, "must be less than or equal to previous value"));
      return errors;
    }
  } else if (old.activeDeadlineSeconds !== undefined) {
    errors.push(invalid(deadlinePath, null, "must not update from a positive integer to nil value"));
  }

  errors.push(...onlyAddedTolerations(next.tolerations ?? [], old.tolerations ?? []));
  errors.push(...onlyDeletedSchedulingGates(next, old));

  // Put back everything an update may change, then compare what is left.
  const munged: PodSpec = structuredClone(next);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: old.containers[i].image }));
  if (munged.initContainers) {
    munged.initContainers = munged.initContainers.map((c, i) => ({
      ...c,
      image: old.initContainers![i].image,
    }));
  }
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.schedulingGates = old.schedulingGates;
  munged.tolerations = old.tolerations;
  if ((old.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  }
  const diff = semanticDiff(old, munged, "spec");
  if (diff.length) {
    const message = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${
      diff.join("\n")
    }`;
    errors.push(forbidden(SPEC, message));
  }
  return errors;
}

// An existing toleration may only change its tolerationSeconds; new ones may be added.
function onlyAddedTolerations(next: Toleration[], old: Toleration[]): FieldError[] {
  const path = SPEC.child("tolerations");
  for (const existing of old) {
    const found = next.some((t) =>
      semanticDiff({ ...existing, tolerationSeconds: t.tolerationSeconds }, t, "").length === 0
    );
    if (!found) {
      return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
    }
  }
  return validateTolerations(next, path);
}

function onlyDeletedSchedulingGates(next: PodSpec, old: PodSpec): FieldError[] {
  const oldNames = new Set((old.schedulingGates ?? []).map((g) => g.name));
  const errors: FieldError[] = [];
  (next.schedulingGates ?? []).forEach((gate, i) => {
    if (!oldNames.has(gate.name)) {
      errors.push(forbidden(
        SPEC.child("schedulingGates").index(i).child("name"),
        `only deletion is allowed, but found new scheduling gate '${gate.name}'`,
      ));
    }
  });
  return errors;
}
