// End-to-end: StatefulSets from the shared manifests on `skiff up --simulated-nodes 2`, driven by the real
// kubectl: ordered creation with stable names, `kubectl get sts` columns, rollout status, scale, set image,
// rollout history and undo (which read and apply the set's ControllerRevisions), and delete.
//
// 000-07.yaml also holds the set's headless Service, a kind Skiff does not serve yet, so only its
// StatefulSet document is applied (through `kubectl apply -f -`); 000-14.yaml (no serviceName) applies as is.
import assert from "node:assert/strict";
import { kubectlWith, MANIFESTS, ok } from "./_kubectl.ts";
import { BACKENDS } from "./_kubectl.ts";
import type { SkiffProcess } from "../harness/skiff.ts";

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The set's live pods as "NAME IMAGE REVISION SUBDOMAIN" lines, sorted. */
async function pods(skiff: SkiffProcess): Promise<string[]> {
  const out = await ok(
    skiff,
    "get",
    "pods",
    "-l",
    "app=mongodb",
    "-o",
    "jsonpath={range .items[*]}{.metadata.name} {.spec.containers[0].image} {.metadata.labels.controller-revision-hash} {.spec.subdomain}{'\\n'}{end}",
  );
  return out.split("\n").filter(Boolean).sort();
}

const rolledOut = (skiff: SkiffProcess) =>
  ok(skiff, "rollout", "status", "statefulset/mongodb", "--timeout=60s");

Deno.test({
  name: "StatefulSets from the shared manifests roll out, scale, roll back and go away with kubectl",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { skiff, stop } = await BACKENDS[0].start(["--simulated-nodes", "2"]);
    try {
      let firstRevision = "";
      await t.step(
        "the StatefulSet of 000-07.yaml makes mongodb-0..2 and kubectl get sts shows them",
        async () => {
          const manifest = await Deno.readTextFile(`${MANIFESTS}000-07.yaml`);
          const statefulSet = manifest.split(/^---$/m).find((doc) => /^kind: StatefulSet$/m.test(doc))!;
          const applied = await kubectlWith(skiff, { stdin: statefulSet }, "apply", "-f", "-");
          assert.equal(applied.code, 0, applied.stderr);
          assert.equal(applied.stdout, "statefulset.apps/mongodb created\n");
          assert.match(
            await rolledOut(skiff),
            /partitioned roll out complete: 3 new pods have been updated...\n$/,
          );
          assert.match(await ok(skiff, "get", "sts"), /^NAME\s+READY\s+AGE\nmongodb\s+3\/3\s+\d+s\n$/);
          assert.match(
            await ok(skiff, "get", "statefulsets", "-o", "wide"),
            /^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\nmongodb\s+3\/3\s+\d+s\s+mongo\s+mongo:4\.4\n$/,
          );
          const list = await pods(skiff);
          firstRevision = list[0].split(" ")[2];
          assert.match(firstRevision, /^mongodb-[a-z0-9]+$/);
          assert.deepEqual(list, [0, 1, 2].map((i) => `mongodb-${i} mongo:4.4 ${firstRevision} mongodb`));
          assert.match(
            await ok(skiff, "get", "pods", "-l", "app=mongodb", "--show-labels"),
            /mongodb-0\s+1\/1\s+Running\s.*apps\.kubernetes\.io\/pod-index=0,controller-revision-hash=mongodb-\w+,statefulset\.kubernetes\.io\/pod-name=mongodb-0/,
          );
          assert.match(
            await ok(skiff, "get", "controllerrevisions"),
            new RegExp(
              `^NAME\\s+CONTROLLER\\s+REVISION\\s+AGE\\n${firstRevision}\\s+statefulset\\.apps/mongodb\\s+1\\s+\\d+s\\n$`,
            ),
          );
          assert.match(
            await ok(skiff, "describe", "sts", "mongodb"),
            /Normal\s+SuccessfulCreate\s+.*statefulset-controller\s+create Pod mongodb-2 in StatefulSet mongodb successful/,
          );
        },
      );

      await t.step(
        "kubectl scale adds mongodb-3, and scaling down removes the highest ordinals",
        async () => {
          assert.equal(
            await ok(skiff, "scale", "sts", "mongodb", "--replicas=4"),
            "statefulset.apps/mongodb scaled\n",
          );
          assert.match(
            await rolledOut(skiff),
            /partitioned roll out complete: 4 new pods have been updated...\n$/,
          );
          assert.equal((await pods(skiff)).length, 4);
          await ok(skiff, "scale", "sts", "mongodb", "--replicas=2");
          await until("mongodb-2 and mongodb-3 are gone", async () => (await pods(skiff)).length === 2);
          assert.deepEqual((await pods(skiff)).map((p) => p.split(" ")[0]), ["mongodb-0", "mongodb-1"]);
        },
      );

      await t.step(
        "set image rolls every pod, rollout history lists both revisions, undo goes back",
        async () => {
          assert.equal(
            await ok(skiff, "set", "image", "statefulset/mongodb", "mongo=mongo:5.0"),
            "statefulset.apps/mongodb image updated\n",
          );
          assert.match(
            await rolledOut(skiff),
            /partitioned roll out complete: 2 new pods have been updated...\n$/,
          );
          const updated = await pods(skiff);
          assert.ok(
            updated.every((p) => p.includes(" mongo:5.0 ") && !p.includes(firstRevision)),
            updated.join("\n"),
          );
          assert.match(
            await ok(skiff, "rollout", "history", "statefulset/mongodb"),
            /^statefulset\.apps\/mongodb \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n\n$/,
          );
          assert.match(
            await ok(skiff, "rollout", "history", "statefulset/mongodb", "--revision=1"),
            /with revision #1\nPod Template:\n\s+Labels:\s+app=mongodb\n\s+Containers:\n\s+mongo:\n\s+Image:\s+mongo:4\.4\n/,
          );
          assert.equal(
            await ok(skiff, "rollout", "undo", "statefulset/mongodb"),
            "statefulset.apps/mongodb rolled back\n",
          );
          await rolledOut(skiff);
          assert.deepEqual(
            await pods(skiff),
            [0, 1].map((i) => `mongodb-${i} mongo:4.4 ${firstRevision} mongodb`),
          );
          // The rollback renumbered revision 1 as 3 rather than making a new one.
          assert.match(
            await ok(skiff, "rollout", "history", "statefulset/mongodb"),
            /^statefulset\.apps\/mongodb \nREVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n\n$/,
          );
        },
      );

      await t.step("kubectl delete removes the set, its pods and its revisions", async () => {
        assert.equal(await ok(skiff, "delete", "sts", "mongodb"), 'statefulset.apps "mongodb" deleted\n');
        await until("the pods and revisions are collected", async () =>
          (await pods(skiff)).length === 0 &&
          (await ok(skiff, "get", "controllerrevisions", "-o", "name")).trim() === "");
      });

      await t.step(
        "000-14.yaml, without serviceName, applies unchanged and its pods get no subdomain",
        async () => {
          assert.equal(
            await ok(skiff, "apply", "-f", `${MANIFESTS}000-14.yaml`),
            "statefulset.apps/mongodb created\n",
          );
          assert.match(
            await rolledOut(skiff),
            /partitioned roll out complete: 3 new pods have been updated...\n$/,
          );
          const list = await pods(skiff);
          assert.deepEqual(list.map((p) => p.split(" ").slice(0, 2).join(" ")), [
            "mongodb-0 mongo:4.4",
            "mongodb-1 mongo:4.4",
            "mongodb-2 mongo:4.4",
          ]);
          assert.ok(list.every((p) => p.endsWith(" ")), "no subdomain without a governing service");
          await ok(skiff, "delete", "-f", `${MANIFESTS}000-14.yaml`);
          await until("the pods are collected", async () => (await pods(skiff)).length === 0);
        },
      );
    } finally {
      await skiff.stop();
      await stop();
    }
  },
});
