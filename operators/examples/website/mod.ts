/**
 * An example operator built only on the public SDK: a Website (example.skiff.dev/v1) is served by one Pod
 * per replica. See docs/writing-an-operator.md for how it is written, tested and run.
 *
 * @example
 * ```ts
 * import { startTestCore, runOperator } from "@skiff/sdk";
 * import { websitesOperator, websitesResource } from "@skiff/example-website";
 *
 * const core = await startTestCore();
 * const stop = new AbortController();
 * const running = runOperator(websitesOperator, { client: core.client, signal: stop.signal });
 * await core.client.resource(websitesResource).namespace("default").create({ metadata: { name: "blog" } });
 * stop.abort();
 * await running;
 * await core.close();
 * ```
 *
 * @module
 */
export * from "./api.ts";
export * from "./controller.ts";
export * from "./operator.ts";
