/**
 * What the .proto files do not say but Go's JSON does: for each field of a generated message, its JSON
 * name (`ref` is `$ref`), whether the Go field is a pointer (an explicit `false`, `0` or `""` then means
 * something), whether its JSON tag has `omitempty`, and whether it is an embedded struct whose fields
 * JSON flattens into the parent (`Volume.volumeSource`). Read from the Go structs' field tags, e.g.
 *
 * ```go
 * Ref *string `json:"$ref,omitempty" protobuf:"bytes,3,opt,name=ref"`
 * ```
 *
 * @module
 */

/** How one proto field appears in Go's JSON. Absent flags are the common case: a value with omitempty. */
export interface GoField {
  /** The JSON name, when it is not the proto name. */
  json?: string;
  /** The Go field is a pointer: a zero value on the wire was set on purpose. */
  pointer?: true;
  /** The JSON tag lacks omitempty: Go prints the zero value. */
  always?: true;
  /** An embedded struct (`json:",inline"`): its fields belong to the parent object. */
  inline?: true;
}

/** Per message name (without package), per proto field name: what differs from the common case. */
export type GoFields = Record<string, Record<string, GoField>>;

/** Per message name: the Go type is a slice of strings (`type ExtraValue []string`), JSON an array. */
export type GoSlices = string[];

const STRUCT = /^type (\w+) struct \{$/;
const SLICE = /^type (\w+) \[\]string$/;
// `Name Type `tags`` or, for an embedded struct, `Type `tags``.
const FIELD = /^\s*(\*?[\w.]+)(?:\s+(\S+))?\s+`([^`]*)`/;

/**
 * Reads the fields with protobuf tags of every struct in a Go source file.
 *
 * @example
 * ```ts
 * const { fields } = parseGoFields('type A struct {\n\tB *bool `json:"b,omitempty" protobuf:"varint,1,opt,name=b"`\n}');
 * fields.A.b; // { pointer: true }
 * ```
 */
export function parseGoFields(source: string): { fields: GoFields; slices: GoSlices } {
  const fields: GoFields = {};
  const slices: GoSlices = [];
  let current: Record<string, GoField> | undefined;
  for (const line of source.split("\n")) {
    const start = STRUCT.exec(line);
    if (start) {
      current = {};
      fields[start[1]] = current;
      continue;
    }
    const slice = SLICE.exec(line);
    if (slice) slices.push(slice[1]);
    if (line === "}") current = undefined;
    if (!current) continue;
    const m = FIELD.exec(line);
    if (!m) continue;
    const proto = /protobuf:"[^"]*name=(\w+)/.exec(m[3])?.[1];
    const json = /json:"([^"]*)"/.exec(m[3])?.[1];
    if (!proto || json === undefined) continue;
    const [jsonName, ...opts] = json.split(",");
    const type = m[2] ?? m[1];
    const field: GoField = {};
    if (jsonName === "") field.inline = true;
    else if (jsonName !== proto) field.json = jsonName;
    if (type.startsWith("*")) field.pointer = true;
    if (jsonName !== "" && !opts.includes("omitempty")) field.always = true;
    current[proto] = field;
  }
  // Only what differs from the common case is kept, which keeps the table small.
  for (const [name, message] of Object.entries(fields)) {
    for (const [proto, field] of Object.entries(message)) {
      if (Object.keys(field).length === 0) delete message[proto];
    }
    if (Object.keys(message).length === 0) delete fields[name];
  }
  return { fields, slices };
}
