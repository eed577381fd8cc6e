import assert from "node:assert/strict";
import { apiFixture, pod } from "./testing/api_fixture.ts";

const TEAM = { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } };
const TEAM_PODS = "/api/v1/namespaces/team/pods";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("creates go on after their namespace changes, and a duplicate is still 409", async () => {
  const f = await apiFixture();
  await f.req("POST", "/api/v1/namespaces", TEAM);
  assert.equal((await f.req("POST", TEAM_PODS, pod("a"))).status, 201);
  await f.req("PATCH", "/api/v1/namespaces/team", { metadata: { labels: { x: "1" } } }, MERGE);
  assert.equal((await f.req("POST", TEAM_PODS, pod("b"))).status, 201);
  await f.req("PATCH", "/api/v1/namespaces/team", { metadata: { labels: { x: "2" } } }, MERGE);
  const dup = await f.req("POST", TEAM_PODS, pod("a"));
  assert.equal(dup.status, 409);
  assert.equal(dup.body.reason, "AlreadyExists");
  await f.close();
});

Deno.test("a namespace deleted and made again under the same name takes creates again", async () => {
  const f = await apiFixture();
  await f.req("POST", "/api/v1/namespaces", TEAM);
  assert.equal((await f.req("POST", TEAM_PODS, pod("a"))).status, 201);
  await f.req("DELETE", "/api/v1/namespaces/team");
  assert.equal((await f.req("POST", TEAM_PODS, pod("b"))).status, 403);
  for (let i = 0; (await f.req("GET", "/api/v1/namespaces/team")).status !== 404; i++) {
    assert.ok(i < 250, "the namespace is gone within 5 s");
    await sleep(20);
  }
  const missing = await f.req("POST", TEAM_PODS, pod("b"));
  assert.equal(missing.status, 404);
  assert.equal(missing.body.message, 'namespaces "team" not found');
  await f.req("POST", "/api/v1/namespaces", TEAM);
  assert.equal((await f.req("POST", TEAM_PODS, pod("b"))).status, 201);
  await f.close();
});

const MERGE = "application/merge-patch+json";
