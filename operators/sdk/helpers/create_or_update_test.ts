import assert from "node:assert/strict";
import { apiFixture } from "../../../core/api/testing/api_fixture.ts";
import { objectClient } from "./_api_for_test.ts";
import { createOrUpdate } from "./create_or_update.ts";
import type { MetaObject } from "./types.ts";

const SAS = "/api/v1/namespaces/default/serviceaccounts";

Deno.test("createOrUpdate creates, then leaves alone, then updates what mutate changes", async () => {
  const f = await apiFixture();
  const client = objectClient<MetaObject>(f, SAS);
  const desired = () => ({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "robot", namespace: "default" },
  });
  let team = "a";
  const mutate = (sa: MetaObject) => {
    sa.metadata!.labels = { ...(sa.metadata!.labels as Record<string, string>), team };
  };

  const first = desired() as MetaObject;
  assert.equal(await createOrUpdate(client, first, mutate), "created");
  assert.ok(first.metadata?.uid, "the object holds the server's answer");

  const second = desired() as MetaObject;
  assert.equal(await createOrUpdate(client, second, mutate), "unchanged");
  assert.equal(second.metadata?.resourceVersion, first.metadata?.resourceVersion);

  team = "b";
  const third = desired() as MetaObject;
  assert.equal(await createOrUpdate(client, third, mutate), "updated");
  assert.notEqual(third.metadata?.resourceVersion, first.metadata?.resourceVersion);
  const stored = await f.req("GET", `${SAS}/robot`);
  assert.deepEqual(stored.body.metadata.labels, { team: "b" });
  await f.close();
});

Deno.test("createOrUpdate refuses a mutate that renames the object and passes other errors on", async () => {
  const f = await apiFixture();
  const client = objectClient<MetaObject>(f, SAS);
  const sa: MetaObject = {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "robot", namespace: "default" },
  };
  await assert.rejects(
    createOrUpdate(client, sa, (o) => void (o.metadata!.name = "other")),
    /MutateFn cannot mutate object name and\/or object namespace/,
  );
  const broken = objectClient<MetaObject>(f, "/api/v1/namespaces/default/nonesuch");
  await assert.rejects(
    createOrUpdate(broken, { metadata: { name: "x" } }, () => {}),
    (e: { code?: number }) => e.code === 404,
  );
  await f.close();
});
