import assert from "node:assert/strict";
import { RateLimitingQueue } from "../workqueue/rate_limiting_queue.ts";
import { metricsHandler } from "./handler.ts";
import { ManagerMetrics } from "./manager_metrics.ts";

/** The value of one sample line, e.g. `workqueue_adds_total{name="w",controller="w"} 2`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

Deno.test("queue activity shows up under controller-runtime's workqueue metric names", async () => {
  const metrics = new ManagerMetrics();
  const queue = new RateLimitingQueue<string>({
    name: "widgets",
    metricsProvider: metrics.workqueueProvider,
  });
  queue.add("default/a");
  queue.add("default/b");
  queue.add("default/a");
  const key = (await queue.get())!;
  queue.addRateLimited(key);
  queue.done(key);

  const text = await metrics.render();
  const l = `{name="widgets",controller="widgets"}`;
  assert.equal(sample(text, `workqueue_adds_total${l}`), 2);
  assert.equal(sample(text, `workqueue_depth${l}`), 1);
  assert.equal(sample(text, `workqueue_retries_total${l}`), 1);
  assert.equal(sample(text, `workqueue_queue_duration_seconds_count${l}`), 1);
  assert.equal(sample(text, `workqueue_work_duration_seconds_count${l}`), 1);
  assert.match(text, /# TYPE workqueue_queue_duration_seconds histogram/);
  assert.match(
    text,
    /workqueue_work_duration_seconds_bucket\{le="1e-8",name="widgets",controller="widgets"\} /,
  );
  assert.match(text, /# TYPE workqueue_unfinished_work_seconds gauge/);
  assert.match(text, /# TYPE workqueue_longest_running_processor_seconds gauge/);
  queue.shutDown();
});

Deno.test("reconciles are counted per controller and result with their duration", async () => {
  const metrics = new ManagerMetrics();
  metrics.initController("deployment", 5);
  metrics.recordReconcile("deployment", "success", 0.02);
  metrics.recordReconcile("deployment", "error", 0.3);
  metrics.recordReconcile("deployment", "error", 0.1, true);
  metrics.recordReconcile("deployment", "requeue_after", 0.001);
  metrics.observeWatchLag("v1/pods", 0.003);

  const text = await metrics.render();
  const total = (result: string) =>
    sample(text, `controller_runtime_reconcile_total{controller="deployment",result="${result}"}`);
  assert.deepEqual([total("success"), total("error"), total("requeue"), total("requeue_after")], [
    1,
    2,
    0,
    1,
  ]);
  assert.equal(sample(text, `controller_runtime_reconcile_errors_total{controller="deployment"}`), 2);
  assert.equal(
    sample(text, `controller_runtime_terminal_reconcile_errors_total{controller="deployment"}`),
    1,
  );
  assert.equal(sample(text, `controller_runtime_reconcile_time_seconds_count{controller="deployment"}`), 4);
  assert.equal(
    sample(text, `controller_runtime_reconcile_time_seconds_bucket{le="0.025",controller="deployment"}`),
    2,
  );
  assert.equal(sample(text, `controller_runtime_max_concurrent_reconciles{controller="deployment"}`), 5);
  assert.equal(sample(text, `skiff_informer_watch_lag_seconds_count{resource="v1/pods"}`), 1);
});

Deno.test("two managers keep separate registries", async () => {
  const a = new ManagerMetrics();
  const b = new ManagerMetrics();
  a.recordReconcile("x", "success", 0.01);
  assert.equal(
    sample(await a.render(), `controller_runtime_reconcile_total{controller="x",result="success"}`),
    1,
  );
  assert.equal(
    sample(await b.render(), `controller_runtime_reconcile_total{controller="x",result="success"}`),
    undefined,
  );
});

Deno.test("the metrics handler serves the text exposition format to GET and refuses POST", async () => {
  const metrics = new ManagerMetrics();
  metrics.recordReconcile("widgets", "success", 0.01);
  const handler = metricsHandler(metrics.registry);
  const res = await handler(new Request("http://localhost/metrics"));
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
  assert.match(
    await res.text(),
    /^controller_runtime_reconcile_total\{controller="widgets",result="success"\} 1$/m,
  );
  const post = await handler(new Request("http://localhost/metrics", { method: "POST" }));
  assert.equal(post.status, 405);
  await post.body?.cancel();
});
