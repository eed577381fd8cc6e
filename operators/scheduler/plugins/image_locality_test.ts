import assert from "node:assert/strict";
import { makeNode, makePod, runScore } from "../_testing.ts";
import { Snapshot } from "../snapshot.ts";
import { imageLocalityScore, normalizedImageName } from "./image_locality.ts";

const MB = 1024 * 1024;

Deno.test("ImageLocality normalizes an image without a tag to :latest", () => {
  assert.equal(normalizedImageName("gcr.io/40"), "gcr.io/40:latest");
  assert.equal(normalizedImageName("gcr.io/40:v1"), "gcr.io/40:v1");
  assert.equal(normalizedImageName("registry:5000/app"), "registry:5000/app:latest");
});

// Cases after imagelocality/image_locality_test.go (TestImageLocalityPriority).
Deno.test("ImageLocality prefers the node holding the pod's large image, scaled by how many nodes have it", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("node1", { images: [{ names: ["gcr.io/250:latest"], sizeBytes: 250 * MB }] }),
      makeNode("node2", { images: [{ names: ["gcr.io/10:latest"], sizeBytes: 10 * MB }] }),
    ],
  });
  const pod = makePod("p", {
    spec: { containers: [{ name: "a", image: "gcr.io/250" }, { name: "b", image: "gcr.io/10" }] },
  });
  // node1: 250MB * 1/2 = 125MB -> 100 * (125 - 23) / (2000 - 23) = 5; node2: 5MB is below the 23MB floor -> 0.
  assert.deepEqual(runScore(imageLocalityScore, pod, snapshot), { node1: 5, node2: 0 });
});

Deno.test("ImageLocality gives an image present on every node its full size", () => {
  const images = [{ names: ["gcr.io/300:latest"], sizeBytes: 300 * MB }];
  const snapshot = Snapshot.from({ nodes: [makeNode("node1", { images }), makeNode("node2", { images })] });
  const pod = makePod("p", { spec: { containers: [{ name: "a", image: "gcr.io/300" }] } });
  // 300MB -> 100 * (300 - 23) / (1000 - 23) = 28.
  assert.deepEqual(runScore(imageLocalityScore, pod, snapshot), { node1: 28, node2: 28 });
});

Deno.test("ImageLocality skips scoring when no node has any of the pod's images, since every node would score 0", () => {
  const snapshot = Snapshot.from({
    nodes: [
      makeNode("node1", { images: [{ names: ["gcr.io/250:latest"], sizeBytes: 250 * MB }] }),
      makeNode("node2"),
    ],
  });
  const elsewhere = makePod("p", { spec: { containers: [{ name: "a", image: "gcr.io/other" }] } });
  assert.equal(runScore(imageLocalityScore, elsewhere, snapshot), undefined);
  // One container's image on one node is enough to score.
  const mixed = makePod("p", {
    spec: { containers: [{ name: "a", image: "gcr.io/other" }, { name: "b", image: "gcr.io/250" }] },
  });
  assert.deepEqual(runScore(imageLocalityScore, mixed, snapshot), { node1: 5, node2: 0 });
});
