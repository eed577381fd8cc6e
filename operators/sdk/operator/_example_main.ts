/**
 * Test-only: a standalone operator as `operators/NAME/main.ts` is written. Its one controller marks each
 * Widget's status with `observedBy: <identity>`.
 *
 * @module
 */
import { Controller } from "../controller/controller.ts";
import { partCrd, widgetCrd, widgetsResource } from "../controller/_testing.ts";
import { defineOperator } from "./operator.ts";
import { operatorFlags, runOperator } from "./run.ts";

const widgetsOperator = defineOperator({
  name: "widgets",
  crds: [widgetCrd, partCrd],
  controllers: [(ctx) =>
    new Controller({
      name: "widget",
      for: widgetsResource,
      async reconcile(key) {
        const widget = ctx.cache.get(widgetsResource, key);
        if (!widget || (widget.status as { observed?: boolean })?.observed) return;
        await ctx.client.resource(widgetsResource).namespace(widget.metadata!.namespace!)
          .patchStatus(widget.metadata!.name!, { status: { observed: true } });
      },
    })],
});

if (import.meta.main) await runOperator(widgetsOperator, operatorFlags(Deno.args));
