import assert from "node:assert/strict";
import { parseGoFields } from "./_go_fields.ts";

const SOURCE = `
type Volume struct {
	Name string \`json:"name" protobuf:"bytes,1,opt,name=name"\`
	VolumeSource \`json:",inline" protobuf:"bytes,2,opt,name=volumeSource"\`
}

type JSONSchemaProps struct {
	Ref *string \`json:"$ref,omitempty" protobuf:"bytes,3,opt,name=ref"\`
	Type string \`json:"type,omitempty" protobuf:"bytes,5,opt,name=type"\`
	XPreserveUnknownFields *bool \`json:"x-kubernetes-preserve-unknown-fields,omitempty" protobuf:"bytes,38,opt,name=xKubernetesPreserveUnknownFields"\`
}

type ObjectReference struct {
	Kind string \`json:"kind,omitempty" protobuf:"bytes,1,opt,name=kind"\`
}

type ExtraValue []string
`;

Deno.test("parseGoFields reads JSON names, pointers, omitempty and inline structs from Go field tags", () => {
  const { fields, slices } = parseGoFields(SOURCE);
  assert.deepEqual(fields, {
    Volume: { name: { always: true }, volumeSource: { inline: true } },
    JSONSchemaProps: {
      ref: { json: "$ref", pointer: true },
      xKubernetesPreserveUnknownFields: { json: "x-kubernetes-preserve-unknown-fields", pointer: true },
    },
  });
  assert.deepEqual(slices, ["ExtraValue"]);
});
