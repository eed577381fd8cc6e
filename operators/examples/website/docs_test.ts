import assert from "node:assert/strict";

/** The block indented by `depth` spaces, as it sits inside a function (`deno fmt` dedents doc blocks). */
function indent(block: string, depth: number): string {
  return block.split("\n").map((line) => line ? " ".repeat(depth) + line : line).join("\n");
}

Deno.test("every code block of docs/writing-an-operator.md is copied from the example", async () => {
  const doc = await Deno.readTextFile(new URL("../../../docs/writing-an-operator.md", import.meta.url));
  const sources: string[] = [];
  for await (const entry of Deno.readDir(new URL(".", import.meta.url))) {
    if (entry.isFile) sources.push(await Deno.readTextFile(new URL(entry.name, import.meta.url)));
  }
  const blocks = [...doc.matchAll(/```(?:ts|json|yaml)\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 10);
  for (const block of blocks) {
    const copied = sources.some((s) => [0, 2, 4, 6, 8].some((depth) => s.includes(indent(block, depth))));
    assert.ok(copied, `not in operators/examples/website/:\n${block}`);
  }
});
