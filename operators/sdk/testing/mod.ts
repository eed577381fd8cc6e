/**
 * Test support in the spirit of envtest: a real core served over HTTPS in-process, with clients, and a
 * poller to wait for what controllers do.
 *
 * @example
 * ```ts
 * import { namespacesResource, startTestCore } from "@skiff/sdk";
 *
 * const core = await startTestCore();
 * await core.client.resource(namespacesResource).get("default");
 * await core.close();
 * ```
 *
 * @module
 */
export * from "./core.ts";
export * from "./eventually.ts";
