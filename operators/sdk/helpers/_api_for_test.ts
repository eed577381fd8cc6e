/**
 * Test-only: plain-fetch clients over a real API server's hono app (core/api/testing/api_fixture.ts),
 * throwing errors with `.code` as the SDK client does.
 *
 * @module
 */
import type { ApiFixture } from "../../../core/api/testing/api_fixture.ts";
import type { ObjectClient } from "./create_or_update.ts";
import type { CoreEvent, EventSink } from "./event_recorder.ts";
import type { MetaObject } from "./types.ts";

async function send<T>(
  f: ApiFixture,
  method: string,
  path: string,
  body?: unknown,
  type?: string,
): Promise<T> {
  const res = await f.req(method, path, body, type);
  if (res.status >= 400) {
    throw Object.assign(new Error(res.body?.message ?? String(res.status)), { code: res.status });
  }
  return res.body as T;
}

/** Objects of one namespaced kind, by its collection path (e.g. /api/v1/namespaces/default/pods). */
export function objectClient<T extends MetaObject>(f: ApiFixture, collection: string): ObjectClient<T> {
  return {
    get: (name) => send<T>(f, "GET", `${collection}/${name}`),
    create: (obj) => send<T>(f, "POST", collection, obj),
    update: (obj) => send<T>(f, "PUT", `${collection}/${obj.metadata!.name}`, obj),
  };
}

/** core/v1 Events, patched with strategic merge patches as client-go's sink does. */
export function eventSink(f: ApiFixture): EventSink {
  const path = (e: CoreEvent) => `/api/v1/namespaces/${e.metadata.namespace}/events`;
  return {
    create: (e) => send<CoreEvent>(f, "POST", path(e), e),
    patch: (e, patch) =>
      send<CoreEvent>(
        f,
        "PATCH",
        `${path(e)}/${e.metadata.name}`,
        patch,
        "application/strategic-merge-patch+json",
      ),
  };
}
