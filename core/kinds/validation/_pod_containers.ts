/**
 * Container checks for regular, init and ephemeral containers, after validateContainers,
 * validateInitContainers, validateEphemeralContainers and validateContainerCommon in
 * kubernetes/pkg/apis/core/validation/validation.go.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import type {
  Container,
  ContainerPort,
  EphemeralContainer,
  VolumeDevice,
  VolumeMount,
} from "../api/container.ts";
import type { Volume } from "../api/volume.ts";
import { duplicate, forbidden, invalid, notFound, notSupported, required } from "../../schema/field_error.ts";
import type { FieldPath } from "../../schema/field_path.ts";
import { isDNS1123Label } from "../../schema/names.ts";
import { isValidPortName, isValidPortNum } from "../../schema/value_checks.ts";
import { validateEnv, validateEnvFrom } from "./_pod_env.ts";
import { localDescendingPath, noBacksteps } from "./_pod_volumes.ts";
import { validateLifecycle, validateProbe } from "./_pod_probes.ts";
import { validateResourceRequirements } from "./_pod_resources.ts";

/** What every container check needs to know about the rest of the pod. */
export interface ContainerContext {
  /** The pod's valid volumes by name; mounts and devices must refer to one. */
  volumes: Map<string, Volume>;
  /** spec.terminationGracePeriodSeconds, which bounds sleep handlers. */
  gracePeriod: number | undefined;
}

/** validateContainers: at least one, unique names, probes and lifecycle, no restartPolicy. */
export function validateContainers(
  containers: Container[],
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const idxPath = path.index(i);
    errors.push(...validateContainerCommon(container, ctx, idxPath));
    if (names.has(container.name)) errors.push(duplicate(idxPath.child("name"), container.name));
    else names.add(container.name);
    errors.push(...validateProbesAndLifecycle(container, ctx, idxPath));
    if (container.restartPolicy !== undefined) {
      errors.push(forbidden(idxPath.child("restartPolicy"), "may not be set for non-init containers"));
    }
  });
  errors.push(...hostPortConflicts(containers, path));
  return errors;
}

/** validateInitContainers: names unique with the regular ones; probes only for sidecars (restartPolicy Always). */
export function validateInitContainers(
  containers: Container[],
  regular: Container[],
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set(regular.map((c) => c.name));
  containers.forEach((container, i) => {
    const idxPath = path.index(i);
    errors.push(...validateContainerCommon(container, ctx, idxPath));
    let sidecar = false;
    if (container.restartPolicy !== undefined) {
      if (container.restartPolicy !== "Always") {
        errors.push(notSupported(idxPath.child("restartPolicy"), container.restartPolicy, ["Always"]));
      }
      sidecar = container.restartPolicy === "Always";
    }
    if (names.has(container.name)) errors.push(duplicate(idxPath.child("name"), container.name));
    else if (container.name) names.add(container.name);
    // Init containers run one at a time, so their host ports only conflict within one container.
    errors.push(...hostPortConflicts([container], path));
    if (sidecar) {
      errors.push(...validateProbesAndLifecycle(container, ctx, idxPath));
    } else {
      for (const field of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] as const) {
        if (container[field] !== undefined) {
          errors.push(
            forbidden(
              idxPath.child(field),
              "may not be set for init containers without restartPolicy=Always",
            ),
          );
        }
      }
    }
  });
  return errors;
}

// Fields of an ephemeral container Kubernetes rejects when set (allowedEphemeralContainerFields is an
// allow-list; these are the fields it leaves out), in Container's field order.
const EPHEMERAL_FORBIDDEN = [
  "ports",
  "resources",
  "resizePolicy",
  "restartPolicy",
  "restartPolicyRules",
  "livenessProbe",
  "readinessProbe",
  "startupProbe",
  "lifecycle",
] as const;

/** validateEphemeralContainers: names unique across all containers, a real target, no pod-service fields. */
export function validateEphemeralContainers(
  containers: EphemeralContainer[],
  regular: Container[],
  init: Container[],
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const others = new Set([...regular, ...init].map((c) => c.name));
  const names = new Set(others);
  containers.forEach((container, i) => {
    const idxPath = path.index(i);
    errors.push(...validateContainerCommon(container, ctx, idxPath));
    errors.push(...imageWhitespace(container, idxPath));
    if (names.has(container.name)) errors.push(duplicate(idxPath.child("name"), container.name));
    else names.add(container.name);
    if (container.targetContainerName && !others.has(container.targetContainerName)) {
      errors.push(notFound(idxPath.child("targetContainerName"), container.targetContainerName));
    }
    for (const field of EPHEMERAL_FORBIDDEN) {
      if (isSet(container[field])) {
        errors.push(forbidden(idxPath.child(field), "cannot be set for an Ephemeral Container"));
      }
    }
    container.volumeMounts?.forEach((mount, j) => {
      for (const field of ["subPath", "subPathExpr"] as const) {
        if (mount[field]) {
          errors.push(
            forbidden(
              idxPath.child("volumeMounts").index(j).child(field),
              "cannot be set for an Ephemeral Container",
            ),
          );
        }
      }
    });
  });
  return errors;
}

/** validateContainerOnlyForPod: no whitespace around the image (pods only, not templates). */
export function imageWhitespace(container: Container | EphemeralContainer, path: FieldPath): FieldError[] {
  const image = container.image ?? "";
  return image.trim() === image
    ? []
    : [invalid(path.child("image"), image, "must not have leading or trailing whitespace")];
}

function validateContainerCommon(
  container: Container | EphemeralContainer,
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const namePath = path.child("name");
  if (!container.name) errors.push(required(namePath));
  else errors.push(...isDNS1123Label(container.name).map((m) => invalid(namePath, container.name, m)));
  if (!container.image) errors.push(required(path.child("image")));

  // Unset fields that defaulting fills are read as their default (see the note in pod.ts).
  const policy = container.terminationMessagePolicy || "File";
  if (policy !== "File" && policy !== "FallbackToLogsOnError") {
    errors.push(
      notSupported(path.child("terminationMessagePolicy"), policy, ["File", "FallbackToLogsOnError"]),
    );
  }

  const mounts = container.volumeMounts ?? [];
  const devices = container.volumeDevices ?? [];
  errors.push(...validatePorts(container.ports ?? [], path.child("ports")));
  errors.push(...validateEnv(container.env ?? [], path.child("env")));
  errors.push(...validateEnvFrom(container.envFrom ?? [], path.child("envFrom")));
  errors.push(...validateVolumeMounts(mounts, devices, container, ctx.volumes, path.child("volumeMounts")));
  errors.push(...validateVolumeDevices(devices, mounts, ctx.volumes, path.child("volumeDevices")));

  const pull = container.imagePullPolicy;
  if (pull && !["Always", "IfNotPresent", "Never"].includes(pull)) {
    errors.push(notSupported(path.child("imagePullPolicy"), pull, ["Always", "IfNotPresent", "Never"]));
  }
  if (container.resources) {
    errors.push(...validateResourceRequirements(container.resources, path.child("resources")));
  }
  return errors;
}

function validateProbesAndLifecycle(
  container: Container,
  ctx: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  if (container.lifecycle) {
    errors.push(...validateLifecycle(container.lifecycle, ctx.gracePeriod, path.child("lifecycle")));
  }
  for (const kind of ["livenessProbe", "readinessProbe", "startupProbe"] as const) {
    const probe = container[kind];
    if (!probe) continue;
    const probePath = path.child(kind);
    errors.push(...validateProbe(probe, ctx.gracePeriod, probePath));
    if (kind === "readinessProbe") {
      if (probe.terminationGracePeriodSeconds !== undefined) {
        errors.push(
          invalid(
            probePath.child("terminationGracePeriodSeconds"),
            probe.terminationGracePeriodSeconds,
            "must not be set for readinessProbes",
          ),
        );
      }
    } else if ((probe.successThreshold || 1) !== 1) {
      errors.push(invalid(probePath.child("successThreshold"), probe.successThreshold, "must be 1"));
    }
  }
  return errors;
}

function validatePorts(ports: ContainerPort[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const idxPath = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errors.push(...msgs.map((m) => invalid(idxPath.child("name"), port.name, m)));
      else if (names.has(port.name)) errors.push(duplicate(idxPath.child("name"), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errors.push(required(idxPath.child("containerPort")));
    else {errors.push(
        ...isValidPortNum(port.containerPort).map((m) =>
          invalid(idxPath.child("containerPort"), port.containerPort, m)
        ),
      );}
    if (port.hostPort) {
      errors.push(
        ...isValidPortNum(port.hostPort).map((m) => invalid(idxPath.child("hostPort"), port.hostPort, m)),
      );
    }
    if (port.protocol && !["SCTP", "TCP", "UDP"].includes(port.protocol)) {
      errors.push(notSupported(idxPath.child("protocol"), port.protocol, ["SCTP", "TCP", "UDP"]));
    }
  });
  return errors;
}

/** AccumulateUniqueHostPorts: one protocol/hostIP/hostPort triple per pod (per init container). */
export function hostPortConflicts(containers: Container[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((container, ci) => {
    container.ports?.forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ""}/${port.hostIP ?? ""}/${port.hostPort}`;
      if (seen.has(key)) {
        errors.push(duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
      } else seen.add(key);
    });
  });
  return errors;
}

function validateVolumeMounts(
  mounts: VolumeMount[],
  devices: VolumeDevice[],
  container: Container | EphemeralContainer,
  volumes: Map<string, Volume>,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const mountPaths = new Set<string>();
  mounts.forEach((mount, i) => {
    const idxPath = path.index(i);
    if (!mount.name) errors.push(required(idxPath.child("name")));
    if (!volumes.has(mount.name)) errors.push(notFound(idxPath.child("name"), mount.name));
    if (!mount.mountPath) errors.push(required(idxPath.child("mountPath")));
    if (mountPaths.has(mount.mountPath)) {
      errors.push(invalid(idxPath.child("mountPath"), mount.mountPath, "must be unique"));
    }
    mountPaths.add(mount.mountPath);
    if (devices.some((d) => d.name === mount.name)) {
      errors.push(invalid(idxPath.child("name"), mount.name, "must not already exist in volumeDevices"));
    }
    if (devices.some((d) => d.devicePath === mount.mountPath)) {
      errors.push(
        invalid(
          idxPath.child("mountPath"),
          mount.mountPath,
          "must not already exist as a path in volumeDevices",
        ),
      );
    }
    if (volumes.get(mount.name)?.image) {
      for (const field of ["subPath", "subPathExpr"] as const) {
        if (mount[field]) {
          errors.push(invalid(idxPath.child(field), mount[field], "not allowed in image volume sources"));
        }
      }
    }
    // Kubernetes reports the two path checks below against the list, not the entry; kept.
    if (mount.subPath) errors.push(...localDescendingPath(mount.subPath, path.child("subPath")));
    if (mount.subPathExpr) {
      if (mount.subPath) {
        errors.push(
          invalid(
            idxPath.child("subPathExpr"),
            mount.subPathExpr,
            "subPathExpr and subPath are mutually exclusive",
          ),
        );
      }
      errors.push(...localDescendingPath(mount.subPathExpr, path.child("subPathExpr")));
    }
    if (mount.mountPropagation !== undefined) {
      errors.push(
        ...validateMountPropagation(mount.mountPropagation, container, path.child("mountPropagation")),
      );
    }
    errors.push(...validateRecursiveReadOnly(mount, path.child("recursiveReadOnly")));
  });
  return errors;
}

function validateMountPropagation(
  mode: string,
  container: Container | EphemeralContainer,
  path: FieldPath,
): FieldError[] {
  const supported = ["Bidirectional", "HostToContainer", "None"];
  const errors: FieldError[] = [];
  if (!supported.includes(mode)) errors.push(notSupported(path, mode, supported));
  if (mode === "Bidirectional" && container.securityContext?.privileged !== true) {
    errors.push(
      forbidden(path, "Bidirectional mount propagation is available only to privileged containers"),
    );
  }
  return errors;
}

function validateRecursiveReadOnly(mount: VolumeMount, path: FieldPath): FieldError[] {
  const mode = mount.recursiveReadOnly;
  if (mode === undefined || mode === "Disabled") return [];
  if (mode !== "Enabled" && mode !== "IfPossible") {
    return [notSupported(path, mode, ["Disabled", "Enabled", "IfPossible"])];
  }
  const errors: FieldError[] = [];
  if (!mount.readOnly) errors.push(forbidden(path, "may only be specified when readOnly is true"));
  if (mount.mountPropagation !== undefined && mount.mountPropagation !== "None") {
    errors.push(forbidden(path, "may only be specified when mountPropagation is None or not specified"));
  }
  return errors;
}

function validateVolumeDevices(
  devices: VolumeDevice[],
  mounts: VolumeMount[],
  volumes: Map<string, Volume>,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const devicePaths = new Set<string>();
  const deviceNames = new Set<string>();
  devices.forEach((device, i) => {
    const idxPath = path.index(i);
    const volume = volumes.get(device.name);
    if (!device.name) errors.push(required(idxPath.child("name")));
    if (deviceNames.has(device.name)) {
      errors.push(invalid(idxPath.child("name"), device.name, "must be unique"));
    }
    if (volume && !volume.persistentVolumeClaim) {
      errors.push(
        invalid(
          idxPath.child("name"),
          device.name,
          "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
        ),
      );
    }
    if (!volume) errors.push(notFound(idxPath.child("name"), device.name));
    if (!device.devicePath) errors.push(required(idxPath.child("devicePath")));
    if (devicePaths.has(device.devicePath)) {
      errors.push(invalid(idxPath.child("devicePath"), device.devicePath, "must be unique"));
    }
    if (device.devicePath && noBacksteps(device.devicePath, path).length) {
      errors.push(
        invalid(idxPath.child("devicePath"), device.devicePath, "can not contain backsteps ('..')"),
      );
    } else {
      devicePaths.add(device.devicePath);
    }
    if (mounts.some((m) => m.name === device.name)) {
      errors.push(invalid(idxPath.child("name"), device.name, "must not already exist in volumeMounts"));
    }
    if (mounts.some((m) => m.mountPath === device.devicePath)) {
      errors.push(
        invalid(
          idxPath.child("devicePath"),
          device.devicePath,
          "must not already exist as a path in volumeMounts",
        ),
      );
    }
    if (device.name) deviceNames.add(device.name);
  });
  return errors;
}

// Go compares each field with its zero value; in JSON an empty object or list is that zero value.
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}
