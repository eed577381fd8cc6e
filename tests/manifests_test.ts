// The copy in tests/manifests must stay the same as the team's shared set where that set is present.
import assert from "node:assert/strict";

const shared = new URL("../../shared/manifests/", import.meta.url);
const local = new URL("./manifests/", import.meta.url);

Deno.test({
  name: "tests/manifests holds the shared manifests unchanged",
  ignore: !(await Deno.stat(shared).then(() => true, () => false)),
  async fn() {
    for await (const e of Deno.readDir(shared)) {
      if (!e.name.endsWith(".yaml")) continue;
      assert.equal(
        await Deno.readTextFile(new URL(e.name, local)),
        await Deno.readTextFile(new URL(e.name, shared)),
        `${e.name} differs from the shared copy; refresh tests/manifests`,
      );
    }
  },
});
