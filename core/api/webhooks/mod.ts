/**
 * Dynamic admission webhooks, as kube-apiserver's MutatingAdmissionWebhook and
 * ValidatingAdmissionWebhook plugins run them: the admissionregistration.k8s.io/v1 configurations are
 * kept in memory, each write is matched against their rules, namespaceSelector and objectSelector, and
 * matching webhooks get an AdmissionReview over HTTPS. Mutating webhooks run in order after the
 * in-process mutating steps and patch the object with JSONPatch (re-run once when `IfNeeded` and a
 * later webhook changed it); validating webhooks run in parallel after the in-process validating steps.
 * A denial becomes the webhook's Status ('admission webhook "NAME" denied the request: ...'); a call
 * that fails is a 500 under failurePolicy Fail and ignored under Ignore.
 *
 * CREATE, UPDATE and DELETE are admitted (a DELETE's review carries the object as oldObject; a
 * mutating webhook may not patch it); CONNECT is not. Only `url` client configs can be called: a
 * `service` reference needs the services module, so calling one is a failed call.
 *
 * @example
 * ```ts
 * const webhooks = createWebhookDispatcher({ store, registry });
 * admission.add(webhooks.mutating);
 * admission.add(webhooks.validating);
 * await webhooks.start();
 * ```
 *
 * @module
 */
import type { Store } from "@skiff/store";
import type { LabelSelector, MutatingWebhook, ValidatingWebhook } from "@skiff/kinds";
import { applyJsonPatch } from "@skiff/patch";
import type { AdmissionRequest, AdmissionStep, KubeObject } from "../admission.ts";
import { ApiError, type Status } from "../errors.ts";
import { objectKey, type Registry, type Resource } from "../registry.ts";
import { cloneJson, jsonEqual } from "@skiff/schema";
import { CallError, Clients, postReview } from "./_call.ts";
import { Configurations, type WebhookEntry } from "./_configurations.ts";
import {
  type AdmissionResponse,
  admissionReview,
  isNamespace,
  requestNamespace,
  verifyResponse,
} from "./_review.ts";
import { anyRuleMatches, type RuleAttributes } from "./_rules.ts";
import { selectorMatches, selectsEverything } from "./_selectors.ts";

export { anyRuleMatches, type RuleAttributes, ruleMatches } from "./_rules.ts";
export { selectorMatches } from "./_selectors.ts";

/** What {@link createWebhookDispatcher} needs. */
export interface WebhookDispatcherOptions {
  store: Store;
  registry: Registry;
  log?: (line: string) => void;
}

/** The admission webhooks as two steps of the admission chain, plus their configurations' watch. */
export interface WebhookDispatcher {
  /** Calls the mutating webhooks; add it to the AdmissionChain. */
  mutating: AdmissionStep;
  /** Calls the validating webhooks; add it to the AdmissionChain. */
  validating: AdmissionStep;
  /** The webhooks known right now, by configuration kind. */
  hooks(): {
    mutating: readonly WebhookEntry<MutatingWebhook>[];
    validating: readonly WebhookEntry<ValidatingWebhook>[];
  };
  /** Loads the configurations and follows their changes. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const GROUP = "admissionregistration.k8s.io";
/** Kinds no webhook is ever called for, so a broken webhook cannot lock its own configuration. */
const EXEMPT_KINDS = [
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
];

type Hook = ValidatingWebhook | MutatingWebhook;

/**
 * Builds the webhook dispatcher over `store`.
 *
 * @example
 * ```ts
 * const webhooks = createWebhookDispatcher({ store, registry });
 * await webhooks.start();
 * webhooks.hooks().validating.length; // 0 on a fresh cluster
 * ```
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const log = options.log ?? ((line: string) => console.error(line));
  const lookup = (plural: string) => {
    const res = options.registry.lookup(GROUP, "v1", plural);
    if (!res) throw new Error(`${plural}.${GROUP} is not served`);
    return res;
  };
  const validatingConfigs = new Configurations<ValidatingWebhook>(
    options.store,
    lookup("validatingwebhookconfigurations"),
  );
  const mutatingConfigs = new Configurations<MutatingWebhook>(
    options.store,
    lookup("mutatingwebhookconfigurations"),
  );
  const clients = new Clients();

  /**
   * ShouldCallHook: rules, then objectSelector, then namespaceSelector (which may read the namespace).
   * Answers the resource to call the webhook at, undefined when it is not to be called.
   */
  const shouldCall = async (hook: Hook, req: AdmissionRequest): Promise<Resource | undefined> => {
    const at = matchingResource(hook, req);
    if (!at || !objectSelected(hook.objectSelector, req)) return undefined;
    return await namespaceSelected(hook.namespaceSelector, req) ? at : undefined;
  };

  /**
   * The request's own resource when the rules select it; under matchPolicy Equivalent, else another
   * served version of the same group and resource that they select.
   */
  const matchingResource = (hook: Hook, req: AdmissionRequest): Resource | undefined => {
    if (anyRuleMatches(hook.rules, ruleAttributes(req, req.resource))) return req.resource;
    if (hook.matchPolicy === "Exact") return undefined;
    const { group, plural, version } = req.resource;
    return options.registry.all().find((r) =>
      r.group === group && r.plural === plural && r.version !== version &&
      anyRuleMatches(hook.rules, ruleAttributes(req, r))
    );
  };

  const namespaceSelected = async (selector: LabelSelector | undefined, req: AdmissionRequest) => {
    const namespace = requestNamespace(req);
    // Cluster-scoped objects other than namespaces are never exempted.
    if (!namespace && !isNamespace(req)) return true;
    if (selectsEverything(selector)) return true;
    // A namespace being created or updated is judged by its new labels, as the lister has not seen them.
    if (isNamespace(req) && !req.subresource && req.operation !== "DELETE") {
      return selectorMatches(selector, req.object.metadata?.labels ?? {});
    }
    // One read per request, however many webhooks have selectors.
    let labels = namespaceLabels.get(req);
    if (!labels) {
      labels = readNamespaceLabels(namespace);
      namespaceLabels.set(req, labels);
    }
    return selectorMatches(selector, await labels);
  };
  const namespaceLabels = new WeakMap<AdmissionRequest, Promise<Record<string, string>>>();
  const readNamespaceLabels = async (name: string) => {
    const namespaces = options.registry.lookup("", "v1", "namespaces")!;
    const entry = await options.store.get<KubeObject>(objectKey(namespaces, "", name));
    if (!entry.versionstamp) throw ApiError.notFound({ resource: "namespaces", group: "", name });
    return entry.value!.metadata?.labels ?? {};
  };

  /** Sends the review and checks the answer; CallErrors and denials are left to the caller. */
  const call = async (
    entry: WebhookEntry<Hook>,
    req: AdmissionRequest,
    mutating: boolean,
    requested: Resource,
  ) => {
    const hook = entry.hook;
    const uid = crypto.randomUUID();
    const review = admissionReview(req, hook.admissionReviewVersions, uid, requested);
    const body = await postReview(clients, hook.clientConfig, review, hook.timeoutSeconds ?? 10);
    const response = verifyResponse(body, review.apiVersion, uid, mutating);
    if (response.warnings?.length) (req.warnings ??= []).push(...response.warnings);
    if (!response.allowed) throw denial(hook.name, response.result);
    return response;
  };

  /**
   * Runs one webhook with its failure policy: answers whether it changed the object. Dry runs are
   * refused by webhooks that may have side effects (webhookerrors.NewDryRunUnsupportedErr).
   */
  const run = async (
    entry: WebhookEntry<Hook>,
    req: AdmissionRequest,
    mutating: boolean,
    at: Resource,
  ): Promise<boolean> => {
    const hook = entry.hook;
    if (req.dryRun && hook.sideEffects !== "None" && hook.sideEffects !== "NoneOnDryRun") {
      throw ApiError.badRequest(`admission webhook "${hook.name}" does not support dry run`);
    }
    const view = at === req.resource ? req : atVersion(req, at);
    try {
      const response = await call(entry, view, mutating, req.resource);
      if (!mutating || !applyPatch(hook.name, view, response)) return false;
      // Back to the version the client wrote (a None conversion, as Skiff serves versions).
      if (view !== req) replaceContents(req.object, { ...view.object, apiVersion: req.resource.apiVersion });
      return true;
    } catch (e) {
      if (!(e instanceof CallError)) throw e;
      const message = `failed calling webhook "${hook.name}": ${e.message}`;
      if (hook.failurePolicy === "Ignore") {
        log(`Failed calling webhook, failing open ${hook.name}: ${message}`);
        return false;
      }
      throw ApiError.internal(message);
    }
  };

  const mutating: AdmissionStep = {
    name: "MutatingAdmissionWebhook",
    runsLast: true,
    operations: ["CREATE", "UPDATE", "DELETE"],
    async mutate(req) {
      if (exempt(req)) return false;
      const hooks = mutatingConfigs.hooks;
      let changed = false;
      // Kubernetes' reinvocation: a webhook with IfNeeded that ran before another webhook changed the
      // object runs once more, after the first pass; webhooks first skipped are not called then.
      const reinvoke = new Set<string>();
      const invoked = new Set<string>();
      for (const entry of hooks) {
        const at = await shouldCall(entry.hook, req);
        if (!at) continue;
        if (await run(entry, req, true, at)) {
          changed = true;
          for (const uid of invoked) reinvoke.add(uid);
          invoked.clear();
        }
        if ((entry.hook as MutatingWebhook).reinvocationPolicy === "IfNeeded") invoked.add(entry.uid);
      }
      if (!reinvoke.size) return changed;
      for (const entry of hooks) {
        const at = reinvoke.has(entry.uid) ? await shouldCall(entry.hook, req) : undefined;
        if (at && await run(entry, req, true, at)) changed = true;
      }
      return changed;
    },
  };

  const validating: AdmissionStep = {
    name: "ValidatingAdmissionWebhook",
    runsLast: true,
    operations: ["CREATE", "UPDATE", "DELETE"],
    async validate(req) {
      if (exempt(req)) return;
      const matching: [WebhookEntry<ValidatingWebhook>, Resource][] = [];
      for (const entry of validatingConfigs.hooks) {
        const at = await shouldCall(entry.hook, req);
        if (at) matching.push([entry, at]);
      }
      // All at once, as Kubernetes does; the first failure in webhook order is the answer.
      const results = await Promise.allSettled(matching.map(([entry, at]) => run(entry, req, false, at)));
      const failed = results.find((r) => r.status === "rejected");
      if (failed) throw (failed as PromiseRejectedResult).reason;
    },
  };

  return {
    mutating,
    validating,
    hooks: () => ({ mutating: mutatingConfigs.hooks, validating: validatingConfigs.hooks }),
    async start() {
      await Promise.all([validatingConfigs.start(log), mutatingConfigs.start(log)]);
    },
    async stop() {
      await Promise.all([validatingConfigs.stop(), mutatingConfigs.stop()]);
      clients.close();
    },
  };
}

function exempt(req: AdmissionRequest): boolean {
  return req.resource.group === GROUP && EXEMPT_KINDS.includes(req.resource.kind);
}

function ruleAttributes(req: AdmissionRequest, res: Resource): RuleAttributes {
  return {
    operation: req.operation,
    group: res.group,
    version: res.version,
    resource: res.plural,
    subresource: req.subresource ?? "",
    namespace: requestNamespace(req),
  };
}

/** objectSelector: the old or the new object must match; a missing object matches nothing. */
function objectSelected(selector: LabelSelector | undefined, req: AdmissionRequest): boolean {
  if (selectsEverything(selector)) return true;
  const objects = req.operation === "DELETE" ? [req.oldObject ?? req.object] : [req.object, req.oldObject];
  return objects.some((o) => o !== undefined && selectorMatches(selector, o.metadata?.labels ?? {}));
}

/**
 * Applies a mutating webhook's JSONPatch to `req.object` in place; answers whether it changed.
 * A patch that does not decode or apply is a 500 whatever the failure policy (as in Kubernetes).
 */
function applyPatch(name: string, req: AdmissionRequest, response: AdmissionResponse): boolean {
  if (!response.patch) return false;
  if (response.patchType !== "JSONPatch") {
    throw new CallError(`unsupported patch type ${JSON.stringify(response.patchType)}`);
  }
  let ops: unknown;
  try {
    ops = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(response.patch), (c) => c.charCodeAt(0))));
  } catch (e) {
    throw ApiError.internal((e as Error).message);
  }
  if (!Array.isArray(ops) || !ops.length) return false;
  if (req.operation === "DELETE") {
    throw ApiError.internal(
      `admission webhook "${name}" attempted to modify the object, which is not supported for this operation`,
    );
  }
  let patched: KubeObject;
  try {
    patched = applyJsonPatch(req.object, ops, { fieldValidation: "Ignore" }) as KubeObject;
  } catch (e) {
    throw ApiError.internal((e as Error).message);
  }
  if (jsonEqual(patched, req.object)) return false;
  replaceContents(req.object, patched);
  return true;
}

/** Replaces `target`'s fields with `source`'s, in place: the caller holds `target`. */
function replaceContents(target: KubeObject, source: KubeObject): void {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, source);
}

/** `req` as seen at another version of its resource: the objects' apiVersion changes, nothing else. */
function atVersion(req: AdmissionRequest, res: Resource): AdmissionRequest {
  const convert = (o: KubeObject | undefined) => o && { ...cloneJson(o), apiVersion: res.apiVersion };
  return {
    ...req,
    resource: res,
    object: convert(req.object)!,
    oldObject: convert(req.oldObject),
    // Shared, so the webhook's warnings reach the response.
    warnings: req.warnings ??= [],
  };
}

/** webhookerrors.ToStatusErr: the webhook's Status, its code at least 400, its message prefixed. */
function denial(name: string, result: AdmissionResponse["result"] = {}): ApiError {
  const deniedBy = `admission webhook ${JSON.stringify(name)} denied the request`;
  const message = result.message
    ? `${deniedBy}: ${result.message}`
    : result.reason
    ? `${deniedBy}: ${result.reason}`
    : `${deniedBy} without explanation`;
  const code = typeof result.code === "number" && result.code >= 400 ? result.code : 400;
  return new WebhookDenial(code, result.reason ?? "", message, result.details as Status["details"]);
}

/** A denial's Status keeps only what the webhook said: no reason when it gave none. */
class WebhookDenial extends ApiError {
  override toStatus(): Status {
    const status = super.toStatus();
    if (!this.reason) delete (status as Partial<Status>).reason;
    return status;
  }
}
