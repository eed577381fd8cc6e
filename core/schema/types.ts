/**
 * Resource definitions in CustomResourceDefinition shape. The core serves any definition it has: the
 * built-in kinds (generated from valibot schemas in core/kinds) and every CRD created through
 * apiextensions.k8s.io/v1 alike.
 *
 * @module
 */

/** An OpenAPI v3 schema as apiextensions.k8s.io/v1 JSONSchemaProps has it, with Kubernetes' extensions. */
export interface JSONSchemaProps {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  format?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  allOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: "granular" | "atomic";
  /** Strategic merge patch: the key that identifies list items (built-in kinds only, as in Kubernetes). */
  "x-kubernetes-patch-merge-key"?: string;
  /** Strategic merge patch: "merge", "replace", "retainKeys" or "merge,retainKeys". */
  "x-kubernetes-patch-strategy"?: string;
}

/** A printer column, as CRDs declare them. */
export interface PrinterColumn {
  name: string;
  type: "integer" | "number" | "string" | "boolean" | "date";
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

/** One served version of a kind. */
export interface DefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  schema?: { openAPIV3Schema: JSONSchemaProps };
  subresources?: {
    status?: Record<string, never>;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
}

/** A kind the API server serves: the `spec` of a CustomResourceDefinition. */
export interface ResourceDefinition {
  /** API group; "" is the legacy core group served at /api/v1. */
  group: string;
  names: {
    plural: string;
    singular: string;
    kind: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  scope: "Namespaced" | "Cluster";
  versions: DefinitionVersion[];
}

/**
 * One field error, as Kubernetes' field.Error becomes a Status cause: `reason` is the cause reason
 * ("FieldValueRequired", "FieldValueInvalid", "FieldValueTypeInvalid", "FieldValueNotSupported",
 * "FieldValueDuplicate", "FieldValueTooLong", "FieldValueTooMany", "FieldValueForbidden",
 * "FieldValueNotFound", "FieldValueUnknown" for a field the schema does not declare under Strict), `field` the
 * path ("spec.containers[0].image"), and `message` the text after "field: " ("Required value",
 * `Invalid value: "abc": spec.x in body should match '^[a-z]+$'`).
 */
export interface FieldError {
  reason: string;
  field: string;
  message: string;
}
