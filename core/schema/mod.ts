/**
 * Skiff's schema machinery: resource definitions in CRD shape, and the checks every write goes through,
 * behaving and worded as Kubernetes' apiextensions-apiserver and apimachinery: pruning of unknown
 * fields, structural defaulting, OpenAPI v3 validation, ObjectMeta and label-selector rules, and the
 * structural-schema checks of a CRD.
 *
 * @example
 * ```ts
 * import { applyDefaults, prune, validate } from "@skiff/schema";
 * const schema = {
 *   type: "object" as const,
 *   properties: { spec: { type: "object" as const, properties: { replicas: { type: "integer" as const, default: 1 } } } },
 * };
 * const obj = { apiVersion: "x/v1", kind: "X", metadata: { name: "a" }, spec: { extra: true } };
 * prune(obj, schema); // ["spec.extra"]
 * applyDefaults(obj, schema); // obj.spec.replicas is now 1
 * validate(obj, schema); // []
 * ```
 *
 * @module
 */
export type {
  DefinitionVersion,
  FieldError,
  JSONSchemaProps,
  PrinterColumn,
  ResourceDefinition,
} from "./types.ts";
export { validate, type ValidateOptions } from "./validate.ts";
export { prune, type PruneOptions } from "./prune.ts";
export { applyDefaults } from "./defaults.ts";
export { checkStructural, type StructuralOptions } from "./structural.ts";
export {
  decodeErrorMessage,
  duplicateFieldMessage,
  type FieldValidation,
  strictDecodingMessage,
  unknownFieldErrors,
  unknownFieldMessage,
  unknownFieldWarnings,
} from "./unknown_fields.ts";
export {
  type NameRule,
  objectMetaDecodeError,
  type ObjectMetaOptions,
  type ObjectMetaUpdateOptions,
  TOTAL_ANNOTATION_SIZE_LIMIT,
  validateAnnotations,
  validateFieldManager,
  validateFinalizers,
  validateLabelName,
  validateLabels,
  validateManagedFields,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateOwnerReferences,
} from "./metadata.ts";
export {
  type LabelSelector,
  type LabelSelectorOptions,
  type LabelSelectorRequirement,
  validateLabelSelector,
  validateLabelSelectorRequirement,
} from "./label_selector.ts";
export {
  type CompiledSelector,
  compileLabelSelector,
  type Labels,
  labelSelectorMatches,
  mergeMatchLabels,
  SELECT_EVERYTHING,
  SELECT_NOTHING,
} from "./label_selector_match.ts";
export {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1123SubdomainWithUnderscore,
  isPathSegmentName,
  isPathSegmentPrefix,
  isQualifiedName,
  isValidLabelValue,
  maskTrailingDash,
  maxLenError,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nameIsPathSegment,
  type NameValidator,
  regexError,
} from "./names.ts";
export {
  aggregateMessage,
  duplicate,
  fieldErrorString,
  forbidden,
  internalError,
  invalid,
  invalidMessage,
  invalidNoValue,
  nonNegative,
  notFound,
  notSupported,
  required,
  tooLong,
  tooLongCharacters,
  tooMany,
  typeInvalid,
} from "./field_error.ts";
export { type Field, FieldPath } from "./field_path.ts";
export { goLabelSelector, goQuote, goStringMap, goStrings, GoValue } from "./go_value.ts";
export {
  inclusiveRangeError,
  isConfigMapKey,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
} from "./value_checks.ts";
export { cloneJson, deepFreeze, frozenCopy, jsonEqual } from "./json.ts";
export { nowRfc3339 } from "./time.ts";
