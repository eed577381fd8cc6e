/**
 * The access reviews, answered from the request and never stored (Kubernetes' registry/authorization
 * and registry/authentication/selfsubjectreview REST storage): SelfSubjectAccessReview and
 * SubjectAccessReview ask the authorizer one question, LocalSubjectAccessReview the same within the
 * URL's namespace, SelfSubjectRulesReview lists the caller's rules in a namespace (`kubectl auth can-i
 * --list`), and SelfSubjectReview says who the caller is (`kubectl auth whoami`).
 *
 * @module
 */
import type { Context } from "hono";
import {
  alwaysAllow,
  anonymousUser,
  type Authorizer,
  type RequestInfo,
  resourceAttributes,
  type UserInfo,
} from "@skiff/auth";
import type { FieldError } from "@skiff/schema";
import { readObject } from "./body.ts";
import { ApiError } from "./errors.ts";
import type { ResourceTarget } from "./_paths.ts";

// deno-lint-ignore no-explicit-any
type Body = Record<string, any>;

/**
 * Answers a request on a create-only resource: POST on the collection gets 201 and the review with its
 * status filled in; every other method is 405, as Kubernetes routes nothing else there.
 *
 * @example
 * ```ts
 * if (target.resource.createOnly) return await serveReview(c, target, rbac);
 * ```
 */
export async function serveReview(
  c: Context,
  t: ResourceTarget,
  authorizer: Authorizer = alwaysAllow,
): Promise<Response> {
  const res = t.resource;
  if (c.req.method !== "POST" || t.name || t.watch || (res.namespaced && !t.namespace)) {
    throw ApiError.methodNotAllowed();
  }
  const body = await readObject(c.req.raw) as Body;
  if (body.kind !== undefined && body.kind !== res.kind) {
    throw ApiError.badRequest(
      `the kind of the object (${body.kind}) does not match the kind on the URL (${res.kind})`,
    );
  }
  // The generic create path would refuse a namespace other than the URL's the same way.
  const metaNamespace = body.metadata?.namespace;
  if (t.namespace && metaNamespace && metaNamespace !== t.namespace) {
    throw ApiError.badRequest(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  const user = ((c.var as Record<string, unknown>).user as UserInfo | undefined) ?? anonymousUser();
  const metadata = {
    ...body.metadata,
    creationTimestamp: null,
    ...(t.namespace ? { namespace: t.namespace } : {}),
  };
  const out: Body = { kind: res.kind, apiVersion: res.apiVersion, metadata };
  const spec: Body = body.spec ?? {};
  const invalid = (errors: FieldError[]) => {
    if (errors.length) {
      throw ApiError.invalid(res.kind, { resource: res.plural, group: res.group, name: "" }, errors);
    }
  };
  switch (res.kind) {
    case "SelfSubjectReview":
      out.status = { userInfo: userInfo(user) };
      break;
    case "SelfSubjectAccessReview":
      invalid(checkAttributes(spec));
      out.spec = spec;
      out.status = decide(authorizer, user, spec);
      break;
    case "SubjectAccessReview":
    case "LocalSubjectAccessReview": {
      const errors = checkAttributes(spec);
      if (!spec.user && !spec.groups?.length) {
        errors.push({
          reason: "FieldValueInvalid",
          field: "spec.user",
          message: 'Invalid value: "": at least one of user or group must be specified',
        });
      }
      const attrNamespace = spec.resourceAttributes?.namespace ?? "";
      if (t.namespace && spec.resourceAttributes && attrNamespace !== t.namespace) {
        errors.push({
          reason: "FieldValueInvalid",
          field: "spec.resourceAttributes.namespace",
          message: `Invalid value: ${JSON.stringify(attrNamespace)}: must match metadata.namespace`,
        });
      }
      invalid(errors);
      const subject: UserInfo = {
        username: spec.user ?? "",
        uid: spec.uid,
        groups: spec.groups ?? [],
        extra: spec.extra,
      };
      out.spec = spec;
      out.status = decide(authorizer, subject, spec);
      break;
    }
    case "SelfSubjectRulesReview": {
      if (!spec.namespace) throw ApiError.badRequest("no namespace on request");
      const set = authorizer.rulesFor(user, spec.namespace);
      out.spec = spec;
      out.status = {
        resourceRules: set.rules.filter((r) => r.resources?.length).map((r) =>
          compact({
            verbs: r.verbs,
            apiGroups: r.apiGroups,
            resources: r.resources,
            resourceNames: r.resourceNames,
          })
        ),
        nonResourceRules: set.rules.filter((r) => r.nonResourceURLs?.length).map((r) =>
          compact({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })
        ),
        incomplete: set.incomplete,
        ...(set.evaluationError ? { evaluationError: set.evaluationError } : {}),
      };
      break;
    }
    default:
      throw ApiError.methodNotAllowed();
  }
  return c.json(out, 201);
}

/** ValidateSelfSubjectAccessReviewSpec: exactly one of resourceAttributes and nonResourceAttributes. */
function checkAttributes(spec: Body): FieldError[] {
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    return [{
      reason: "FieldValueInvalid",
      field: "spec.nonResourceAttributes",
      message: `Invalid value: ${
        goStruct(spec.nonResourceAttributes)
      }: cannot be specified in combination with resourceAttributes`,
    }];
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    return [{
      reason: "FieldValueInvalid",
      field: "spec.resourceAttributes",
      message:
        'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    }];
  }
  return [];
}

/** The authorizer's answer as a SubjectAccessReviewStatus. */
function decide(authorizer: Authorizer, user: UserInfo, spec: Body): Body {
  const d = authorizer.authorize(user, attributesOf(spec));
  return d.reason ? { allowed: d.allowed, reason: d.reason } : { allowed: d.allowed };
}

/** ResourceAttributesFrom / NonResourceAttributesFrom: an empty version means every version. */
function attributesOf(spec: Body): RequestInfo {
  const r = spec.resourceAttributes;
  if (r) {
    return resourceAttributes({
      verb: r.verb ?? "",
      apiGroup: r.group ?? "",
      apiVersion: r.version || "*",
      namespace: r.namespace ?? "",
      resource: r.resource ?? "",
      subresource: r.subresource ?? "",
      name: r.name ?? "",
    });
  }
  const n = spec.nonResourceAttributes ?? {};
  return resourceAttributes({ isResourceRequest: false, path: n.path ?? "", verb: n.verb ?? "" });
}

function userInfo(user: UserInfo): Body {
  const out: Body = { username: user.username };
  if (user.uid) out.uid = user.uid;
  if (user.groups.length) out.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length) out.extra = user.extra;
  return out;
}

/** The object without its undefined or empty-list fields (Go's omitempty). */
function compact(o: Record<string, string[] | undefined>): Body {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v.length > 0));
}

/** A pointer to an attributes struct as Go's %#v prints it, near enough for an error message. */
function goStruct(o: Body): string {
  const fields = Object.entries(o).map(([k, v]) => `${k[0].toUpperCase()}${k.slice(1)}:${JSON.stringify(v)}`);
  return `&authorization.NonResourceAttributes{${fields.join(", ")}}`;
}
