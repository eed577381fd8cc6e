/**
 * The vendored Kubernetes .proto files (proto/, see refresh_protos.ts) loaded into one protobufjs Root,
 * with the Go JSON field table beside them. Nothing is read until the first protobuf body, and then only
 * the file of the package asked for and the files it imports: parsing all of them cold takes most of a
 * second, a first core/v1 body (core/v1 and meta/v1 with their imports) ~0.3 s.
 *
 * @module
 */
import protobuf from "protobufjs";
import type { GoField, GoFields } from "./_go_fields.ts";

const DIR = new URL("./proto/", import.meta.url);

/** The loaded schema: message types by full name and what Go's JSON tags say about their fields. */
export interface Schema {
  /** The message type named `fullName` (no leading dot), or undefined. */
  type(fullName: string): protobuf.Type | undefined;
  /** What Go's JSON does with field `field` of message `fullName` (see GoField). */
  field(fullName: string, field: string): GoField;
  /** Whether the Go type of message `fullName` is a slice of strings (`ExtraValue`): JSON is an array. */
  isSlice(fullName: string): boolean;
}

let loaded: Schema | undefined;

/**
 * The schema; each file is parsed when its package is first asked for. Reads synchronously so that
 * decoding stays synchronous, as the JSON and YAML decoders are; it blocks once per file, for the parse.
 *
 * @example
 * ```ts
 * schema().type("k8s.io.api.core.v1.Pod")?.fields.spec.type; // "PodSpec"
 * ```
 */
export function schema(): Schema {
  return loaded ??= load();
}

const NO_FLAGS: GoField = {};

function load(): Schema {
  const root = new protobuf.Root();
  const files = packageFiles(DIR, "");
  const parsed = new Set<string>();
  // Imports name files by their path under proto/ ("k8s.io/api/core/v1/generated.proto").
  const parse = (path: string) => {
    if (parsed.has(path)) return;
    parsed.add(path);
    const text = Deno.readTextFileSync(new URL(path, DIR));
    for (const [, imported] of text.matchAll(/^import "([^"]+)";/gm)) parse(imported);
    // The files are mostly doc comments; dropping them first halves the parse.
    protobuf.parse(text.replace(/^\s*\/\/.*$/gm, ""), root, { keepCase: true });
  };
  const table = JSON.parse(Deno.readTextFileSync(new URL("go_fields.json", DIR))) as {
    slices: string[];
    fields: GoFields;
  };
  const slices = new Set(table.slices);
  const types = new Map<string, protobuf.Type | undefined>();
  return {
    type(fullName) {
      if (!types.has(fullName)) {
        const file = files.get(fullName.slice(0, fullName.lastIndexOf(".")));
        if (file) parse(file);
        const found = file ? root.lookup(fullName) : null;
        types.set(fullName, found instanceof protobuf.Type ? found : undefined);
      }
      return types.get(fullName);
    },
    field: (fullName, field) => table.fields[fullName]?.[field] ?? NO_FLAGS,
    isSlice: (fullName) => slices.has(fullName),
  };
}

/**
 * Proto package → file path under proto/. Each file lives at its Go package's path, which names the
 * proto package: k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1 is
 * k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.
 */
function packageFiles(dir: URL, prefix: string, out = new Map<string, string>()): Map<string, string> {
  for (const entry of Deno.readDirSync(dir)) {
    if (entry.isDirectory) packageFiles(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`, out);
    else if (entry.name.endsWith(".proto")) {
      out.set(prefix.slice(0, -1).replaceAll("/", ".").replaceAll("-", "_"), `${prefix}${entry.name}`);
    }
  }
  return out;
}
