/**
 * A decoded protobufjs message → the JSON object Go's encoding/json would print for the same Go value,
 * walked field by field by its Type (generic toObject knows neither Go's zero-value rules nor the
 * Kubernetes types with their own JSON forms).
 *
 * - A field absent from the wire is absent. gogo-protobuf writes every non-pointer scalar, even when
 *   zero, so a zero scalar is kept only when its Go field is a pointer (an explicit `false`, `0`, `""`)
 *   or its JSON tag lacks omitempty; for other fields Go cannot tell zero from unset either.
 * - Empty repeated and map fields are left out. Embedded structs (`json:",inline"`) are flattened.
 * - int64 → number; bytes → base64; Time, MicroTime, Duration, Quantity, IntOrString, RawExtension,
 *   FieldsV1 and the apiextensions JSON / JSONSchemaPropsOr* types → their JSON forms.
 *
 * @module
 */
import protobuf from "protobufjs";
import { goDuration } from "./_go_duration.ts";
import type { Schema } from "./_schema.ts";

/** Decodes a nested protobuf object (a RawExtension holding "k8s\0"-prefixed bytes). */
export type NestedDecoder = (bytes: Uint8Array) => Record<string, unknown>;

type Message = Record<string, unknown>;

const META = "k8s.io.apimachinery.pkg.apis.meta.v1";
const EXT = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1";

/** Messages whose Go types marshal themselves; undefined means Go would print null (left out). */
const SPECIAL: Record<string, (m: Message, walk: Walker) => unknown> = {
  // Go reads Time's seconds only (time_proto.go); an empty message is the zero Time, printed as null.
  [`${META}.Time`]: (m) => has(m, "seconds") || has(m, "nanos") ? rfc3339(num(m.seconds), 0) : undefined,
  [`${META}.MicroTime`]: (m) =>
    has(m, "seconds") || has(m, "nanos") ? rfc3339(num(m.seconds), num(m.nanos), true) : undefined,
  [`${META}.Duration`]: (m) => goDuration(BigInt(String(m.duration ?? 0))),
  [`${META}.FieldsV1`]: (m, w) => w.json(m.Raw),
  "k8s.io.apimachinery.pkg.api.resource.Quantity": (m) => has(m, "string") ? m.string : "0",
  "k8s.io.apimachinery.pkg.util.intstr.IntOrString": (m) =>
    num(m.type) === 1 ? (m.strVal ?? "") : num(m.intVal ?? 0),
  "k8s.io.apimachinery.pkg.runtime.RawExtension": (m, w) => w.json(m.raw),
  [`${EXT}.JSON`]: (m, w) => w.json(m.raw),
  // Go's MarshalJSON of these (apiextensions/v1/marshal.go): the schema when set, else the other form.
  [`${EXT}.JSONSchemaPropsOrBool`]: (m, w) =>
    has(m, "schema") ? w.schemaProps(m.schema as Message) : m.allows === true,
  [`${EXT}.JSONSchemaPropsOrArray`]: (m, w) =>
    (m.jSONSchemas as Message[]).length > 0
      ? (m.jSONSchemas as Message[]).map((s) => w.schemaProps(s))
      : has(m, "schema")
      ? w.schemaProps(m.schema as Message)
      : undefined,
  [`${EXT}.JSONSchemaPropsOrStringArray`]: (m, w) =>
    (m.property as string[]).length > 0
      ? [...(m.property as string[])]
      : has(m, "schema")
      ? w.schemaProps(m.schema as Message)
      : undefined,
};

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/**
 * Walks messages of one schema into Go's JSON.
 *
 * @example
 * ```ts
 * const type = schema().type("k8s.io.api.core.v1.Namespace")!;
 * new Walker(schema(), decodeProtobuf).message(type, type.decode(raw) as never); // { metadata: {...}, spec: {} }
 * ```
 */
export class Walker {
  constructor(private readonly schema: Schema, private readonly nested: NestedDecoder) {}

  /** The JSON form of `message`, of type `type`. */
  message(type: protobuf.Type, message: Message): unknown {
    const name = type.fullName.slice(1);
    const special = SPECIAL[name];
    if (special) return special(message, this);
    if (this.schema.isSlice(name)) return [...(message.items as string[])];
    const out: Record<string, unknown> = {};
    for (const field of type.fieldsArray) {
      const go = this.schema.field(name, field.name);
      const key = go.json ?? field.name;
      const value = message[field.name];
      if (field.map) {
        const entries = Object.entries(value as Record<string, unknown>);
        if (entries.length === 0) continue;
        out[key] = Object.fromEntries(entries.map(([k, v]) => [k, this.value(field, v) ?? null]));
      } else if (field.repeated) {
        const items = value as unknown[];
        if (items.length === 0) continue;
        out[key] = items.map((v) => this.value(field, v) ?? null);
      } else if (has(message, field.name)) {
        const json = this.value(field, value);
        if (json === undefined || json === null) continue;
        if (go.inline && typeof json === "object") {
          Object.assign(out, json);
          continue;
        }
        // gogo wrote this zero because the Go field is not a pointer: Go reads it back as unset.
        if ((json === "" || json === 0 || json === false) && !go.pointer && !go.always) continue;
        out[key] = json;
      }
    }
    return out;
  }

  /** A JSONSchemaProps message (used by the JSONSchemaPropsOr* forms). */
  schemaProps(message: Message): unknown {
    return this.message(this.schema.type(`${EXT}.JSONSchemaProps`)!, message);
  }

  /** Raw JSON bytes parsed (or a nested protobuf object decoded); empty is Go's null. */
  json(raw: unknown): unknown {
    const bytes = raw as Uint8Array | undefined;
    if (!bytes || bytes.length === 0) return undefined;
    if (bytes.length > 4 && MAGIC.every((b, i) => bytes[i] === b)) return this.nested(bytes);
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new SyntaxError(`invalid JSON in an embedded raw field: ${(e as Error).message}`);
    }
  }

  private value(field: protobuf.Field, value: unknown): unknown {
    // Decoding resolved the fields of every type it met; resolve() is a no-op then.
    const type = field.resolve().resolvedType;
    if (type instanceof protobuf.Type) {
      return this.message(type, value as Message);
    }
    if (field.type === "bytes") return base64(value as Uint8Array);
    if (/^(u|s|sfixed|fixed)?int64$|^(s)?fixed64$/.test(field.type)) return num(value);
    return value;
  }
}

function has(m: Message, name: string): boolean {
  return Object.hasOwn(m, name);
}

/** A protobufjs 64-bit value (a Long when the long package is present) or number → number. */
function num(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "object" && "toNumber" in value) return (value as { toNumber(): number }).toNumber();
  return Number(value);
}

/** Go's RFC 3339 in UTC: seconds precision for Time, six fractional digits for MicroTime. */
function rfc3339(seconds: number, nanos: number, micro = false): string {
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (!micro && nanos === 0) return `${base}Z`;
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, "0")}Z`;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
