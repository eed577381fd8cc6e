/**
 * Kubernetes' defaulting of a Pod (SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container and
 * friends in kubernetes/pkg/apis/core/v1/defaults.go). The schema carries the static defaults too, so
 * generic structural defaulting gets most of them; this adds the ones that depend on other fields
 * (imagePullPolicy from the image tag, requests from limits, hostPort under hostNetwork, a volume
 * without a source becoming emptyDir) and is safe to run after it, or instead of it.
 *
 * @module
 */
import type { Container, EphemeralContainer, ResourceRequirements } from "../api/container.ts";
import type { Pod, PodSpec } from "../api/pod.ts";
import type { HTTPGetAction, Lifecycle, Probe } from "../api/probe.ts";
import type { Volume } from "../api/volume.ts";
import type { ObjectFieldSelector } from "../api/selectors.ts";

const VOLUME_SOURCES = [
  "emptyDir",
  "hostPath",
  "secret",
  "nfs",
  "persistentVolumeClaim",
  "downwardAPI",
  "configMap",
  "projected",
  "csi",
  "image",
] as const;

/**
 * A copy of `pod` with Kubernetes' defaults filled in; the input is not changed.
 *
 * @example
 * ```ts
 * import { defaultPod } from "@skiff/kinds";
 *
 * const pod = defaultPod({ metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx" }] } });
 * pod.spec?.restartPolicy; // "Always"
 * pod.spec?.containers[0].imagePullPolicy; // "Always", because the image has no tag (so :latest)
 * ```
 */
export function defaultPod(pod: Pod): Pod {
  const out = structuredClone(pod);
  fillPodDefaults(out);
  return out;
}

/**
 * Fills Kubernetes' defaults into `pod` itself, for a caller that owns it (the API server's create path
 * works on its own copy of the request, so a second copy would cost ~25 µs per Pod for nothing).
 *
 * @example
 * ```ts
 * import { fillPodDefaults, type Pod } from "@skiff/kinds";
 *
 * const pod: Pod = { metadata: { name: "web" }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } };
 * fillPodDefaults(pod);
 * pod.spec?.containers[0].imagePullPolicy; // "IfNotPresent"
 * ```
 */
export function fillPodDefaults(pod: Pod): void {
  if (!pod.spec) return;
  const spec = pod.spec;
  defaultPodSpec(spec);
  for (const container of [...spec.containers ?? [], ...spec.initContainers ?? []]) {
    // Only in Pods, not templates: a limit without a request is also the request.
    if (container.resources) requestsFromLimits(container.resources);
    if (spec.hostNetwork) {
      for (const port of container.ports ?? []) port.hostPort ||= port.containerPort;
    }
  }
  spec.enableServiceLinks ??= true;
}

/**
 * Fills the defaults of a pod spec in place (SetDefaults_PodSpec and everything below it), as for a
 * workload's pod template; `defaultPod` adds the Pod-only ones.
 *
 * @example
 * ```ts
 * import { defaultPodSpec, type PodSpec } from "@skiff/kinds";
 *
 * const spec: PodSpec = { containers: [{ name: "web", image: "nginx:1.27" }] };
 * defaultPodSpec(spec);
 * spec.dnsPolicy; // "ClusterFirst"
 * ```
 */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= "ClusterFirst";
  spec.restartPolicy ||= "Always";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= "default-scheduler";
  spec.containers ??= [];
  for (
    const container of [...spec.containers, ...spec.initContainers ?? [], ...spec.ephemeralContainers ?? []]
  ) {
    defaultContainer(container);
  }
  for (const volume of spec.volumes ?? []) defaultVolume(volume);
}

function defaultContainer(container: Container | EphemeralContainer): void {
  container.imagePullPolicy ||= imageTag(container.image ?? "") === "latest" ? "Always" : "IfNotPresent";
  container.terminationMessagePath ||= "/dev/termination-log";
  container.terminationMessagePolicy ||= "File";
  // Not a default in Go but its serialization: ResourceRequirements is a struct, so omitempty keeps it
  // and every container reads back with `resources: {}` (a rollout undo to a template written without it
  // would otherwise change the spec and bump the generation).
  container.resources ??= {};
  for (const port of container.ports ?? []) port.protocol ||= "TCP";
  for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
    if (probe) defaultProbe(probe);
  }
  if (container.lifecycle) defaultLifecycle(container.lifecycle);
  for (const env of container.env ?? []) {
    if (env.valueFrom?.fieldRef) defaultFieldRef(env.valueFrom.fieldRef);
  }
}

function defaultProbe(probe: Probe): void {
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  if (probe.httpGet) defaultHTTPGet(probe.httpGet);
  if (probe.grpc) probe.grpc.service ??= "";
}

function defaultLifecycle(lifecycle: Lifecycle): void {
  for (const handler of [lifecycle.postStart, lifecycle.preStop]) {
    if (handler?.httpGet) defaultHTTPGet(handler.httpGet);
  }
}

function defaultHTTPGet(action: HTTPGetAction): void {
  action.path ||= "/";
  action.scheme ||= "HTTP";
}

function defaultFieldRef(selector: ObjectFieldSelector): void {
  selector.apiVersion ||= "v1";
}

function defaultVolume(volume: Volume): void {
  if (VOLUME_SOURCES.every((source) => volume[source] === undefined || volume[source] === null)) {
    volume.emptyDir = {};
  }
  // 0644: the mode Kubernetes gives projected files unless told otherwise.
  for (const source of [volume.secret, volume.configMap, volume.downwardAPI, volume.projected]) {
    if (source) source.defaultMode ??= 0o644;
  }
  if (volume.hostPath) volume.hostPath.type ??= "";
  for (const item of volume.downwardAPI?.items ?? []) {
    if (item.fieldRef) defaultFieldRef(item.fieldRef);
  }
  for (const source of volume.projected?.sources ?? []) {
    if (source.serviceAccountToken) source.serviceAccountToken.expirationSeconds ??= 3600;
    for (const item of source.downwardAPI?.items ?? []) {
      if (item.fieldRef) defaultFieldRef(item.fieldRef);
    }
  }
}

function requestsFromLimits(resources: ResourceRequirements): void {
  if (!resources.limits) return;
  resources.requests ??= {};
  for (const [name, limit] of Object.entries(resources.limits)) resources.requests[name] ??= limit;
}

// The tag Kubernetes' image-name parser finds: the text after the last ":" of the last path segment,
// "latest" when there is neither tag nor digest, and "" when there is only a digest.
function imageTag(image: string): string {
  const at = image.indexOf("@");
  const name = at < 0 ? image : image.slice(0, at);
  const lastSegment = name.slice(name.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  if (colon >= 0) return lastSegment.slice(colon + 1);
  return at < 0 ? "latest" : "";
}
