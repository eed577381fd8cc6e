/**
 * The operator SDK: a client for any kind (in-process or over HTTPS), informers that never stop silently,
 * shared caches with indexers, an envtest-style harness that starts a real core for tests, work queues,
 * leader election, helpers, metrics, and controllers, managers and operator modules built on them.
 *
 * @example
 * ```ts
 * import { podsResource, SharedInformerFactory, startTestCore } from "@skiff/sdk";
 *
 * const core = await startTestCore();
 * const pods = core.client.resource(podsResource).namespace("default");
 * const informers = new SharedInformerFactory(core.client);
 * const informer = informers.informerFor(podsResource);
 * informers.start();
 * await informers.waitForSync();
 * await pods.list();
 * informers.stop();
 * await core.close();
 * ```
 *
 * @module
 */
export * from "./client/mod.ts";
export * from "./informer/mod.ts";
export * from "./cache/mod.ts";
export * from "./testing/mod.ts";
export * from "./workqueue/mod.ts";
export * from "./leaderelection/mod.ts";
export * from "./helpers/mod.ts";
export * from "./metrics/mod.ts";
export * from "./controller/mod.ts";
export * from "./manager/mod.ts";
export * from "./operator/mod.ts";
