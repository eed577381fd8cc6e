import assert from "node:assert/strict";
import { createCa, issueServingCert } from "@skiff/auth";
import { type ApiFixture, apiFixture, pod } from "../testing/api_fixture.ts";
import { securedServer } from "../testing/rbac_fixture.ts";

const PODS = "/api/v1/namespaces/default/pods";
const ADMISSION = "/apis/admissionregistration.k8s.io/v1";
const ca = await createCa();
const serving = await issueServingCert(ca, { sans: ["127.0.0.1"] });
const CA_BUNDLE = btoa(ca.cert);

// deno-lint-ignore no-explicit-any
type Review = { apiVersion: string; kind: string; request: Record<string, any> };
// deno-lint-ignore no-explicit-any
type Answer = Record<string, any>;

/** A real HTTPS webhook server: each path answers with its handler; every review it got is kept. */
function webhookServer(handlers: Record<string, (review: Review) => Answer | Promise<Answer>>) {
  const reviews: { path: string; review: Review }[] = [];
  const server = Deno.serve(
    { ...serving, hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const path = new URL(req.url).pathname;
      const review = await req.json() as Review;
      reviews.push({ path, review });
      const response = await handlers[path](review);
      return Response.json({
        apiVersion: "admission.k8s.io/v1",
        kind: "AdmissionReview",
        response: { uid: review.request.uid, ...response },
      });
    },
  );
  return {
    reviews,
    url: (path: string) => `https://127.0.0.1:${server.addr.port}${path}`,
    close: () => server.shutdown(),
  };
}

/** A loopback port nothing listens on: taken, then given back. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/** A webhook entry with the fields v1 requires, selecting pod creates and updates. */
function hook(name: string, url: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    clientConfig: { url, caBundle: CA_BUNDLE },
    rules: [{ operations: ["CREATE", "UPDATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }],
    sideEffects: "None",
    admissionReviewVersions: ["v1"],
    ...extra,
  };
}

/** Creates a configuration and waits until the dispatcher holds it (configurations arrive by watch). */
async function configure(f: ApiFixture, kind: "Validating" | "Mutating", name: string, webhooks: unknown[]) {
  const plural = `${kind.toLowerCase()}webhookconfigurations`;
  const { status, body } = await f.req("POST", `${ADMISSION}/${plural}`, {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: `${kind}WebhookConfiguration`,
    metadata: { name },
    webhooks,
  });
  assert.equal(status, 201, JSON.stringify(body));
  const list = kind === "Validating" ? "validating" : "mutating";
  while (!f.api.webhooks.hooks()[list].some((h) => h.configuration === name)) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return body;
}

const deny = (review: Review) =>
  review.request.object.metadata.labels?.deny === "yes"
    ? { allowed: false, result: { message: "pods labelled deny=yes are not welcome" } }
    : { allowed: true, warnings: ["checked by the policy webhook"] };

Deno.test("a validating webhook denies a labelled pod with its message and lets others through with its warnings", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({ "/validate": deny });
  try {
    await configure(f, "Validating", "policy", [hook("pods.policy.example.com", hooks.url("/validate"))]);
    const denied = await f.req("POST", PODS, pod("bad", { labels: { deny: "yes" } }));
    assert.equal(denied.status, 400);
    assert.equal(
      denied.body.message,
      'admission webhook "pods.policy.example.com" denied the request: pods labelled deny=yes are not welcome',
    );
    assert.equal(denied.body.code, 400);
    assert.equal((await f.req("GET", `${PODS}/bad`)).status, 404);

    const allowed = await f.req("POST", PODS, pod("good"));
    assert.equal(allowed.status, 201);
    assert.equal(allowed.headers.get("warning"), '299 - "checked by the policy webhook"');

    const { request } = hooks.reviews.at(-1)!.review;
    assert.equal(hooks.reviews.at(-1)!.review.apiVersion, "admission.k8s.io/v1");
    assert.deepEqual(request.kind, { group: "", version: "v1", kind: "Pod" });
    assert.deepEqual(request.resource, { group: "", version: "v1", resource: "pods" });
    assert.deepEqual(request.requestResource, request.resource);
    assert.equal(request.operation, "CREATE");
    assert.equal(request.namespace, "default");
    assert.equal(request.name, "good");
    assert.equal(request.object.spec.containers[0].image, "nginx");
    assert.equal(request.oldObject, undefined);
    assert.equal(request.dryRun, false);
    assert.deepEqual(request.options, { kind: "CreateOptions", apiVersion: "meta.k8s.io/v1" });
    assert.match(request.uid, /^[0-9a-f-]{36}$/);
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("a denial keeps the webhook's status code and reason, and updates send the old object", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({
    "/validate": (r) =>
      r.request.operation === "UPDATE"
        ? { allowed: false, result: { code: 403, reason: "Forbidden", message: "pods are frozen" } }
        : { allowed: true },
  });
  try {
    await configure(f, "Validating", "freeze", [hook("freeze.policy.example.com", hooks.url("/validate"))]);
    const created = await f.req("POST", PODS, pod("web"));
    assert.equal(created.status, 201);
    const updated = await f.req("PUT", `${PODS}/web`, {
      ...created.body,
      metadata: { ...created.body.metadata, labels: { a: "b" } },
    });
    assert.equal(updated.status, 403);
    assert.equal(updated.body.reason, "Forbidden");
    assert.equal(
      updated.body.message,
      'admission webhook "freeze.policy.example.com" denied the request: pods are frozen',
    );
    const { request } = hooks.reviews.at(-1)!.review;
    assert.equal(request.oldObject.metadata.labels, undefined);
    assert.deepEqual(request.object.metadata.labels, { a: "b" });
    assert.equal(request.options.kind, "UpdateOptions");
  } finally {
    await f.close();
    await hooks.close();
  }
});

const addLabel = (key: string, value: string) => (review: Review) => {
  const labels = review.request.object.metadata.labels;
  const ops = labels
    ? [{ op: "add", path: `/metadata/labels/${key}`, value }]
    : [{ op: "add", path: "/metadata/labels", value: { [key]: value } }];
  return { allowed: true, patchType: "JSONPatch", patch: btoa(JSON.stringify(ops)) };
};

Deno.test("a mutating webhook's JSONPatch is applied before the pod is stored", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({ "/mutate": addLabel("injected", "true") });
  try {
    await configure(f, "Mutating", "inject", [hook("inject.example.com", hooks.url("/mutate"))]);
    const { status, body } = await f.req("POST", PODS, pod("web"));
    assert.equal(status, 201);
    assert.equal(body.metadata.labels.injected, "true");
    assert.equal((await f.req("GET", `${PODS}/web`)).body.metadata.labels.injected, "true");
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("mutating webhooks see what in-process steps did, even steps added after them", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({ "/mutate": addLabel("webhook", "ran") });
  try {
    f.api.admission.add({
      name: "module-step",
      kinds: ["v1/Pod"],
      mutate: (req) => {
        req.object.metadata.annotations = { ...req.object.metadata.annotations, module: "ran" };
      },
    });
    await configure(f, "Mutating", "inject", [hook("inject.example.com", hooks.url("/mutate"))]);
    const { body } = await f.req("POST", PODS, pod("web"));
    assert.equal(hooks.reviews[0].review.request.object.metadata.annotations.module, "ran");
    assert.equal(body.metadata.labels.webhook, "ran");
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("an object a mutating webhook made invalid is refused by validation after it", async () => {
  const f = await apiFixture();
  const breakImage = () => ({
    allowed: true,
    patchType: "JSONPatch",
    patch: btoa(JSON.stringify([{ op: "remove", path: "/spec/containers/0/image" }])),
  });
  const hooks = webhookServer({ "/mutate": breakImage });
  try {
    await configure(f, "Mutating", "breaker", [hook("breaker.example.com", hooks.url("/mutate"))]);
    const { status, body } = await f.req("POST", PODS, pod("web"));
    assert.equal(status, 422);
    assert.match(body.message, /spec\.containers\[0\]\.image: Required value/);
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("an IfNeeded mutating webhook runs again when a later webhook changed the object", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({
    "/first": () => ({ allowed: true }),
    "/second": addLabel("second", "yes"),
  });
  try {
    await configure(f, "Mutating", "a-first", [
      hook("first.example.com", hooks.url("/first"), { reinvocationPolicy: "IfNeeded" }),
    ]);
    await configure(f, "Mutating", "b-second", [hook("second.example.com", hooks.url("/second"))]);
    assert.equal((await f.req("POST", PODS, pod("web"))).status, 201);
    assert.deepEqual(hooks.reviews.map((r) => r.path), ["/first", "/second", "/first"]);
    assert.equal(hooks.reviews[2].review.request.object.metadata.labels.second, "yes");
  } finally {
    await f.close();
    await hooks.close();
  }
});

/** widgets.example.com served at v1 (storage) and v2, established before it returns. */
async function createWidgetCrd(f: ApiFixture) {
  const schema = {
    openAPIV3Schema: {
      type: "object",
      properties: { spec: { type: "object", properties: { size: { type: "integer" } } } },
    },
  };
  const crd = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget" },
      versions: [{ name: "v1", served: true, storage: true, schema }, {
        name: "v2",
        served: true,
        storage: false,
        schema,
      }],
    },
  };
  assert.equal(
    (await f.req("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)).status,
    201,
  );
  while ((await f.req("GET", "/apis/example.com/v2/namespaces/default/widgets")).status !== 200) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

Deno.test("matchPolicy Equivalent calls a webhook for another version of its resource, Exact does not", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({
    "/equivalent": addLabel("seen", "v1"),
    "/exact": () => ({ allowed: true }),
  });
  try {
    await createWidgetCrd(f);
    const rules = [{
      operations: ["CREATE"],
      apiGroups: ["example.com"],
      apiVersions: ["v1"],
      resources: ["widgets"],
    }];
    await configure(f, "Mutating", "a-equivalent", [
      hook("equivalent.example.com", hooks.url("/equivalent"), { rules }),
    ]);
    await configure(f, "Mutating", "b-exact", [
      hook("exact.example.com", hooks.url("/exact"), { rules, matchPolicy: "Exact" }),
    ]);
    const widget = {
      apiVersion: "example.com/v2",
      kind: "Widget",
      metadata: { name: "w" },
      spec: { size: 1 },
    };
    const { status, body } = await f.req("POST", "/apis/example.com/v2/namespaces/default/widgets", widget);
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.apiVersion, "example.com/v2");
    assert.equal(body.metadata.labels.seen, "v1");
    assert.deepEqual(hooks.reviews.map((r) => r.path), ["/equivalent"]);
    const { request } = hooks.reviews[0].review;
    assert.deepEqual(request.kind, { group: "example.com", version: "v1", kind: "Widget" });
    assert.deepEqual(request.requestKind, { group: "example.com", version: "v2", kind: "Widget" });
    assert.deepEqual(request.requestResource, { group: "example.com", version: "v2", resource: "widgets" });
    assert.equal(request.object.apiVersion, "example.com/v1");
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("an unreachable webhook fails the write with a 500 under Fail and is skipped under Ignore", async () => {
  const f = await apiFixture();
  try {
    const url = `https://127.0.0.1:${closedPort()}/validate`;
    await configure(f, "Validating", "broken", [hook("broken.example.com", url)]);
    const failed = await f.req("POST", PODS, pod("web"));
    assert.equal(failed.status, 500);
    assert.equal(failed.body.reason, "InternalError");
    assert.match(
      failed.body.message,
      /^Internal error occurred: failed calling webhook "broken\.example\.com": failed to call webhook: Post "https:\/\/127\.0\.0\.1:\d+\/validate\?timeout=10s": dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/,
    );
    assert.equal((await f.req("GET", `${PODS}/web`)).status, 404);

    await f.req("DELETE", `${ADMISSION}/validatingwebhookconfigurations/broken`);
    await configure(f, "Validating", "tolerant", [
      hook("tolerant.example.com", url, { failurePolicy: "Ignore" }),
    ]);
    while (f.api.webhooks.hooks().validating.length !== 1) await new Promise((r) => setTimeout(r, 5));
    assert.equal((await f.req("POST", PODS, pod("web"))).status, 201);
  } finally {
    await f.close();
  }
});

Deno.test("a webhook reached through a Service fails the call, naming the missing services module", async () => {
  const f = await apiFixture();
  try {
    await configure(f, "Validating", "in-cluster", [
      {
        ...hook("in-cluster.example.com", ""),
        clientConfig: { service: { namespace: "default", name: "hooks" } },
      },
    ]);
    const { status, body } = await f.req("POST", PODS, pod("web"));
    assert.equal(status, 500);
    assert.match(
      body.message,
      /failed calling webhook "in-cluster\.example\.com": .*hooks\.default\.svc:443.*services module/,
    );
  } finally {
    await f.close();
  }
});

Deno.test("a webhook slower than its timeoutSeconds fails the write after that time", async () => {
  const f = await apiFixture();
  // The hook answers (allowing) only once the write is over, or after 20 s: a 500 can come only from the
  // timeout, however slowly a loaded machine runs, and no upper bound on the time is needed.
  let release = () => {};
  const released = new Promise<void>((r) => {
    const timer = setTimeout(r, 20_000);
    release = () => (clearTimeout(timer), r());
  });
  const hooks = webhookServer({ "/slow": async () => (await released, { allowed: true }) });
  try {
    await configure(f, "Validating", "slow", [
      hook("slow.example.com", hooks.url("/slow"), { timeoutSeconds: 1 }),
    ]);
    const started = Date.now();
    const { status, body } = await f.req("POST", PODS, pod("web"));
    const elapsed = Date.now() - started;
    assert.equal(status, 500);
    assert.match(body.message, /\?timeout=1s": context deadline exceeded$/);
    assert.ok(elapsed >= 900 && elapsed < 20_000, `took ${elapsed} ms`);
  } finally {
    release();
    await f.close();
    await hooks.close();
  }
});

Deno.test("a namespaceSelector keeps the webhook away from namespaces it does not select", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({ "/deny": () => ({ allowed: false, result: { message: "no" } }) });
  try {
    const ns = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "guarded", labels: { policy: "strict" } },
    };
    assert.equal((await f.req("POST", "/api/v1/namespaces", ns)).status, 201);
    await configure(f, "Validating", "strict", [
      hook("strict.example.com", hooks.url("/deny"), {
        namespaceSelector: { matchLabels: { policy: "strict" } },
      }),
    ]);
    assert.equal((await f.req("POST", PODS, pod("free"))).status, 201);
    const denied = await f.req("POST", "/api/v1/namespaces/guarded/pods", pod("held"));
    assert.equal(denied.status, 400);
    assert.equal(denied.body.message, 'admission webhook "strict.example.com" denied the request: no');
    assert.equal(hooks.reviews.length, 1);
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("a namespaceSelector judges a namespace being created by its own labels", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({
    "/deny": () => ({ allowed: false, result: { message: "no strict namespaces" } }),
  });
  try {
    const rules = [{
      operations: ["CREATE"],
      apiGroups: [""],
      apiVersions: ["v1"],
      resources: ["namespaces"],
    }];
    await configure(f, "Validating", "strict", [
      hook("strict.example.com", hooks.url("/deny"), {
        rules,
        namespaceSelector: { matchLabels: { policy: "strict" } },
      }),
    ]);
    const ns = (name: string, labels?: Record<string, string>) => ({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, labels },
    });
    assert.equal((await f.req("POST", "/api/v1/namespaces", ns("relaxed"))).status, 201);
    const denied = await f.req("POST", "/api/v1/namespaces", ns("tight", { policy: "strict" }));
    assert.equal(denied.status, 400);
    assert.equal(
      denied.body.message,
      'admission webhook "strict.example.com" denied the request: no strict namespaces',
    );
    assert.equal(hooks.reviews[0].review.request.namespace, undefined);
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("an objectSelector limits the webhook to objects with matching labels", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({ "/deny": () => ({ allowed: false }) });
  try {
    await configure(f, "Validating", "opt-in", [
      hook("opt-in.example.com", hooks.url("/deny"), { objectSelector: { matchLabels: { checked: "yes" } } }),
    ]);
    assert.equal((await f.req("POST", PODS, pod("plain"))).status, 201);
    const denied = await f.req("POST", PODS, pod("checked", { labels: { checked: "yes" } }));
    assert.equal(denied.status, 400);
    assert.equal(
      denied.body.message,
      'admission webhook "opt-in.example.com" denied the request without explanation',
    );
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("webhook configurations are never sent to webhooks, so a deny-all webhook cannot lock itself in", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({ "/deny": () => ({ allowed: false }) });
  try {
    const everything = [{ operations: ["*"], apiGroups: ["*"], apiVersions: ["*"], resources: ["*/*"] }];
    await configure(f, "Validating", "deny-all", [
      hook("deny-all.example.com", hooks.url("/deny"), { rules: everything }),
    ]);
    assert.equal((await f.req("POST", PODS, pod("web"))).status, 400);
    const del = await f.req("DELETE", `${ADMISSION}/validatingwebhookconfigurations/deny-all`);
    assert.equal(del.status, 200);
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("a dry run reaches webhooks with dryRun set and stores nothing", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({ "/validate": deny });
  try {
    await configure(f, "Validating", "policy", [
      hook("pods.policy.example.com", hooks.url("/validate"), { sideEffects: "NoneOnDryRun" }),
    ]);
    assert.equal((await f.req("POST", `${PODS}?dryRun=All`, pod("web"))).status, 201);
    assert.equal(hooks.reviews[0].review.request.dryRun, true);
    assert.deepEqual(hooks.reviews[0].review.request.options.dryRun, ["All"]);
    assert.equal((await f.req("GET", `${PODS}/web`)).status, 404);
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("a validating webhook can refuse a delete, seeing the object as oldObject", async () => {
  const f = await apiFixture();
  const hooks = webhookServer({
    "/validate": (r) =>
      r.request.operation === "DELETE" && r.request.oldObject.metadata.labels?.keep === "yes"
        ? { allowed: false, result: { code: 403, reason: "Forbidden", message: "this pod is kept" } }
        : { allowed: true },
  });
  try {
    const rules = [{ operations: ["DELETE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }];
    await configure(f, "Validating", "keeper", [
      hook("keeper.example.com", hooks.url("/validate"), { rules }),
    ]);
    assert.equal((await f.req("POST", PODS, pod("kept", { labels: { keep: "yes" } }))).status, 201);
    assert.equal((await f.req("POST", PODS, pod("gone"))).status, 201);
    assert.equal(hooks.reviews.length, 0);

    const refused = await f.req("DELETE", `${PODS}/kept`);
    assert.equal(refused.status, 403);
    assert.equal(
      refused.body.message,
      'admission webhook "keeper.example.com" denied the request: this pod is kept',
    );
    assert.equal((await f.req("GET", `${PODS}/kept`)).status, 200);
    const { request } = hooks.reviews[0].review;
    assert.equal(request.operation, "DELETE");
    assert.equal(request.object, undefined);
    assert.equal(request.oldObject.metadata.name, "kept");
    assert.equal(request.options.kind, "DeleteOptions");

    assert.equal((await f.req("DELETE", `${PODS}/gone`)).status, 200);
  } finally {
    await f.close();
    await hooks.close();
  }
});

Deno.test("webhook configurations get Kubernetes' defaults", async () => {
  const f = await apiFixture();
  try {
    const body = await configure(f, "Mutating", "defaults", [
      hook("defaults.example.com", "https://127.0.0.1/"),
    ]);
    const [w] = body.webhooks;
    assert.equal(w.failurePolicy, "Fail");
    assert.equal(w.matchPolicy, "Equivalent");
    assert.deepEqual(w.namespaceSelector, {});
    assert.deepEqual(w.objectSelector, {});
    assert.equal(w.timeoutSeconds, 10);
    assert.equal(w.reinvocationPolicy, "Never");
    assert.equal(w.rules[0].scope, "*");
  } finally {
    await f.close();
  }
});

Deno.test("webhook configurations are validated as Kubernetes does", async () => {
  const f = await apiFixture();
  try {
    const { status, body } = await f.req("POST", `${ADMISSION}/validatingwebhookconfigurations`, {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingWebhookConfiguration",
      metadata: { name: "bad" },
      webhooks: [
        {
          name: "short",
          clientConfig: { url: "http://user@hooks.example.com/x?a=b#frag" },
          timeoutSeconds: 31,
          admissionReviewVersions: ["v2"],
        },
        {
          name: "both.example.com",
          clientConfig: { url: "https://h", service: { namespace: "default", name: "hooks" } },
          sideEffects: "Some",
          admissionReviewVersions: ["v1"],
        },
      ],
    });
    assert.equal(status, 422);
    const messages = body.details.causes.map((c: { field: string; message: string }) =>
      `${c.field}: ${c.message}`
    );
    assert.deepEqual(messages, [
      'webhooks[0].name: Invalid value: "short": should be a domain with at least three segments separated by dots',
      "webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun",
      "webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds",
      `webhooks[0].clientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme; desired format: https://host[/path]`,
      'webhooks[0].clientConfig.url: Invalid value: "user": user information is not permitted in the URL',
      'webhooks[0].clientConfig.url: Invalid value: "frag": fragments are not permitted in the URL',
      'webhooks[0].clientConfig.url: Invalid value: "a=b": query parameters are not permitted in the URL',
      'webhooks[0].admissionReviewVersions: Invalid value: ["v2"]: must include at least one of v1, v1beta1',
      'webhooks[1].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"',
      "webhooks[1].clientConfig: Required value: exactly one of url or service is required",
    ]);
  } finally {
    await f.close();
  }
});

Deno.test("the AdmissionReview names the authenticated user who made the request", async () => {
  const server = await securedServer();
  const hooks = webhookServer({ "/deny": () => ({ allowed: false, result: { message: "seen" } }) });
  try {
    const created = await server.req("admin", "POST", `${ADMISSION}/validatingwebhookconfigurations`, {
      metadata: { name: "audit" },
      webhooks: [hook("audit.example.com", hooks.url("/deny"))],
    });
    assert.equal(created.status, 201);
    await server.eventually(async () => {
      assert.equal((await server.req("admin", "POST", PODS, pod("web"))).status, 400);
    });
    const { userInfo } = hooks.reviews.at(-1)!.review.request;
    assert.equal(userInfo.username, "skiff-admin");
    assert.equal(userInfo.uid, "1");
    assert.deepEqual(userInfo.groups, ["system:masters", "system:authenticated"]);
  } finally {
    await server.close();
    await hooks.close();
  }
});
