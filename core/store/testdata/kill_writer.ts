// Writes to the embedded store at Deno.args[0] until killed, printing "ack KEY REVISION" after each commit
// returns. Eight writers run at once; every fifth value is large (chunked), every third write updates.
import { openEmbeddedStore } from "../embedded.ts";

const store = await openEmbeddedStore({ path: Deno.args[0] });
const out = Deno.stdout.writable.getWriter();
const enc = new TextEncoder();
let n = 0;
async function writer(w: number) {
  for (;;) {
    const i = n++;
    const key = ["kill", `w${w}`, String(i % 50)];
    const body = { i, pad: i % 5 === 0 ? "x".repeat(200_000) : "y".repeat(100) };
    const res = await store.set(key, body);
    await out.write(enc.encode(`ack ${key.join("/")} ${i} ${res.versionstamp}\n`));
  }
}
await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
