/**
 * The API server: a hono app serving every resource the registry holds with Kubernetes' REST semantics,
 * plus discovery, health and version, and the controllers the core itself runs (CRDs, namespaces,
 * service accounts).
 *
 * @module
 */
import { type Context, Hono, type MiddlewareHandler, type Next } from "hono";
import { PatchError } from "@skiff/patch";
import { InvalidEntryError, type Store, StoreUnavailableError } from "@skiff/store";
import {
  accessReviewDefinitions,
  builtinDefinitions,
  coreEventToEventsV1,
  eventsV1EventDefinition,
  eventsV1ToCoreEvent,
} from "@skiff/kinds";
import { authorize, impersonate, type RbacAuthorizer } from "@skiff/auth";
import { AdmissionChain, type KubeObject } from "./admission.ts";
import { createWebhookDispatcher, type WebhookDispatcher } from "./webhooks/mod.ts";
import { builtinStrategies } from "./builtin_strategies.ts";
import { startCrdController } from "./controllers/crds.ts";
import { startNamespaceController } from "./controllers/namespaces.ts";
import { startServiceAccountController } from "./controllers/service_accounts.ts";
import { startRbacController } from "./controllers/rbac.ts";
import { rbacEscalationStep } from "./_rbac_escalation.ts";
import type { Loop } from "./controllers/_loop.ts";
import { discoveryRoutes } from "./discovery.ts";
import { openapiRoutes } from "./openapi/mod.ts";
import { ApiError } from "./errors.ts";
import { serveResource } from "./handlers.ts";
import { type HealthCheck, healthRoutes } from "./health.ts";
import { Objects } from "./objects.ts";
import { parseResourcePath } from "./_paths.ts";
import { serveReview } from "./_reviews.ts";
import { Registry, type SharedStorage } from "./registry.ts";
import type { Strategies } from "./strategy.ts";
import type { TokenIssuer } from "./_token_request.ts";

/** Namespaces every cluster has. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** Options of {@link createApiServer}. */
export interface ApiServerOptions {
  store: Store;
  /** Runs before every request except health checks (authentication). */
  authenticate?: MiddlewareHandler;
  log?: (line: string) => void;
  /**
   * Authorizes every request after authentication and answers the access reviews; `start` bootstraps
   * the default roles and keeps it fed. Without it every request is allowed.
   */
  rbac?: RbacAuthorizer;
  /** Signs ServiceAccount tokens for the TokenRequest subresource; without it that subresource is 404. */
  tokenIssuer?: TokenIssuer;
  /**
   * More checks /readyz and /healthz report (Kubernetes' post-start hooks): `skiff up` is not ready
   * until its start-up is over (admin kubeconfig written, modules installed).
   */
  readyChecks?: HealthCheck[];
}

/** A configured API server. */
export interface ApiServer {
  app: Hono;
  objects: Objects;
  registry: Registry;
  admission: AdmissionChain;
  /** The admission webhooks (ValidatingWebhookConfiguration, MutatingWebhookConfiguration). */
  webhooks: WebhookDispatcher;
  strategies: Strategies;
  /** Creates the system namespaces and starts the core controllers. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** events.k8s.io/v1 Events live in core/v1's collection, as in Kubernetes: one set of events, two shapes. */
const EVENTS_IN_CORE: SharedStorage = {
  group: "",
  plural: "events",
  toStorage: eventsV1ToCoreEvent,
  fromStorage: coreEventToEventsV1,
};

/**
 * Builds the API server over `store`.
 *
 * @example
 * ```ts
 * const api = createApiServer({ store });
 * await api.start();
 * const res = await api.app.request("/api/v1/namespaces/default/pods");
 * ```
 */
export function createApiServer(options: ApiServerOptions): ApiServer {
  const log = options.log ?? ((line: string) => console.error(line));
  const registry = new Registry();
  for (const def of builtinDefinitions) {
    registry.add(def, {
      builtin: true,
      storage: def === eventsV1EventDefinition ? EVENTS_IN_CORE : undefined,
    });
  }
  for (const def of accessReviewDefinitions) registry.add(def, { builtin: true, createOnly: true });
  const strategies = builtinStrategies();
  const admission = new AdmissionChain();
  const objects = new Objects(options.store, registry, { admission, strategies });
  // Webhook steps run after every in-process step, whenever modules add theirs.
  const webhooks = createWebhookDispatcher({ store: options.store, registry, log });
  admission.add(webhooks.mutating);
  admission.add(webhooks.validating);

  const app = new Hono();
  app.onError((err, c) => {
    const e = toApiError(err, log);
    return c.json(e.toStatus(), e.code as 400);
  });
  app.notFound((c) => c.json(ApiError.noSuchPath().toStatus(), 404));
  // Authentication first: it lets anonymous requests reach the health endpoints, but a wrong token is a
  // 401 even there, as in Kubernetes.
  if (options.authenticate) app.use("*", options.authenticate);
  if (options.rbac) {
    // `kubectl --as`: the impersonated user replaces the authenticated one before authorization.
    app.use("*", impersonate(options.rbac));
    app.use("*", authorize(options.rbac));
    admission.add(rbacEscalationStep(options.rbac));
  }
  app.route("/", healthRoutes(options.store, options.readyChecks));
  app.get("/version", (c) =>
    c.json({
      major: "1",
      minor: "32",
      gitVersion: "v1.32.0-skiff",
      gitCommit: "skiff",
      gitTreeState: "clean",
      buildDate: "2026-11-23T00:00:00Z",
      goVersion: "deno",
      compiler: "deno",
      platform: `${Deno.build.os}/${Deno.build.arch === "x86_64" ? "amd64" : Deno.build.arch}`,
    }));
  const resources = async (c: Context, next: Next) => {
    const target = parseResourcePath(registry, c.req.path);
    if (!target) return await next();
    if (target.resource.createOnly) return await serveReview(c, target, options.rbac);
    return await serveResource(c, objects, target, { tokenIssuer: options.tokenIssuer });
  };
  app.all("/api/*", resources);
  app.all("/apis/*", resources);
  app.route("/", discoveryRoutes(registry));
  app.route("/", openapiRoutes(registry));

  let loops: Loop[] = [];
  return {
    app,
    objects,
    registry,
    admission,
    webhooks,
    strategies,
    async start() {
      await webhooks.start();
      const namespaces = registry.lookup("", "v1", "namespaces")!;
      for (const name of SYSTEM_NAMESPACES) {
        try {
          await objects.create(
            namespaces,
            undefined,
            { apiVersion: "v1", kind: "Namespace", metadata: { name } } as KubeObject,
          );
        } catch (e) {
          if (!(e instanceof ApiError && e.reason === "AlreadyExists")) throw e;
        }
      }
      loops = [
        startCrdController(objects, registry, log),
        startNamespaceController(objects, registry, log),
        ...startServiceAccountController(objects, registry, log),
      ];
      if (options.rbac) loops.push(...await startRbacController(objects, registry, options.rbac, log));
    },
    async stop() {
      await Promise.all([...loops.map((l) => l.stop()), webhooks.stop()]);
      loops = [];
    },
  };
}

/** Any error as the Status to answer with: ours as they are, the store's mapped, the rest a logged 500. */
function toApiError(err: unknown, log: (line: string) => void): ApiError {
  if (err instanceof ApiError) return err;
  // Kubernetes answers some malformed strategic merge patches with a 500; they are the caller's mistake.
  if (err instanceof PatchError) {
    return err.code >= 500
      ? ApiError.badRequest(err.message)
      : new ApiError(err.code, err.reason, err.message);
  }
  if (err instanceof InvalidEntryError) return ApiError.badRequest(err.message);
  if (err instanceof StoreUnavailableError) {
    return new ApiError(503, "ServiceUnavailable", `the storage backend is unavailable: ${err.message}`);
  }
  log(`internal error: ${(err as Error)?.stack ?? err}`);
  return ApiError.internal((err as Error)?.message ?? String(err));
}
