// End-to-end: RBAC with the real kubectl against `skiff up`. A user from the token file, bound to the
// default `view` role in one namespace, may read but not write: `kubectl auth can-i` (SelfSubjectAccessReview),
// `--list` (SelfSubjectRulesReview), `auth whoami` (SelfSubjectReview) and kubectl's Forbidden line.
import assert from "node:assert/strict";
import { startSkiff } from "../harness/skiff.ts";
import { kubectlWith, ok } from "./_kubectl.ts";

const ADMIN_TOKEN = "admin-token-for-rbac-test";
const JANE_TOKEN = "jane-token-for-rbac-test";

Deno.test({
  name: "a user bound to view may read but not create pods, and kubectl auth says so",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    // The token file is read once at start, so jane's line is there before the first start (the admin's
    // line is kept: Skiff only writes the file when it is missing).
    const dataDir = await Deno.makeTempDir({ prefix: "skiff-rbac-" });
    await Deno.writeTextFile(
      `${dataDir}/tokens.csv`,
      `${ADMIN_TOKEN},skiff-admin,1,system:masters\n${JANE_TOKEN},jane,2,"dev,qa"\n`,
      { mode: 0o600 },
    );
    const skiff = await startSkiff([], { dataDir });
    const janeConfig = `${dataDir}/jane-kubeconfig`;
    await Deno.writeTextFile(
      janeConfig,
      (await Deno.readTextFile(skiff.kubeconfig)).replace(/token: .*/, `token: ${JANE_TOKEN}`),
    );
    const jane = (...args: string[]) => kubectlWith(skiff, { env: { KUBECONFIG: janeConfig } }, ...args);
    try {
      await t.step("without a binding jane may not even list pods", async () => {
        const r = await jane("get", "pods");
        assert.equal(r.code, 1);
        assert.match(
          r.stderr,
          /^Error from server \(Forbidden\): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"$/m,
        );
      });

      await t.step("the admin binds jane to view in default", async () => {
        assert.equal(
          await ok(skiff, "create", "rolebinding", "jane-view", "--clusterrole=view", "--user=jane"),
          "rolebinding.rbac.authorization.k8s.io/jane-view created\n",
        );
        const table = await ok(skiff, "get", "rolebindings");
        assert.match(table, /^NAME\s+ROLE\s+AGE\n/);
        assert.match(table, /^jane-view\s+ClusterRole\/view\s+\d+s$/m);
        const wide = await ok(skiff, "get", "rolebinding", "jane-view", "-o", "wide");
        assert.match(wide, /^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\n/);
        assert.match(wide, /^jane-view\s+ClusterRole\/view\s+\d+s\s+jane\s*$/m);
        assert.match(
          await ok(skiff, "get", "clusterroles"),
          /^NAME\s+CREATED AT\n(.|\n)*^cluster-admin\s+\d{4}-/m,
        );
      });

      await t.step("kubectl auth can-i answers no to create and yes to get", async () => {
        // The binding reaches the authorizer through a watch; allow it a moment.
        for (let i = 0; i < 50; i++) {
          if ((await jane("auth", "can-i", "get", "pods")).stdout === "yes\n") break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const no = await jane("auth", "can-i", "create", "pods");
        assert.equal(no.stdout, "no\n");
        assert.equal(no.code, 1);
        const yes = await jane("auth", "can-i", "get", "pods");
        assert.equal(yes.stdout, "yes\n");
        assert.equal(yes.code, 0);
        assert.equal((await jane("auth", "can-i", "get", "pods", "-n", "kube-system")).stdout, "no\n");
        assert.equal(await ok(skiff, "auth", "can-i", "create", "pods"), "yes\n");
      });

      await t.step("get pods works and creating one is Forbidden", async () => {
        const list = await jane("get", "pods");
        assert.equal(list.code, 0, list.stderr);
        assert.match(list.stderr, /No resources found in default namespace/);
        const create = await jane("run", "web", "--image=nginx");
        assert.equal(create.code, 1);
        assert.equal(
          create.stderr,
          'Error from server (Forbidden): pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "default"\n',
        );
      });

      await t.step("kubectl auth can-i --list prints jane's rules", async () => {
        const r = await jane("auth", "can-i", "--list");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/m);
        assert.match(r.stdout, /^pods\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
        assert.match(
          r.stdout,
          /^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m,
        );
        assert.match(r.stdout, /^\s+\[\/api\/\*\]\s+\[\]\s+\[get\]$/m);
      });

      await t.step("kubectl explain and api-resources know the RBAC kinds", async () => {
        const explain = await ok(skiff, "explain", "rolebinding.roleRef");
        assert.match(explain, /^GROUP:\s+rbac\.authorization\.k8s\.io$/m);
        assert.match(explain, /^FIELD: roleRef <RoleRef>$/m);
        assert.match(explain, /^\s+name\s+<string> -required-$/m);
        const resources = await ok(skiff, "api-resources", "--api-group=authorization.k8s.io", "-o", "wide");
        assert.match(
          resources,
          /^selfsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SelfSubjectAccessReview\s+create\s*$/m,
        );
      });

      await t.step("kubectl auth whoami prints the user and its groups", async () => {
        const out = (await jane("auth", "whoami")).stdout;
        assert.match(out, /^ATTRIBUTE\s+VALUE$/m);
        assert.match(out, /^Username\s+jane$/m);
        assert.match(out, /^UID\s+2$/m);
        assert.match(out, /^Groups\s+\[dev qa system:authenticated\]$/m);
      });

      await t.step("the admin asks as jane with --as; jane may not impersonate anyone", async () => {
        assert.equal(
          (await kubectlWith(skiff, {}, "auth", "can-i", "create", "pods", "--as=jane")).stdout,
          "no\n",
        );
        assert.equal(await ok(skiff, "auth", "can-i", "list", "pods", "--as=jane"), "yes\n");
        const who = await ok(skiff, "auth", "whoami", "--as=jane", "--as-group=qa");
        assert.match(who, /^Username\s+jane$/m);
        assert.match(who, /^Groups\s+\[qa system:authenticated\]$/m);
        const refused = await jane("get", "pods", "--as=skiff-admin");
        assert.equal(refused.code, 1);
        assert.match(
          refused.stderr,
          /Error from server \(Forbidden\): users "skiff-admin" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope/,
        );
      });
    } finally {
      await skiff.stop();
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
      await Deno.remove(`${dataDir}.log`).catch(() => {});
    }
  },
});
