import assert from "node:assert/strict";
import { CRDS_DIR, renderCrdFiles } from "./core/kinds/gen_crds.ts";
import { allDefinitions } from "./crds.ts";

Deno.test("the CRD files in crds/ match every module's schemas (run `deno task crds` when this fails)", async () => {
  for (const [name, want] of renderCrdFiles(allDefinitions)) {
    let got: string;
    try {
      got = await Deno.readTextFile(new URL(name, CRDS_DIR));
    } catch {
      assert.fail(`crds/${name} is missing: run \`deno task crds\` and commit the result`);
    }
    assert.ok(
      got === want,
      `crds/${name} differs from its schema: run \`deno task crds\` and commit the result`,
    );
  }
});

Deno.test("no two kinds write the same CRD file", () => {
  const names = allDefinitions.map((d) => `${d.group || "core"}_${d.versions[0].name}_${d.names.plural}`);
  assert.equal(new Set(names).size, names.length);
});
