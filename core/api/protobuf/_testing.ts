/**
 * Test-only: encodes a JSON object the way client-go's protobuf serializer does — the object as the
 * gogo message its apiVersion and kind name, wrapped in runtime.Unknown after the "k8s\0" magic — by
 * mapping the JSON back to proto field names and types and letting protobufjs fromObject/encode it.
 *
 * @module
 */
import protobuf from "protobufjs";
import { PROTOBUF_MAGIC, protoTypeName } from "./decode.ts";
import { schema } from "./_schema.ts";

const META = "k8s.io.apimachinery.pkg.apis.meta.v1";
const EXT = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1";

type Json = Record<string, unknown>;

const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The inverse of the special JSON forms in _to_json.ts. */
const SPECIAL: Record<string, (v: unknown) => Json> = {
  [`${META}.Time`]: (v) => ({ seconds: Date.parse(v as string) / 1000 }),
  [`${META}.MicroTime`]: (v) => {
    const ms = Date.parse(v as string);
    const micro = Number(/\.(\d{6})Z$/.exec(v as string)?.[1] ?? 0);
    return { seconds: Math.floor(ms / 1000), nanos: micro * 1000 };
  },
  [`${META}.Duration`]: (v) => ({ duration: parseGoDuration(v as string) }),
  [`${META}.FieldsV1`]: (v) => ({ Raw: utf8(v) }),
  "k8s.io.apimachinery.pkg.api.resource.Quantity": (v) => ({ string: String(v) }),
  "k8s.io.apimachinery.pkg.util.intstr.IntOrString": (v) =>
    typeof v === "number" ? { type: 0, intVal: v } : { type: 1, strVal: v },
  "k8s.io.apimachinery.pkg.runtime.RawExtension": (v) => ({ raw: utf8(v) }),
  [`${EXT}.JSON`]: (v) => ({ raw: utf8(v) }),
  [`${EXT}.JSONSchemaPropsOrBool`]: (v) =>
    typeof v === "boolean" ? { allows: v } : { allows: true, schema: props(v as Json) },
  [`${EXT}.JSONSchemaPropsOrArray`]: (v) =>
    Array.isArray(v) ? { jSONSchemas: v.map((s) => props(s)) } : { schema: props(v as Json) },
  [`${EXT}.JSONSchemaPropsOrStringArray`]: (v) =>
    Array.isArray(v) ? { property: v } : { schema: props(v as Json) },
};

function props(v: Json): Json {
  return toProto(schema().type(`${EXT}.JSONSchemaProps`)!, v);
}

/** `1h2m3.5s` → nanoseconds (the units Go's Duration.String prints). */
function parseGoDuration(text: string): number {
  const units: Record<string, number> = { h: 3.6e12, m: 6e10, s: 1e9, ms: 1e6, "µs": 1e3, ns: 1 };
  let total = 0;
  for (const [, n, unit] of text.matchAll(/([\d.]+)(h|ms|m|s|µs|ns)/g)) total += Number(n) * units[unit];
  return Math.round(text.startsWith("-") ? -total : total);
}

function toProto(type: protobuf.Type, json: Json): Json {
  const name = type.fullName.slice(1);
  const s = schema();
  const out: Json = {};
  for (const field of type.fieldsArray) {
    const go = s.field(name, field.name);
    if (go.inline) {
      out[field.name] = toProto(field.resolve().resolvedType as protobuf.Type, json);
      continue;
    }
    const value = json[go.json ?? field.name];
    if (value === undefined || value === null) continue;
    const one = (v: unknown) => {
      const t = field.resolve().resolvedType;
      if (!(t instanceof protobuf.Type)) return v;
      const full = t.fullName.slice(1);
      if (SPECIAL[full]) return SPECIAL[full](v);
      if (s.isSlice(full)) return { items: v };
      return toProto(t, v as Json);
    };
    if (field.map) {
      out[field.name] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, one(v)]));
    } else if (field.repeated) out[field.name] = (value as unknown[]).map(one);
    else out[field.name] = one(value);
  }
  return out;
}

/**
 * `object` as client-go would send it with Content-Type application/vnd.kubernetes.protobuf.
 *
 * @example
 * ```ts
 * const body = encodeProtobuf({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
 * ```
 */
export function encodeProtobuf(object: Json): Uint8Array<ArrayBuffer> {
  const { apiVersion, kind, ...rest } = object as Json & { apiVersion: string; kind: string };
  const name = protoTypeName(apiVersion, kind)!;
  const type = schema().type(name) ?? schema().type(`${META}.${kind}`)!;
  return envelope(apiVersion, kind, type.encode(type.fromObject(toProto(type, rest))).finish());
}

/**
 * The "k8s\0" magic and the runtime.Unknown envelope naming `apiVersion` and `kind` around `raw`.
 *
 * @example
 * ```ts
 * const body = envelope("example.com/v1", "Widget", new Uint8Array());
 * ```
 */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const unknown = schema().type("k8s.io.apimachinery.pkg.runtime.Unknown")!;
  const envelope = unknown.encode(unknown.fromObject({
    typeMeta: { apiVersion, kind },
    raw,
    contentEncoding: "",
    contentType: "",
  })).finish();
  const out = new Uint8Array(4 + envelope.length);
  out.set(PROTOBUF_MAGIC);
  out.set(envelope, 4);
  return out;
}
