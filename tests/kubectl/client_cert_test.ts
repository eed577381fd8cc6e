// End-to-end: kubeconfigs that authenticate with a client certificate signed by the cluster CA, as
// kubeadm writes them, used by the real kubectl against `skiff up --client-cert-port`.
import assert from "node:assert/strict";
import { createCa, issueClientCert, writeKubeconfig } from "@skiff/auth";
import { freePort } from "../harness/ports.ts";
import { startSkiff } from "../harness/skiff.ts";

async function kubectl(kubeconfig: string, home: string, ...args: string[]) {
  const out = await new Deno.Command("kubectl", {
    args,
    env: { KUBECONFIG: kubeconfig, HOME: home },
    stdin: "null",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test({
  name: "kubectl authenticates with a client certificate as its CN, in its O groups",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const port = freePort();
    const skiff = await startSkiff(["--client-cert-port", String(port)]);
    try {
      const ca = {
        cert: await Deno.readTextFile(`${skiff.dataDir}/pki/ca.crt`),
        key: await Deno.readTextFile(`${skiff.dataDir}/pki/ca.key`),
      };
      const kubeconfigFor = async (name: string, groups: string[]) => {
        const path = `${skiff.dataDir}/${name}.kubeconfig`;
        await writeKubeconfig(path, {
          server: `https://127.0.0.1:${port}`,
          caPem: ca.cert,
          clientCertificate: await issueClientCert(ca, { username: name, groups }),
          user: name,
        });
        return path;
      };

      await t.step("kubectl auth whoami names the certificate's user and groups", async () => {
        const alice = await kubeconfigFor("alice", ["devs", "ops"]);
        const r = await kubectl(alice, skiff.dataDir, "auth", "whoami");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^Username\s+alice$/m);
        assert.match(r.stdout, /^Groups\s+\[devs ops system:authenticated\]$/m);
        assert.match(r.stdout, /credential-id\s+\[X509SHA256=[0-9a-f]{64}\]/);
        const pods = await kubectl(alice, skiff.dataDir, "get", "pods");
        assert.equal(pods.code, 1);
        assert.match(pods.stderr, /User "alice" cannot list resource "pods"/);
      });

      await t.step("a certificate in system:masters administers the cluster, watches included", async () => {
        const admin = await kubeconfigFor("kubernetes-admin", ["system:masters"]);
        const created = await kubectl(admin, skiff.dataDir, "create", "namespace", "certs");
        assert.equal(created.code, 0, created.stderr);
        const watch = await kubectl(
          admin,
          skiff.dataDir,
          "get",
          "namespaces",
          "--watch",
          "--request-timeout=1s",
        );
        assert.match(watch.stdout, /^certs\s+Active/m);
      });

      await t.step("a certificate from another CA is Unauthorized", async () => {
        const other = await createCa();
        const path = `${skiff.dataDir}/mallory.kubeconfig`;
        await writeKubeconfig(path, {
          server: `https://127.0.0.1:${port}`,
          caPem: ca.cert,
          clientCertificate: await issueClientCert(other, {
            username: "mallory",
            groups: ["system:masters"],
          }),
        });
        const r = await kubectl(path, skiff.dataDir, "get", "--raw", "/api");
        assert.equal(r.code, 1);
        assert.match(r.stderr, /Unauthorized/);
      });

      await t.step("the admin's token kubeconfig keeps working on the main port", async () => {
        const r = await kubectl(skiff.kubeconfig, skiff.dataDir, "get", "namespace", "certs");
        assert.equal(r.code, 0, r.stderr);
      });
    } finally {
      await skiff.stop();
    }
  },
});
