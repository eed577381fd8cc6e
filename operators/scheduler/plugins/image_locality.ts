/**
 * ImageLocality (plugins/imagelocality): prefers nodes that already have the pod's images, weighted
 * by image size and by how widely the image is spread (so one node holding a popular image does not
 * attract every pod).
 *
 * @module
 */
import { MAX_NODE_SCORE, type ScorePlugin } from "../framework.ts";

/** The plugin's name. */
export const IMAGE_LOCALITY = "ImageLocality";

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/**
 * normalizedImageName: an image without a tag gets ":latest", as nodes report it.
 *
 * @example
 * ```ts
 * import { normalizedImageName } from "@skiff/scheduler";
 *
 * normalizedImageName("registry:5000/nginx"); // "registry:5000/nginx:latest"
 * ```
 */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(":") <= name.lastIndexOf("/") ? `${name}:latest` : name;
}

/**
 * The ImageLocality score (weight 1); it has no normalization, its scores are already 0..100.
 *
 * @example
 * ```ts
 * import { imageLocalityScore } from "@skiff/scheduler";
 *
 * imageLocalityScore.weight; // 1
 * ```
 */
export const imageLocalityScore: ScorePlugin = {
  name: IMAGE_LOCALITY,
  weight: 1,
  preScore(cycle) {
    const spec = cycle.pod.pod.spec;
    const images = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]
      .map((c) => normalizedImageName(c.image ?? ""));
    // No node has any of the images: every node would score calculatePriority(0) = 0, and the plugin
    // has no NormalizeScore, so skipping it leaves the totals as they would be.
    if (images.every((name) => cycle.snapshot.imageNodeCount(name) === 0)) return undefined;
    const total = cycle.allNodes.length;
    const spread = images.map((name) => cycle.snapshot.imageNodeCount(name) / total);
    const maxThreshold = MAX_CONTAINER_THRESHOLD * images.length;
    return {
      score(node) {
        if (node.imageSizes.size === 0) return 0;
        let sum = 0;
        for (let i = 0; i < images.length; i++) {
          const size = node.imageSizes.get(images[i]);
          if (size !== undefined) sum += Math.trunc(size * spread[i]);
        }
        sum = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
        return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
      },
    };
  },
};
