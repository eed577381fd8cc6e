/**
 * Resource requirement checks, after validateResourceRequirements, validateContainerResourceName and
 * ValidateResourceQuantityValue in kubernetes/pkg/apis/core/validation/validation.go.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import type { ResourceRequirements } from "../api/container.ts";
import { forbidden, invalid, required } from "../../schema/field_error.ts";
import type { FieldPath } from "../../schema/field_path.ts";
import { isQualifiedName } from "../../schema/names.ts";
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from "../quantity.ts";

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

/** Limits and requests: known names, quantities that parse and are not negative, requests within limits. */
export function validateResourceRequirements(
  requirements: ResourceRequirements,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const limPath = path.child("limits");
  const reqPath = path.child("requests");
  const limits = parseAll(requirements.limits ?? {}, limPath, errors);
  const requests = parseAll(requirements.requests ?? {}, reqPath, errors);
  let hugePages = false;
  let cpuOrMemory = false;

  for (const name of Object.keys(requirements.limits ?? {})) {
    if (isHugePages(name)) hugePages = true;
    if (name === "cpu" || name === "memory") cpuOrMemory = true;
  }
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    // Only cpu, memory and storage may be overcommitted; hugepages and extended resources (GPUs)
    // are handed out whole, so their request must equal the limit.
    if (limit) {
      if (compareQuantities(request, limit) !== 0 && !overcommitAllowed(name)) {
        errors.push(
          invalid(
            reqPath,
            formatQuantity(request),
            `must be equal to ${name} limit of ${formatQuantity(limit)}`,
          ),
        );
      } else if (compareQuantities(request, limit) > 0) {
        errors.push(
          invalid(
            reqPath,
            formatQuantity(request),
            `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`,
          ),
        );
      }
    } else if (!overcommitAllowed(name) && !(name in (requirements.limits ?? {}))) {
      errors.push(required(limPath, "Limit must be set for non overcommitable resources"));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === "cpu" || name === "memory") cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) errors.push(forbidden(path, "HugePages require cpu or memory"));
  return errors;
}

function parseAll(
  list: Record<string, string | number>,
  path: FieldPath,
  errors: FieldError[],
): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  for (const [name, value] of Object.entries(list)) {
    const keyPath = path.key(name);
    errors.push(...validateContainerResourceName(name, keyPath));
    let quantity: Quantity;
    try {
      quantity = parseQuantity(value);
    } catch (e) {
      // Kubernetes rejects these while decoding, before validation; reported here in its words.
      errors.push(invalid(keyPath, value, (e as Error).message));
      continue;
    }
    if (quantity.nanos < 0n) {
      errors.push(invalid(keyPath, formatQuantity(quantity), "must be greater than or equal to 0"));
    } else if (isExtended(name) && quantity.nanos % 1_000_000_000n !== 0n) {
      errors.push(invalid(keyPath, formatQuantity(quantity), "must be an integer"));
    }
    parsed.set(name, quantity);
  }
  return parsed;
}

function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errors = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errors.length) return errors;
  if (!name.includes("/") && !STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
    return [invalid(path, name, "must be a standard resource for containers")];
  }
  return [];
}

function isHugePages(name: string): boolean {
  return name.startsWith("hugepages-");
}

// A native resource has no domain or a kubernetes.io one; anything else (nvidia.com/gpu) is extended.
function isNative(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

function isExtended(name: string): boolean {
  return !isNative(name) && !name.startsWith("requests.");
}

function overcommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}
