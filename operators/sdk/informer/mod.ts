/**
 * Informers: list, then watch from that resourceVersion, forever, with a local indexed copy and handlers
 * for adds, updates and deletes.
 *
 * @example
 * ```ts
 * import { Informer, podsResource } from "@skiff/sdk";
 *
 * const informer = new Informer(client.resource(podsResource));
 * informer.addEventHandler({ onAdd: (pod) => console.log(pod.metadata?.name) });
 * informer.run();
 * await informer.waitForSync();
 * informer.stop();
 * ```
 *
 * @module
 */
export * from "./informer.ts";
