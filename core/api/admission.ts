/**
 * The in-process admission chain: every write passes the mutating steps in order, then, after schema and
 * kind validation, the validating steps. Modules add steps; the admission webhooks (webhooks/) are two
 * steps that run last and also see deletes.
 *
 * @module
 */
import type { FieldError } from "@skiff/schema";
import type { Resource } from "./registry.ts";

/** A Kubernetes object as the API handles it: JSON with apiVersion, kind and metadata. */
// deno-lint-ignore no-explicit-any
export type KubeObject = Record<string, any> & { metadata: Record<string, any> };

/** What an admission step sees. */
export interface AdmissionRequest {
  operation: "CREATE" | "UPDATE" | "DELETE";
  resource: Resource;
  subresource?: string;
  namespace?: string;
  name: string;
  /** The object to be written (mutating steps change it in place); for DELETE the object being deleted. */
  object: KubeObject;
  oldObject?: KubeObject;
  dryRun: boolean;
  /** Who asked (Kubernetes' user.Info), when the request came through an authenticated handler. */
  user?: { username: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  /** Warnings for the Warning header; steps append to it (admission webhooks' response warnings). */
  warnings?: string[];
}

/**
 * One admission step. `mutate` changes `req.object`; `validate` returns field errors (a 422) or throws an
 * ApiError (e.g. 403) to refuse.
 *
 * @example
 * ```ts
 * chain.add({
 *   name: "replicas-not-negative",
 *   kinds: ["apps/v1/Deployment"],
 *   validate: (req) => req.object.spec.replicas < 0
 *     ? [{ reason: "FieldValueInvalid", field: "spec.replicas", message: "Invalid value: -1: must be greater than or equal to 0" }]
 *     : [],
 * });
 * ```
 */
export interface AdmissionStep {
  name: string;
  /** `apiVersion/Kind` keys (`v1/Pod`, `apps/v1/Deployment`) this step applies to; all when absent. */
  kinds?: string[];
  /**
   * Runs after every step without it, whenever it was added: the admission webhooks, which Kubernetes
   * runs after its compiled-in plugins.
   */
  runsLast?: boolean;
  /** The operations the step sees; CREATE and UPDATE when absent (DELETE is for steps that ask for it). */
  operations?: AdmissionRequest["operation"][];
  /**
   * Changes `req.object` in place. Returning `false` says the object was left exactly as it was, which
   * spares the API validating the whole object a second time; anything else counts as a change.
   */
  mutate?(req: AdmissionRequest): void | boolean | Promise<void | boolean>;
  validate?(req: AdmissionRequest): FieldError[] | void | Promise<FieldError[] | void>;
}

/** Ordered admission steps. */
export class AdmissionChain {
  #steps: AdmissionStep[] = [];

  /** Appends a step; returns a function that removes it. */
  add(step: AdmissionStep): () => void {
    this.#steps.push(step);
    return () => {
      this.#steps = this.#steps.filter((s) => s !== step);
    };
  }

  /** Runs every mutating step that applies, in order; answers whether any of them may have changed the object. */
  async mutate(req: AdmissionRequest): Promise<boolean> {
    let changed = false;
    for (const s of this.#applying(req)) {
      if (s.mutate && (await s.mutate(req)) !== false) changed = true;
    }
    return changed;
  }

  /** Runs every validating step that applies and gathers their field errors. */
  async validate(req: AdmissionRequest): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const s of this.#applying(req)) errors.push(...(await s.validate?.(req)) ?? []);
    return errors;
  }

  #applying(req: AdmissionRequest): AdmissionStep[] {
    const key = `${req.resource.apiVersion}/${req.resource.kind}`;
    const steps = this.#steps.filter((s) =>
      (!s.kinds || s.kinds.includes(key)) &&
      (s.operations ?? ["CREATE", "UPDATE"]).includes(req.operation)
    );
    return [...steps.filter((s) => !s.runsLast), ...steps.filter((s) => s.runsLast)];
  }
}
