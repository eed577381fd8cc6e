/**
 * The SDK's API client: typed access to any kind, the same in-process and over HTTPS (kubeconfig or
 * in-cluster ServiceAccount), retries with backoff, and errors as the Kubernetes Status.
 *
 * @example
 * ```ts
 * import { createClient, isNotFound, loadKubeconfig, podsResource } from "@skiff/sdk";
 *
 * const client = createClient(await loadKubeconfig(".skiff/kubeconfig"));
 * const pods = client.resource(podsResource).namespace("default");
 * await pods.get("web").catch((e) => { if (!isNotFound(e)) throw e; });
 * client.close();
 * ```
 *
 * @module
 */
export * from "./types.ts";
export * from "./errors.ts";
export * from "./retry.ts";
export * from "./config.ts";
export * from "./transport.ts";
export { IN_PROCESS, WATCH_EVENT } from "./_ndjson.ts";
export * from "./client.ts";
export * from "./resource_client.ts";
export * from "./resources.ts";
export * from "./discovery.ts";
