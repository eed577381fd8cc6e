import assert from "node:assert/strict";
import type { PrinterColumn } from "@skiff/schema";
import { defaultPrinter } from "./_default.ts";
import { podPrinter } from "./_pod.ts";
import { printerFor } from "./_printer_for.ts";

const size: PrinterColumn[] = [{ name: "Size", type: "integer", jsonPath: ".spec.size" }];

Deno.test("printerFor picks kubectl's printer for a built-in kind whatever its columns", () => {
  assert.equal(printerFor({ group: "", kind: "Pod", builtin: true, printerColumns: [] }), podPrinter);
  assert.equal(printerFor({ group: "", kind: "Pod", builtin: true, printerColumns: size }), podPrinter);
});

Deno.test("printerFor keeps a Pod kind of another group to its own columns", () => {
  const p = printerFor({ group: "example.com", kind: "Pod", builtin: false, printerColumns: [] });
  assert.deepEqual(p.columns.map((c) => c.name), ["Name", "Age"]);
});

Deno.test("printerFor gives built-in kinds without a printer or columns NAME and CREATED AT", () => {
  assert.equal(
    printerFor({ group: "", kind: "LimitRange", builtin: true, printerColumns: [] }),
    defaultPrinter,
  );
  const withColumns = printerFor({ group: "apps", kind: "Deployment", builtin: true, printerColumns: size });
  assert.deepEqual(withColumns.columns.map((c) => c.name), ["Name", "Size"]);
});

Deno.test("printerFor parses a version's columns once", () => {
  const res = { group: "example.com", kind: "Widget", builtin: false, printerColumns: size };
  assert.equal(printerFor(res), printerFor({ ...res }));
});
