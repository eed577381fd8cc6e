/**
 * Cases ported from Kubernetes' own strategic merge patch tests
 * (k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go: customStrategicMergePatchRawTestCases,
 * strategicMergePatchRawTestCases, customStrategicMergePatchTestCaseData), run against the same MergeItem
 * type, written as a JSONSchemaProps. Upstream each raw case has an original and a current object with a
 * two-way and a three-way patch; each is ported here as the patch and the object it applies to, with the
 * exact result (list order included) Kubernetes expects.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import type { JSONSchemaProps } from "../schema/types.ts";
import { applyStrategicMergePatch } from "./strategic_merge_patch.ts";
import { PatchError } from "./errors.ts";

/** Kubernetes' test type MergeItem (and RetainKeysMergeItem) with its struct tags as extensions. */
const mergeItem: JSONSchemaProps = { type: "object" };
const mergeList = (strategy: string): JSONSchemaProps => ({
  type: "array",
  items: mergeItem,
  "x-kubernetes-patch-strategy": strategy,
  "x-kubernetes-patch-merge-key": "name",
});
const intList = (strategy?: string): JSONSchemaProps => ({
  type: "array",
  items: { type: "integer" },
  ...(strategy ? { "x-kubernetes-patch-strategy": strategy } : {}),
});
const simpleMap: JSONSchemaProps = { type: "object", additionalProperties: { type: "string" } };
mergeItem.properties = {
  name: { type: "string" },
  value: { type: "string" },
  other: { type: "string" },
  mergingList: mergeList("merge"),
  nonMergingList: { type: "array", items: mergeItem },
  mergingIntList: intList("merge"),
  nonMergingIntList: intList(),
  // A pointer to a MergeItem tagged like a merging list: Kubernetes looks its items up in MergeItem.
  mergeItemPtr: { ...mergeList("merge"), items: undefined, type: "object" },
  simpleMap,
  replacingItem: { "x-kubernetes-preserve-unknown-fields": true, "x-kubernetes-patch-strategy": "replace" },
  retainKeysMap: {
    type: "object",
    "x-kubernetes-patch-strategy": "retainKeys",
    properties: {
      name: { type: "string" },
      value: { type: "string" },
      other: { type: "string" },
      simpleMap,
      mergingIntList: intList("merge"),
      mergingList: mergeList("merge"),
      nonMergingList: { type: "array", items: mergeItem },
    },
  },
  retainKeysMergingList: mergeList("merge,retainKeys"),
  jsonItem: { "x-kubernetes-preserve-unknown-fields": true },
};
mergeItem.properties.mergeItemPtr.properties = mergeItem.properties;

interface Case {
  name: string;
  live: string;
  patch: string;
  want?: string;
  /** A part of the error's message (or detail), as Kubernetes' tests match it. */
  error?: string;
}

const cases: Case[] = [
  {
    name: "$setElementOrder contains item that is not present in the list to be merged",
    live: `
mergingList:
  - name: 1
  - name: 3
`,
    patch: `
$setElementOrder/mergingList:
  - name: 3
  - name: 2
  - name: 1
mergingList:
  - name: 3
    value: 3
  - name: 1
    value: 1
`,
    want: `
mergingList:
  - name: 3
    value: 3
  - name: 1
    value: 1
`,
  },
  {
    name: "$setElementOrder contains item that is not present in the int list to be merged",
    live: `
mergingIntList:
  - 1
  - 3
`,
    patch: `
$setElementOrder/mergingIntList:
  - 3
  - 2
  - 1
`,
    want: `
mergingIntList:
  - 3
  - 1
`,
  },
  {
    name: "should check if order in $setElementOrder and patch list match",
    live: `
mergingList:
  - name: 1
  - name: 3
  - name: 2
`,
    patch: `
$setElementOrder/mergingList:
  - name: 1
  - name: 2
  - name: 3
mergingList:
  - name: 3
    value: 3
  - name: 1
    value: 1
`,
    error: "doesn't match",
  },
  {
    name: "missing merge key should error out",
    live: `
mergingList:
  - name: 1
    value: a
`,
    patch: `
mergingList:
  - value: b
`,
    error: "does not contain declared merge key",
  },
  {
    name:
      "$deleteFromPrimitiveList of nonexistent item in primitive list should not add the item to the list",
    live: `
mergingIntList:
  - 1
  - 2
`,
    patch: `
$deleteFromPrimitiveList/mergingIntList:
  - 3
`,
    want: `
mergingIntList:
  - 1
  - 2
`,
  },
  {
    name: "$deleteFromPrimitiveList on empty primitive list should not add the item to the list",
    live: `
mergingIntList:
`,
    patch: `
$deleteFromPrimitiveList/mergingIntList:
  - 3
`,
    want: `
mergingIntList:
`,
  },
  {
    name: "$deleteFromPrimitiveList on nonexistent primitive list should not add the primitive list",
    live: `
foo:
  - bar
`,
    patch: `
$deleteFromPrimitiveList/mergingIntList:
  - 3
`,
    want: `
foo:
  - bar
`,
  },
  {
    name: "$deleteFromPrimitiveList should delete item from a list with merge patch strategy",
    live: `
mergingIntList:
  - 1
  - 2
  - 3
`,
    patch: `
$deleteFromPrimitiveList/mergingIntList:
  - 2
`,
    want: `
mergingIntList:
  - 1
  - 3
`,
  },
  {
    name: "$deleteFromPrimitiveList should delete item from a list without merge patch strategy",
    live: `
nonMergingIntList:
  - 1
  - 2
  - 3
`,
    patch: `
$deleteFromPrimitiveList/nonMergingIntList:
  - 2
`,
    want: `
nonMergingIntList:
  - 1
  - 3
`,
  },
  {
    name: "nested patch merge with empty list (two-way patch)",
    live: `
name: hi
`,
    patch: `
mergingList:
- name: hello
- $patch: delete
  name: doesntexist
`,
    want: `
name: hi
mergingList:
- name: hello
`,
  },
  {
    name: "nested patch merge with empty list (three-way patch)",
    live: `
name: hi
mergingList:
- name: hello2
`,
    patch: `
$setElementOrder/mergingList:
- name: hello
- name: doesntexist
mergingList:
- name: hello
`,
    want: `
name: hi
mergingList:
- name: hello
- name: hello2
`,
  },
  {
    name: "delete items in lists of scalars (two-way patch)",
    live: `
mergingIntList:
  - 1
  - 2
  - 3
`,
    patch: `
$setElementOrder/mergingIntList:
  - 1
  - 2
$deleteFromPrimitiveList/mergingIntList:
  - 3
`,
    want: `
mergingIntList:
  - 1
  - 2
`,
  },
  {
    name: "delete all duplicate items in lists of scalars (two-way patch)",
    live: `
mergingIntList:
  - 1
  - 2
  - 3
  - 3
`,
    patch: `
$setElementOrder/mergingIntList:
  - 1
  - 2
$deleteFromPrimitiveList/mergingIntList:
  - 3
`,
    want: `
mergingIntList:
  - 1
  - 2
`,
  },
  {
    name: "add and delete items in lists of scalars (three-way patch)",
    live: `
mergingIntList:
  - 1
  - 2
  - 3
  - 4
`,
    patch: `
$setElementOrder/mergingIntList:
  - 1
  - 2
  - 4
$deleteFromPrimitiveList/mergingIntList:
  - 3
`,
    want: `
mergingIntList:
  - 1
  - 2
  - 4
`,
  },
  {
    name: "merge lists of maps (three-way patch)",
    live: `
mergingList:
  - name: 1
    other: a
  - name: 2
    value: 2
    other: b
`,
    patch: `
$setElementOrder/mergingList:
  - name: 4
  - name: 1
  - name: 2
  - name: 3
mergingList:
  - name: 4
    value: 4
  - name: 3
    value: 3
`,
    want: `
mergingList:
  - name: 4
    value: 4
  - name: 1
    other: a
  - name: 2
    value: 2
    other: b
  - name: 3
    value: 3
`,
  },
  {
    name: "add an item that already exists in current object in merging list (three-way patch)",
    live: `
mergingList:
  - name: 1
    value: a
    other: x
  - name: 2
  - name: 3
`,
    patch: `
{}
`,
    want: `
mergingList:
  - name: 1
    value: a
    other: x
  - name: 2
  - name: 3
`,
  },
  {
    name: "delete map from merging list (three-way patch)",
    live: `
mergingList:
  - name: 1
  - name: 2
    other: b
`,
    patch: `
$setElementOrder/mergingList:
  - name: 2
mergingList:
  - name: 1
    $patch: delete
`,
    want: `
mergingList:
  - name: 2
    other: b
`,
  },
  {
    name: "delete missing map from merging list (two-way patch)",
    live: `
mergingList:
  - name: 1
  - name: 2
`,
    patch: `
$setElementOrder/mergingList:
  - name: 2
mergingList:
  - name: 1
    $patch: delete
`,
    want: `
mergingList:
  - name: 2
`,
  },
  {
    name: "add map and delete map from merging list (three-way patch)",
    live: `
mergingList:
  - name: 1
  - name: 2
    other: b
  - name: 4
    other: c
`,
    patch: `
$setElementOrder/mergingList:
  - name: 2
  - name: 3
mergingList:
  - name: 3
  - name: 1
    $patch: delete
`,
    want: `
mergingList:
  - name: 2
    other: b
  - name: 4
    other: c
  - name: 3
`,
  },
  {
    name: "add map and delete map from merging list with conflict (three-way patch)",
    live: `
mergingList:
  - name: 1
    other: a
  - name: 4
    other: c
`,
    patch: `
$setElementOrder/mergingList:
  - name: 2
  - name: 3
mergingList:
  - name: 2
  - name: 3
  - name: 1
    $patch: delete
`,
    want: `
mergingList:
  - name: 4
    other: c
  - name: 2
  - name: 3
`,
  },
  {
    name: "delete field from map in merging list (three-way patch)",
    live: `
mergingList:
  - name: 1
    value: 1
    other: a
  - name: 2
    value: 2
    other: b
`,
    patch: `
$setElementOrder/mergingList:
  - name: 1
  - name: 2
mergingList:
  - name: 1
    value: null
`,
    want: `
mergingList:
  - name: 1
    other: a
  - name: 2
    value: 2
    other: b
`,
  },
  {
    name: "replace non merging list nested in merging list (three-way patch)",
    live: `
mergingList:
  - name: 1
    other: a
    nonMergingList:
      - name: 1
      - name: 2
        value: 2
  - name: 2
    other: b
`,
    patch: `
$setElementOrder/mergingList:
  - name: 1
  - name: 2
mergingList:
  - name: 1
    nonMergingList:
      - name: 1
        value: 1
`,
    want: `
mergingList:
  - name: 1
    other: a
    nonMergingList:
      - name: 1
        value: 1
  - name: 2
    other: b
`,
  },
  {
    name: "add field to map in merging list nested in merging list (three-way patch)",
    live: `
mergingList:
  - name: 1
    other: a
    mergingList:
      - name: 1
      - name: 2
        value: 2
  - name: 2
    other: b
`,
    patch: `
$setElementOrder/mergingList:
  - name: 1
  - name: 2
mergingList:
  - $setElementOrder/mergingList:
      - name: 1
      - name: 2
    name: 1
    mergingList:
      - name: 1
        value: 1
`,
    want: `
mergingList:
  - name: 1
    other: a
    mergingList:
      - name: 1
        value: 1
      - name: 2
        value: 2
  - name: 2
    other: b
`,
  },
  {
    name: "add map to merging list by pointer (two-way patch)",
    live: `
mergeItemPtr:
  - name: 1
`,
    patch: `
$setElementOrder/mergeItemPtr:
  - name: 1
  - name: 2
mergeItemPtr:
  - name: 2
`,
    want: `
mergeItemPtr:
  - name: 1
  - name: 2
`,
  },
  {
    name: "add field to map in merging list by pointer (three-way patch)",
    live: `
mergeItemPtr:
  - name: 1
    other: a
    mergeItemPtr:
      - name: 1
        other: a
      - name: 2
        value: 2
        other: b
  - name: 2
    other: b
`,
    patch: `
$setElementOrder/mergeItemPtr:
  - name: 1
  - name: 2
mergeItemPtr:
  - $setElementOrder/mergeItemPtr:
      - name: 1
      - name: 2
    name: 1
    mergeItemPtr:
      - name: 1
        value: 1
`,
    want: `
mergeItemPtr:
  - name: 1
    other: a
    mergeItemPtr:
      - name: 1
        value: 1
        other: a
      - name: 2
        value: 2
        other: b
  - name: 2
    other: b
`,
  },
  {
    name: "merge lists of scalars (three-way patch)",
    live: `
mergingIntList:
- 1
- 2
- 4
`,
    patch: `
$setElementOrder/mergingIntList:
- 1
- 2
- 3
mergingIntList:
- 3
`,
    want: `
mergingIntList:
- 1
- 2
- 3
- 4
`,
  },
  {
    name: "add an item in a list of primitives and preserve order (three-way patch)",
    live: `
mergingIntList:
- 1
- 4
- 2
`,
    patch: `
$setElementOrder/mergingIntList:
- 3
- 1
- 2
mergingIntList:
- 3
`,
    want: `
mergingIntList:
- 3
- 1
- 4
- 2
`,
  },
  {
    name: "add multiple items in a list and preserve order (three-way patch)",
    live: `
mergingList:
  - name: 1
    other: a
  - name: 2
    value: 2
    other: b
`,
    patch: `
$setElementOrder/mergingList:
  - name: 1
  - name: 4
  - name: 2
  - name: 3
mergingList:
  - name: 4
    value: 4
  - name: 3
    value: 3
`,
    want: `
mergingList:
  - name: 1
    other: a
  - name: 4
    value: 4
  - name: 2
    value: 2
    other: b
  - name: 3
    value: 3
`,
  },
  {
    name: "add and delete an item in a list and preserve order (three-way patch)",
    live: `
mergingList:
  - name: 1
    other: a
  - name: 2
    value: 2
    other: b
  - name: 3
    value: 3
`,
    patch: `
$setElementOrder/mergingList:
  - name: 4
  - name: 2
  - name: 1
mergingList:
  - name: 4
    value: 4
  - name: 3
    $patch: delete
`,
    want: `
mergingList:
  - name: 4
    value: 4
  - name: 2
    value: 2
    other: b
  - name: 1
    other: a
`,
  },
  {
    name: "set elements order in a list with server-only items (three-way patch)",
    live: `
mergingList:
  - name: 1
    other: a
  - name: 3
    value: 3
  - name: 4
    value: 4
  - name: 2
    value: 2
  - name: 9
`,
    patch: `
$setElementOrder/mergingList:
  - name: 4
  - name: 2
  - name: 3
  - name: 1
`,
    want: `
mergingList:
  - name: 4
    value: 4
  - name: 2
    value: 2
  - name: 3
    value: 3
  - name: 1
    other: a
  - name: 9
`,
  },
  {
    name: "set elements order in a list with server-only items 3 (three-way patch)",
    live: `
mergingList:
  - name: 1
    other: a
  - name: 2
    value: 2
  - name: 7
  - name: 9
  - name: 8
  - name: 3
    value: 3
  - name: 4
    value: 4
`,
    patch: `
$setElementOrder/mergingList:
  - name: 2
  - name: 1
  - name: 4
  - name: 3
`,
    want: `
mergingList:
  - name: 2
    value: 2
  - name: 1
    other: a
  - name: 7
  - name: 9
  - name: 8
  - name: 4
    value: 4
  - name: 3
    value: 3
`,
  },
  {
    name: "set elements order in a int list with server-only items (three-way patch)",
    live: `
mergingIntList:
  - 1
  - 3
  - 4
  - 2
  - 9
`,
    patch: `
$setElementOrder/mergingIntList:
  - 4
  - 2
  - 3
  - 1
`,
    want: `
mergingIntList:
  - 4
  - 2
  - 3
  - 1
  - 9
`,
  },
  {
    name: "behavior of set element order for a merging list with duplicate (two-way patch)",
    live: `
mergingList:
- name: 1
- name: 2
  value: dup1
- name: 3
- name: 2
  value: dup2
- name: 4
`,
    patch: `
$setElementOrder/mergingList:
- name: 2
- name: 1
- name: 4
- name: 3
- name: 2
`,
    want: `
mergingList:
- name: 2
  value: dup1
- name: 2
  value: dup2
- name: 1
- name: 4
- name: 3
`,
  },
  {
    name: "behavior of set element order for a merging int list with duplicate (two-way patch)",
    live: `
mergingIntList:
- 1
- 2
- 3
- 2
- 4
`,
    patch: `
$setElementOrder/mergingIntList:
- 2
- 1
- 4
- 3
- 2
`,
    want: `
mergingIntList:
- 2
- 2
- 1
- 4
- 3
`,
  },
  {
    name: "retainKeys map should clear defaulted field (three-way patch)",
    live: `
retainKeysMap:
  value: foo
`,
    patch: `
retainKeysMap:
  $retainKeys:
    - other
  other: bar
`,
    want: `
retainKeysMap:
  other: bar
`,
  },
  {
    name: "retainKeys map adds a field and clear a field (three-way patch)",
    live: `
retainKeysMap:
  name: foo
  other: a
`,
    patch: `
retainKeysMap:
  $retainKeys:
    - name
    - value
  value: bar
`,
    want: `
retainKeysMap:
  name: foo
  value: bar
`,
  },
  {
    name: "retainKeys map clears a field (three-way patch)",
    live: `
retainKeysMap:
  name: foo
  value: bar
  other: a
`,
    patch: `
retainKeysMap:
  $retainKeys:
    - name
    - value
`,
    want: `
retainKeysMap:
  name: foo
  value: bar
`,
  },
  {
    name: "retainKeys map replaces non-merging list (three-way patch)",
    live: `
retainKeysMap:
  name: foo
  value: bar
  nonMergingList:
  - name: a
  - name: b
`,
    patch: `
retainKeysMap:
  $retainKeys:
    - name
    - nonMergingList
    - value
  nonMergingList:
  - name: a
  - name: c
  - name: b
`,
    want: `
retainKeysMap:
  name: foo
  value: bar
  nonMergingList:
  - name: a
  - name: c
  - name: b
`,
  },
  {
    name: "retainKeys map adds an item in nested merging int list (three-way patch)",
    live: `
retainKeysMap:
  name: foo
  mergingIntList:
  - 1
  - 2
  - 3
`,
    patch: `
retainKeysMap:
  $setElementOrder/mergingIntList:
    - 1
    - 2
    - 4
  $retainKeys:
    - mergingIntList
    - name
  mergingIntList:
  - 4
`,
    want: `
retainKeysMap:
  name: foo
  mergingIntList:
  - 1
  - 2
  - 4
  - 3
`,
  },
  {
    name: "retainKeys map deletes an item in nested merging list (three-way patch)",
    live: `
retainKeysMap:
  name: foo
  mergingList:
  - name: a
  - name: b
  - name: x
`,
    patch: `
retainKeysMap:
  $retainKeys:
    - mergingList
    - name
  $setElementOrder/mergingList:
    - name: a
  mergingList:
  - name: b
    $patch: delete
`,
    want: `
retainKeysMap:
  name: foo
  mergingList:
  - name: a
  - name: x
`,
  },
  {
    name: "retainKeys list of maps changes a field and clear a field (three-way patch)",
    live: `
retainKeysMergingList:
- name: bar
- name: foo
  value: old
  other: x
`,
    patch: `
$setElementOrder/retainKeysMergingList:
  - name: bar
  - name: foo
retainKeysMergingList:
- $retainKeys:
    - name
    - value
  name: foo
  value: new
`,
    want: `
retainKeysMergingList:
- name: bar
- name: foo
  value: new
`,
  },
  {
    name: "retainKeys list of maps adds a field and clear a field (three-way patch)",
    live: `
retainKeysMergingList:
- name: bar
- name: foo
  other: x
`,
    patch: `
$setElementOrder/retainKeysMergingList:
  - name: bar
  - name: foo
retainKeysMergingList:
- $retainKeys:
    - name
    - value
  name: foo
  value: a
`,
    want: `
retainKeysMergingList:
- name: bar
- name: foo
  value: a
`,
  },
  {
    name: "delete and reorder in one list, reorder in another (three-way patch)",
    live: `
mergingList:
- name: a
  value: a
- name: b
  value: b
mergeItemPtr:
- name: c
  value: c
- name: d
  value: d
`,
    patch: `
$setElementOrder/mergingList:
- name: b
$setElementOrder/mergeItemPtr:
- name: d
- name: c
mergingList:
- $patch: delete
  name: a
`,
    want: `
mergingList:
- name: b
  value: b
mergeItemPtr:
- name: d
  value: d
- name: c
  value: c
`,
  },
  {
    name: "unique scalars when merging lists",
    live: `
mergingIntList:
- 1
- 2
`,
    patch: `
mergingIntList:
- 2
- 3
`,
    want: `
mergingIntList:
- 1
- 2
- 3
`,
  },
  {
    name: "delete map from nested map",
    live: `
simpleMap:
  key1: 1
  key2: 1
`,
    patch: `
simpleMap:
  $patch: delete
`,
    want: `
simpleMap: {}
`,
  },
  {
    name: "delete all items from merging list",
    live: `
mergingList:
- name: 1
- name: 2
`,
    patch: `
mergingList:
- $patch: replace
`,
    want: `
mergingList: []
`,
  },
  {
    name: "merge empty merging lists",
    live: `
mergingList: []
`,
    patch: `
mergingList: []
`,
    want: `
mergingList: []
`,
  },
  {
    name: "delete all keys from map",
    live: `
name: 1
value: 1
`,
    patch: `
$patch: replace
`,
    want: `
{}
`,
  },
  {
    name: "add key and delete all keys from map",
    live: `
name: 1
value: 1
`,
    patch: `
other: a
$patch: replace
`,
    want: `
other: a
`,
  },
  {
    name: "delete all duplicate entries in a merging list",
    live: `
mergingList:
- name: 1
- name: 1
- name: 2
  value: a
- name: 3
- name: 3
`,
    patch: `
mergingList:
- name: 1
  $patch: delete
- name: 3
  $patch: delete
`,
    want: `
mergingList:
- name: 2
  value: a
`,
  },
  {
    name: "retainKeys map can add a field when no retainKeys directive present",
    live: `
retainKeysMap:
  name: foo
`,
    patch: `
retainKeysMap:
  value: bar
`,
    want: `
retainKeysMap:
  name: foo
  value: bar
`,
  },
  {
    name: "retainKeys map can change a field when no retainKeys directive present",
    live: `
retainKeysMap:
  name: foo
  value: a
`,
    patch: `
retainKeysMap:
  value: b
`,
    want: `
retainKeysMap:
  name: foo
  value: b
`,
  },
  {
    name: "retainKeys map can delete a field when no retainKeys directive present",
    live: `
retainKeysMap:
  name: foo
  value: a
`,
    patch: `
retainKeysMap:
  value: null
`,
    want: `
retainKeysMap:
  name: foo
`,
  },
  {
    name: "retainKeys map merge an empty map",
    live: `
retainKeysMap:
  name: foo
  value: a
`,
    patch: `
retainKeysMap: {}
`,
    want: `
retainKeysMap:
  name: foo
  value: a
`,
  },
  {
    name: "retainKeys list can add a field when no retainKeys directive present",
    live: `
retainKeysMergingList:
- name: bar
- name: foo
`,
    patch: `
retainKeysMergingList:
- name: foo
  value: a
`,
    want: `
retainKeysMergingList:
- name: bar
- name: foo
  value: a
`,
  },
  {
    name: "retainKeys list can change a field when no retainKeys directive present",
    live: `
retainKeysMergingList:
- name: bar
- name: foo
  value: a
`,
    patch: `
retainKeysMergingList:
- name: foo
  value: b
`,
    want: `
retainKeysMergingList:
- name: bar
- name: foo
  value: b
`,
  },
  {
    name: "retainKeys list can delete a field when no retainKeys directive present",
    live: `
retainKeysMergingList:
- name: bar
- name: foo
  value: a
`,
    patch: `
retainKeysMergingList:
- name: foo
  value: null
`,
    want: `
retainKeysMergingList:
- name: bar
- name: foo
`,
  },
  {
    name: "preserve the order from the patch in a merging list",
    live: `
mergingList:
- name: 1
- name: 2
  value: b
- name: 3
`,
    patch: `
mergingList:
- name: 3
  value: c
- name: 1
  value: a
- name: 2
  other: x
`,
    want: `
mergingList:
- name: 3
  value: c
- name: 1
  value: a
- name: 2
  value: b
  other: x
`,
  },
  {
    name: "preserve the order from the patch in a merging list 2",
    live: `
mergingList:
- name: 1
- name: 2
  value: b
- name: 3
`,
    patch: `
mergingList:
- name: 3
  value: c
- name: 1
  value: a
`,
    want: `
mergingList:
- name: 2
  value: b
- name: 3
  value: c
- name: 1
  value: a
`,
  },
  {
    name: "preserve the order from the patch in a merging int list",
    live: `
mergingIntList:
- 1
- 2
- 3
`,
    patch: `
mergingIntList:
- 3
- 1
- 2
`,
    want: `
mergingIntList:
- 3
- 1
- 2
`,
  },
  {
    name: "preserve the order from the patch in a merging int list (2)",
    live: `
mergingIntList:
- 1
- 2
- 3
`,
    patch: `
mergingIntList:
- 3
- 1
`,
    want: `
mergingIntList:
- 2
- 3
- 1
`,
  },
];

for (const c of cases) {
  Deno.test(`Kubernetes' case "${c.name}" gives Kubernetes' result`, () => {
    const live = parse(c.live) ?? {};
    const patch = parse(c.patch) ?? {};
    if (c.error) {
      assert.throws(
        () => applyStrategicMergePatch(live, patch, mergeItem),
        (e) => e instanceof PatchError && `${e.message} ${e.detail ?? ""}`.includes(c.error!),
      );
      return;
    }
    assert.deepStrictEqual(applyStrategicMergePatch(live, patch, mergeItem), parse(c.want!) ?? {});
  });
}
