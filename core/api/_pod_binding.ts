/**
 * The binding subresource, POST /api/v1/namespaces/NS/pods/NAME/binding, as kube-apiserver's BindingREST
 * serves it: a scheduler names the node a pod runs on. The pod gets spec.nodeName, the binding's
 * annotations and the PodScheduled=True condition; a pod already bound or being deleted is a 409.
 *
 * @module
 */
import type { Context } from "hono";
import { type FieldError, invalid, notSupported, required } from "@skiff/schema";
import type { KubeObject } from "./admission.ts";
import { readObject } from "./body.ts";
import { ApiError } from "./errors.ts";
import type { Objects } from "./objects.ts";
import type { Resource } from "./registry.ts";
import { now } from "./_util.ts";

/** A v1 Binding: the pod it binds (metadata) and the node (target). */
interface Binding {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; uid?: string; resourceVersion?: string; annotations?: Record<string, string> };
  target?: { kind?: string; name?: string; apiVersion?: string };
}

/**
 * Binds pod `name` in `namespace` to the node a Binding body names; answers 201 with a Success Status.
 *
 * @example
 * ```ts
 * if (subresource === "binding" && res.plural === "pods") return await servePodBinding(c, objects, res, ns, name);
 * ```
 */
export async function servePodBinding(
  c: Context,
  objects: Objects,
  pods: Resource,
  namespace: string,
  name: string,
): Promise<Response> {
  if (c.req.method !== "POST") throw ApiError.methodNotAllowed();
  const binding = await readObject(c.req.raw) as Binding;
  if (binding.apiVersion !== undefined && binding.apiVersion !== "v1") {
    throw ApiError.badRequest(`the API version in the data (${binding.apiVersion}) does not match v1`);
  }
  if (binding.kind !== undefined && binding.kind !== "Binding") {
    throw ApiError.badRequest(`the kind in the data (${binding.kind}) is not Binding`);
  }
  const meta = binding.metadata ?? {};
  if (meta.name !== undefined && meta.name !== name) {
    throw ApiError.badRequest("name in URL does not match name in Binding object");
  }
  const errors = validateBinding(binding);
  const t = { resource: "pods/binding", group: "", name };
  if (errors.length) throw ApiError.invalid("Binding", t, errors);
  const node = binding.target!.name!;
  const dryRun = (c.req.queries("dryRun") ?? []).includes("All");

  await objects.patch(pods, namespace, name, (pod) => {
    // Kubernetes' setPodHostAndAnnotations: preconditions, then the checks, then the assignment.
    if (meta.uid && meta.uid !== pod.metadata.uid) {
      throw ApiError.conflict(
        t,
        `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${pod.metadata.uid}`,
      );
    }
    if (meta.resourceVersion && meta.resourceVersion !== pod.metadata.resourceVersion) {
      throw ApiError.modified(t);
    }
    if (pod.metadata.deletionTimestamp) {
      throw ApiError.conflict(t, `pod ${name} is being deleted, cannot be assigned to a host`);
    }
    if (pod.spec?.nodeName) {
      throw ApiError.conflict(t, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    return bind(pod, node, meta.annotations);
  }, { subresource: "binding", dryRun });
  return c.json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 }, 201);
}

/** ValidatePodBinding: a target node name, and a target kind that is empty or Node. */
function validateBinding(binding: Binding): FieldError[] {
  const errors: FieldError[] = [];
  const target = binding.target ?? {};
  if (target.kind !== undefined && target.kind !== "" && target.kind !== "Node") {
    errors.push(notSupported("target.kind", target.kind, ["Node", "<empty>"]));
  }
  if (!target.name) errors.push(required("target.name"));
  else if (typeof target.name !== "string") {
    errors.push(invalid("target.name", target.name, "must be a string"));
  }
  return errors;
}

/** The pod bound to `node`: nodeName, the binding's annotations, and PodScheduled=True. */
function bind(pod: KubeObject, node: string, annotations: Record<string, string> | undefined): KubeObject {
  pod.spec = { ...pod.spec, nodeName: node };
  if (annotations && Object.keys(annotations).length) {
    pod.metadata.annotations = { ...pod.metadata.annotations, ...annotations };
  }
  const conditions = [...(pod.status?.conditions ?? [])] as Record<string, unknown>[];
  const i = conditions.findIndex((c) => c.type === "PodScheduled");
  const scheduled: Record<string, unknown> = i >= 0 ? { ...conditions[i] } : { type: "PodScheduled" };
  if (scheduled.status !== "True") {
    scheduled.status = "True";
    scheduled.lastTransitionTime = now();
    delete scheduled.reason;
    delete scheduled.message;
  }
  if (i >= 0) conditions[i] = scheduled;
  else conditions.push(scheduled);
  pod.status = { ...pod.status, conditions };
  return pod;
}
