/**
 * Refreshes proto/: the .proto files of k8s.io/api, k8s.io/apimachinery and k8s.io/apiextensions-apiserver
 * at a tag (default v0.32.9, Kubernetes 1.32), and proto/go_fields.json, what Go's JSON tags say about
 * each message field (see _go_fields.ts). Reads local bare mirrors when $MIRROR (default /work/.mirror)
 * holds them as kubernetes+NAME/repo, else shallow-clones from GitHub.
 *
 * ```sh
 * ./node_modules/deno/deno run -A core/api/protobuf/refresh_protos.ts [TAG]
 * ```
 *
 * @module
 */
import { type GoFields, parseGoFields } from "./_go_fields.ts";

const TAG = Deno.args[0] ?? "v0.32.9";
const OUT = new URL("./proto/", import.meta.url).pathname;
const MIRROR = Deno.env.get("MIRROR") ?? "/work/.mirror";

/** Repository, where its files go under proto/, and the folders whose generated.proto we serve. */
const SOURCES: [string, string, string[]][] = [
  [
    "api",
    "k8s.io/api",
    [
      ...["admissionregistration", "apps", "authentication", "authorization", "autoscaling", "batch"],
      ...["certificates", "coordination", "core", "discovery", "events", "flowcontrol", "networking"],
      ...["node", "policy", "rbac", "scheduling", "storage"],
    ].map((g) => `${g}/v1`).concat("autoscaling/v2"),
  ],
  ["apimachinery", "k8s.io/apimachinery", [
    "pkg/apis/meta/v1",
    "pkg/runtime",
    "pkg/runtime/schema",
    "pkg/util/intstr",
    "pkg/api/resource",
  ]],
  ["apiextensions-apiserver", "k8s.io/apiextensions-apiserver", ["pkg/apis/apiextensions/v1"]],
];

async function git(dir: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", { args: ["-C", dir, ...args], stderr: "inherit" }).output();
  if (!out.success) throw new Error(`git ${args.join(" ")} failed in ${dir}`);
  return new TextDecoder().decode(out.stdout);
}

async function repoDir(name: string, tmp: string): Promise<string> {
  const local = `${MIRROR}/kubernetes+${name}/repo`;
  try {
    await git(local, "rev-parse", "-q", "--verify", `refs/tags/${TAG}`);
    return local;
  } catch {
    const dir = `${tmp}/${name}`;
    const url = `https://github.com/kubernetes/${name}`;
    await git(tmp, "clone", "-q", "--bare", "--depth", "1", "--branch", TAG, url, dir);
    return dir;
  }
}

const tmp = await Deno.makeTempDir();
const fields: GoFields = {};
const slices: string[] = [];
let files = 0;
try {
  for (const [name, module, dirs] of SOURCES) {
    const repo = await repoDir(name, tmp);
    for (const dir of dirs) {
      const proto = await git(repo, "show", `${TAG}:${dir}/generated.proto`);
      await Deno.mkdir(`${OUT}${module}/${dir}`, { recursive: true });
      await Deno.writeTextFile(`${OUT}${module}/${dir}/generated.proto`, proto);
      files++;
      const pkg = /^package ([\w.]+);/m.exec(proto)![1];
      const goFiles = (await git(repo, "ls-tree", "--name-only", `${TAG}:${dir}`)).split("\n")
        .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go") && !/^(generated\.pb|zz_)/.test(f));
      for (const f of goFiles) {
        const parsed = parseGoFields(await git(repo, "show", `${TAG}:${dir}/${f}`));
        for (const [message, fs] of Object.entries(parsed.fields)) fields[`${pkg}.${message}`] = fs;
        slices.push(...parsed.slices.map((s) => `${pkg}.${s}`));
      }
    }
  }
} finally {
  await Deno.remove(tmp, { recursive: true });
}
const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
await Deno.writeTextFile(
  `${OUT}go_fields.json`,
  JSON.stringify({ tag: TAG, slices, fields: sorted }, null, 2) + "\n",
);
console.log(`refreshed ${files} .proto files and the Go field table from ${TAG}`);
