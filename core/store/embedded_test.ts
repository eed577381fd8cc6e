import { defineStoreContract } from "./contract.ts";
import { openEmbeddedStore } from "./embedded.ts";

defineStoreContract("embedded", async () => {
  const dir = await Deno.makeTempDir({ prefix: "skiff-store-" });
  const store = await openEmbeddedStore({ path: `${dir}/store.sqlite` });
  return { store, cleanup: () => Deno.remove(dir, { recursive: true }) };
}, { ttlWaitMs: 4000 });
