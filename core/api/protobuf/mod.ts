/**
 * Kubernetes protobuf request bodies (application/vnd.kubernetes.protobuf), which typed client-go
 * clients, and so kubectl's create, run, auth and delete commands, send for built-in kinds. A body is
 * decoded into the plain object its JSON form would be, so validation, admission and storage see no
 * difference. The schemas are the vendored k8s.io .proto files in proto/ (refresh_protos.ts), parsed on
 * the first protobuf body.
 *
 * @example
 * ```ts
 * import { decodeProtobuf, PROTOBUF_MEDIA_TYPE } from "./mod.ts";
 * if (contentType === PROTOBUF_MEDIA_TYPE) {
 *   const object = decodeProtobuf(new Uint8Array(await req.arrayBuffer())); // { apiVersion: "v1", kind: "Namespace", ... }
 * }
 * ```
 *
 * @module
 */
export { decodeProtobuf, PROTOBUF_MAGIC, PROTOBUF_MEDIA_TYPE, protoTypeName } from "./decode.ts";
