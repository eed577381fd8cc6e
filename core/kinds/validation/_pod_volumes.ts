/**
 * Pod volume checks, after ValidateVolumes and validateVolumeSource in
 * kubernetes/pkg/apis/core/validation/validation.go.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import type { Volume } from "../api/volume.ts";
import type { KeyToPath } from "../api/selectors.ts";
import { duplicate, forbidden, invalid, notSupported, required } from "../../schema/field_error.ts";
import type { FieldPath } from "../../schema/field_path.ts";
import { isDNS1123Label } from "../../schema/names.ts";
import { validateObjectFieldSelector, validateResourceFieldSelector } from "./_pod_env.ts";
import { parseQuantity } from "../quantity.ts";

const FILE_MODE_ERROR = "must be a number between 0 and 0777 (octal), both inclusive";
const VOLUME_DOWNWARD_API_FIELD_PATHS = [
  "metadata.annotations",
  "metadata.labels",
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
];
const HOST_PATH_TYPES = [
  "",
  "BlockDevice",
  "CharDevice",
  "Directory",
  "DirectoryOrCreate",
  "File",
  "FileOrCreate",
  "Socket",
];

// The sources in the order Kubernetes checks them, with the path segment it reports for each. The
// downwardAPI entry really is "downwarAPI" in Kubernetes' "more than 1 volume type" error; copied as is.
const SOURCES: [keyof Volume, string][] = [
  ["emptyDir", "emptyDir"],
  ["hostPath", "hostPath"],
  ["secret", "secret"],
  ["nfs", "nfs"],
  ["persistentVolumeClaim", "persistentVolumeClaim"],
  ["downwardAPI", "downwarAPI"],
  ["configMap", "configMap"],
  ["projected", "projected"],
  ["csi", "csi"],
  ["image", "image"],
];

/**
 * Validates `spec.volumes` and returns the errors plus the names of the valid volumes, which mounts
 * must refer to.
 */
export function validateVolumes(
  volumes: Volume[],
  path: FieldPath,
): { errors: FieldError[]; names: Set<string> } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((volume, i) => {
    const idxPath = path.index(i);
    const namePath = idxPath.child("name");
    const errs = validateVolumeSource(volume, idxPath);
    if (!volume.name) errs.push(required(namePath));
    else errs.push(...isDNS1123Label(volume.name).map((m) => invalid(namePath, volume.name, m)));
    if (names.has(volume.name)) errs.push(duplicate(namePath, volume.name));
    // Like Kubernetes, only a volume without errors can be mounted, so mounts of a broken one are
    // reported as not found rather than repeating its errors.
    if (errs.length === 0) names.add(volume.name);
    errors.push(...errs);
  });
  return { errors, names };
}

function validateVolumeSource(volume: Volume, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const [key, reported] of SOURCES) {
    if (volume[key] === undefined || volume[key] === null) continue;
    if (count > 0) {
      errors.push(forbidden(path.child(reported), "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    errors.push(...validateSource(volume, key, path.child(key)));
  }
  if (count === 0) errors.push(required(path, "must specify a volume type"));
  return errors;
}

function validateSource(volume: Volume, key: keyof Volume, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  switch (key) {
    case "emptyDir": {
      const limit = volume.emptyDir?.sizeLimit;
      if (limit !== undefined && isNegative(limit)) {
        errors.push(forbidden(path.child("sizeLimit"), "SizeLimit field must be a valid resource quantity"));
      }
      break;
    }
    case "hostPath": {
      const hostPath = volume.hostPath!;
      if (!hostPath.path) return [required(path.child("path"))];
      errors.push(...noBacksteps(hostPath.path, path.child("path")));
      if (hostPath.type !== undefined && !HOST_PATH_TYPES.includes(hostPath.type)) {
        errors.push(notSupported(path.child("type"), hostPath.type, HOST_PATH_TYPES));
      }
      break;
    }
    case "secret": {
      const secret = volume.secret!;
      if (!secret.secretName) errors.push(required(path.child("secretName")));
      errors.push(...fileMode(secret.defaultMode, path.child("defaultMode")));
      secret.items?.forEach((item, i) =>
        errors.push(...validateKeyToPath(item, path.child("items").index(i)))
      );
      break;
    }
    case "configMap": {
      const configMap = volume.configMap!;
      if (!configMap.name) errors.push(required(path.child("name")));
      errors.push(...fileMode(configMap.defaultMode, path.child("defaultMode")));
      configMap.items?.forEach((item, i) =>
        errors.push(...validateKeyToPath(item, path.child("items").index(i)))
      );
      break;
    }
    case "persistentVolumeClaim":
      if (!volume.persistentVolumeClaim!.claimName) errors.push(required(path.child("claimName")));
      break;
    case "nfs": {
      const nfs = volume.nfs!;
      if (!nfs.server) errors.push(required(path.child("server")));
      if (!nfs.path) errors.push(required(path.child("path")));
      if (!nfs.path?.startsWith("/")) {
        errors.push(invalid(path.child("path"), nfs.path ?? "", "must be an absolute path"));
      }
      break;
    }
    case "downwardAPI": {
      const downwardAPI = volume.downwardAPI!;
      errors.push(...fileMode(downwardAPI.defaultMode, path.child("defaultMode")));
      // Kubernetes reports item errors against the volume source itself, not items[i]; kept.
      downwardAPI.items?.forEach((file) => errors.push(...validateDownwardAPIFile(file, path)));
      break;
    }
    case "projected":
      errors.push(...validateProjected(volume.projected!, path));
      break;
    case "csi":
      if (!volume.csi!.driver) errors.push(required(path.child("driver")));
      break;
    case "image":
      break;
  }
  return errors;
}

type DownwardAPIFile = NonNullable<NonNullable<Volume["downwardAPI"]>["items"]>[number];

function validateDownwardAPIFile(file: DownwardAPIFile, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!file.path) errors.push(required(path.child("path")));
  errors.push(...localNonReservedPath(file.path ?? "", path.child("path")));
  if (file.fieldRef) {
    errors.push(
      ...validateObjectFieldSelector(file.fieldRef, VOLUME_DOWNWARD_API_FIELD_PATHS, path.child("fieldRef")),
    );
    if (file.resourceFieldRef) {
      errors.push(
        invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"),
      );
    }
  } else if (file.resourceFieldRef) {
    errors.push(
      ...validateResourceFieldSelector(file.resourceFieldRef, path.child("resourceFieldRef"), true),
    );
  } else {
    errors.push(required(path, "one of fieldRef and resourceFieldRef is required"));
  }
  errors.push(...fileMode(file.mode, path.child("mode")));
  return errors;
}

function validateProjected(projected: NonNullable<Volume["projected"]>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [...fileMode(projected.defaultMode, path.child("defaultMode"))];
  const paths = new Set<string>();
  const claim = (p: string, value: string) => {
    if (paths.has(p)) errors.push(invalid(path, value, "conflicting duplicate paths"));
    else paths.add(p);
  };
  projected.sources?.forEach((source, i) => {
    const srcPath = path.child("sources").index(i);
    let count = 0;
    for (const kind of ["secret", "configMap"] as const) {
      const ref = source[kind];
      if (!ref) continue;
      count++;
      const refPath = srcPath.child(kind);
      if (!ref.name) errors.push(required(refPath.child("name")));
      ref.items?.forEach((item, j) => {
        errors.push(...validateKeyToPath(item, refPath.child("items").index(j)));
        if (item.path) claim(item.path, ref.name ?? "");
      });
    }
    if (source.downwardAPI) {
      count++;
      for (const file of source.downwardAPI.items ?? []) {
        errors.push(...validateDownwardAPIFile(file, srcPath.child("downwardAPI")));
        if (file.path) claim(file.path, file.path);
      }
    }
    const token = source.serviceAccountToken;
    if (token) {
      count++;
      const tokenPath = srcPath.child("serviceAccountToken");
      const seconds = token.expirationSeconds ?? 3600;
      if (seconds < 600) {
        errors.push(
          invalid(
            tokenPath.child("expirationSeconds"),
            seconds,
            "may not specify a duration less than 10 minutes",
          ),
        );
      }
      if (seconds > 2 ** 32) {
        errors.push(
          invalid(
            tokenPath.child("expirationSeconds"),
            seconds,
            "may not specify a duration larger than 2^32 seconds",
          ),
        );
      }
      // Kubernetes reports these two against the projected source's own path, not the token's; kept.
      if (!token.path) errors.push(required(path.child("path")));
      else errors.push(...localNonReservedPath(token.path, path.child("path")));
    }
    if (count > 1) errors.push(forbidden(srcPath, "may not specify more than 1 volume type per source"));
  });
  return errors;
}

function validateKeyToPath(item: KeyToPath, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!item.key) errors.push(required(path.child("key")));
  if (!item.path) errors.push(required(path.child("path")));
  errors.push(...localNonReservedPath(item.path ?? "", path.child("path")));
  errors.push(...fileMode(item.mode, path.child("mode")));
  return errors;
}

function fileMode(mode: number | undefined, path: FieldPath): FieldError[] {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

/** validateLocalDescendingPath: relative, without "..". */
export function localDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (target.startsWith("/")) errors.push(invalid(path, target, "must be a relative path"));
  errors.push(...noBacksteps(target, path));
  return errors;
}

/** ValidateLocalNonReservedPath: a relative path that neither contains nor starts with "..". */
function localNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errors = localDescendingPath(target, path);
  if (target.startsWith("..") && !target.startsWith("../")) {
    errors.push(invalid(path, target, "must not start with '..'"));
  }
  return errors;
}

/** validatePathNoBacksteps: no ".." element, reported once however many there are. */
export function noBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split("/").includes("..") ? [invalid(path, target, "must not contain '..'")] : [];
}

function isNegative(value: string | number): boolean {
  try {
    return parseQuantity(value).nanos < 0n;
  } catch {
    return false; // an unparsable quantity is reported by the resource checks and the schema
  }
}
