/**
 * kubectl's printers for the apps/v1 kinds (printDeployment, printReplicaSet, printStatefulSet,
 * printDaemonSet and printControllerRevision in kubernetes/pkg/printers/internalversion/printers.go).
 *
 * @module
 */
import { formatSelector, selectorString } from "../selector/selector.ts";
import { selectorConverts } from "../validation/_common.ts";
import * as docs from "./_docs.ts";
import {
  age,
  AGE_COLUMN,
  column,
  containerCells,
  CONTAINERS_COLUMN,
  formatLabels,
  IMAGES_COLUMN,
  type Json,
  NAME_COLUMN,
  num,
  type Printer,
} from "./_printer.ts";

const READY_DESCRIPTION = "Number of the pod with ready state";

/**
 * Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. UP-TO-DATE and
 * AVAILABLE are numbers in "string" columns, as in Kubernetes.
 *
 * @example
 * ```ts
 * import { deploymentPrinter } from "@skiff/workloads";
 *
 * deploymentPrinter.row(deployment, Date.now()).cells.slice(0, 5); // ["web", "2/3", 3, 2, "5m"]
 * ```
 */
export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Ready", "string", READY_DESCRIPTION),
    column("Up-to-date", "string", docs.DEPLOYMENT_UPDATED),
    column("Available", "string", docs.DEPLOYMENT_AVAILABLE),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column("Selector", "string", docs.DEPLOYMENT_SELECTOR, { priority: 1 }),
  ],
  row(d, now) {
    const spec: Json = d.spec ?? {};
    const status: Json = d.status ?? {};
    const [containers, images] = containerCells(spec.template?.spec);
    // LabelSelectorAsSelector: an absent selector selects nothing and prints "".
    const selector = !spec.selector
      ? ""
      : selectorConverts(spec.selector)
      ? selectorString(spec.selector)
      : "<invalid>";
    return {
      cells: [
        d.metadata?.name ?? "",
        `${num(status, "readyReplicas")}/${num(spec, "replicas")}`,
        num(status, "updatedReplicas"),
        num(status, "availableReplicas"),
        age(d.metadata?.creationTimestamp, now),
        containers,
        images,
        selector,
      ],
    };
  },
};

/**
 * ReplicaSets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.
 *
 * @example
 * ```ts
 * import { replicaSetPrinter } from "@skiff/workloads";
 *
 * replicaSetPrinter.row(rs, Date.now()).cells.slice(0, 5); // ["web-5d4b9c7f8", 3, 3, 3, "5m"]
 * ```
 */
export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Desired", "integer", docs.REPLICA_SET_DESIRED),
    column("Current", "integer", docs.REPLICA_SET_CURRENT),
    column("Ready", "integer", docs.REPLICA_SET_READY),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column("Selector", "string", docs.REPLICA_SET_SELECTOR, { priority: 1 }),
  ],
  row(rs, now) {
    const [containers, images] = containerCells(rs.spec?.template?.spec);
    return {
      cells: [
        rs.metadata?.name ?? "",
        num(rs.spec, "replicas"),
        num(rs.status, "replicas"),
        num(rs.status, "readyReplicas"),
        age(rs.metadata?.creationTimestamp, now),
        containers,
        images,
        formatSelector(rs.spec?.selector),
      ],
    };
  },
};

/**
 * StatefulSets: NAME READY AGE, wide CONTAINERS IMAGES.
 *
 * @example
 * ```ts
 * import { statefulSetPrinter } from "@skiff/workloads";
 *
 * statefulSetPrinter.row(sts, Date.now()).cells.slice(0, 3); // ["db", "3/3", "1h"]
 * ```
 */
export const statefulSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Ready", "string", READY_DESCRIPTION),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  row(sts, now) {
    const [containers, images] = containerCells(sts.spec?.template?.spec);
    return {
      cells: [
        sts.metadata?.name ?? "",
        `${num(sts.status, "readyReplicas")}/${num(sts.spec, "replicas")}`,
        age(sts.metadata?.creationTimestamp, now),
        containers,
        images,
      ],
    };
  },
};

/**
 * DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS
 * IMAGES SELECTOR.
 *
 * @example
 * ```ts
 * import { daemonSetPrinter } from "@skiff/workloads";
 *
 * daemonSetPrinter.row(ds, Date.now()).cells.slice(0, 8); // ["agent", 2, 2, 2, 2, 2, "<none>", "3d"]
 * ```
 */
export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Desired", "integer", docs.DAEMON_SET_DESIRED),
    column("Current", "integer", docs.DAEMON_SET_CURRENT),
    column("Ready", "integer", docs.DAEMON_SET_READY),
    column("Up-to-date", "integer", docs.DAEMON_SET_UPDATED),
    column("Available", "integer", docs.DAEMON_SET_AVAILABLE),
    column("Node Selector", "string", docs.NODE_SELECTOR),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    column("Selector", "string", docs.DAEMON_SET_SELECTOR, { priority: 1 }),
  ],
  row(ds, now) {
    const status: Json = ds.status ?? {};
    const podSpec = ds.spec?.template?.spec;
    const [containers, images] = containerCells(podSpec);
    return {
      cells: [
        ds.metadata?.name ?? "",
        num(status, "desiredNumberScheduled"),
        num(status, "currentNumberScheduled"),
        num(status, "numberReady"),
        num(status, "updatedNumberScheduled"),
        num(status, "numberAvailable"),
        formatLabels(podSpec?.nodeSelector),
        age(ds.metadata?.creationTimestamp, now),
        containers,
        images,
        formatSelector(ds.spec?.selector),
      ],
    };
  },
};

/**
 * ControllerRevisions: NAME CONTROLLER REVISION AGE, the controller as `statefulset.apps/web`.
 *
 * @example
 * ```ts
 * import { controllerRevisionPrinter } from "@skiff/workloads";
 *
 * controllerRevisionPrinter.row(revision, Date.now()).cells; // ["web-5d4b9c7f8", "statefulset.apps/web", 1, "2m"]
 * ```
 */
export const controllerRevisionPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column("Controller", "string", "Controller of the object"),
    column("Revision", "integer", docs.CONTROLLER_REVISION_REVISION),
    AGE_COLUMN,
  ],
  row(cr, now) {
    const owner = (cr.metadata?.ownerReferences ?? []).find((r: Json) => r.controller === true);
    let controller = "<none>";
    if (owner) {
      const slash = String(owner.apiVersion ?? "").indexOf("/");
      const group = slash >= 0 ? owner.apiVersion.slice(0, slash) : "";
      controller = `${String(owner.kind ?? "").toLowerCase()}${group ? `.${group}` : ""}/${owner.name}`;
    }
    return {
      cells: [
        cr.metadata?.name ?? "",
        controller,
        num(cr, "revision"),
        age(cr.metadata?.creationTimestamp, now),
      ],
    };
  },
};
