/**
 * Probe and lifecycle-hook checks, after validateProbe, validateHandler and validateLifecycle in
 * kubernetes/pkg/apis/core/validation/validation.go.
 *
 * @module
 */
import type { FieldError } from "../../schema/types.ts";
import type { Lifecycle, LifecycleHandler, Probe } from "../api/probe.ts";
import { forbidden, invalid, notSupported, required } from "../../schema/field_error.ts";
import type { FieldPath } from "../../schema/field_path.ts";
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from "../../schema/value_checks.ts";

type Handler = Pick<Probe & LifecycleHandler, "exec" | "httpGet" | "tcpSocket" | "grpc" | "sleep">;

/** validateProbe: exactly one handler, non-negative timings, a positive grace period if any. */
export function validateProbe(probe: Probe, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errors = validateHandler(
    { exec: probe.exec, httpGet: probe.httpGet, tcpSocket: probe.tcpSocket, grpc: probe.grpc },
    gracePeriod,
    path,
  );
  for (
    const field of [
      "initialDelaySeconds",
      "timeoutSeconds",
      "periodSeconds",
      "successThreshold",
      "failureThreshold",
    ] as const
  ) {
    const value = probe[field] ?? 0;
    if (value < 0) errors.push(invalid(path.child(field), value, "must be greater than or equal to 0"));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && grace <= 0) {
    errors.push(invalid(path.child("terminationGracePeriodSeconds"), grace, "must be greater than 0"));
  }
  return errors;
}

/** validateLifecycle: each hook present has exactly one handler. */
export function validateLifecycle(
  lifecycle: Lifecycle,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const hook of ["postStart", "preStop"] as const) {
    const handler = lifecycle[hook];
    if (!handler) continue;
    errors.push(...validateHandler(
      { exec: handler.exec, httpGet: handler.httpGet, tcpSocket: handler.tcpSocket, sleep: handler.sleep },
      gracePeriod,
      path.child(hook),
    ));
  }
  return errors;
}

function validateHandler(handler: Handler, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const kind of ["exec", "httpGet", "tcpSocket", "grpc", "sleep"] as const) {
    if (!handler[kind]) continue;
    if (count > 0) {
      errors.push(forbidden(path.child(kind), "may not specify more than 1 handler type"));
      continue;
    }
    count++;
    errors.push(...validateAction(handler, kind, gracePeriod, path.child(kind)));
  }
  if (count === 0) errors.push(required(path, "must specify a handler type"));
  return errors;
}

function validateAction(
  handler: Handler,
  kind: keyof Handler,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  switch (kind) {
    case "exec":
      return handler.exec!.command?.length ? [] : [required(path.child("command"))];
    case "httpGet": {
      const http = handler.httpGet!;
      const errors: FieldError[] = [];
      // An unset path is "/" and an unset scheme HTTP after defaulting.
      errors.push(...validatePortNumOrName(http.port, path.child("port")));
      if (http.scheme && !["HTTP", "HTTPS"].includes(http.scheme)) {
        errors.push(notSupported(path.child("scheme"), http.scheme, ["HTTP", "HTTPS"]));
      }
      for (const header of http.httpHeaders ?? []) {
        errors.push(
          ...isHTTPHeaderName(header.name).map((m) => invalid(path.child("httpHeaders"), header.name, m)),
        );
      }
      return errors;
    }
    case "tcpSocket":
      return validatePortNumOrName(handler.tcpSocket!.port, path.child("port"));
    case "grpc":
      return validatePortNumOrName(handler.grpc!.port, path.child("port"));
    case "sleep": {
      // Zero seconds is allowed since PodLifecycleSleepActionAllowZero went GA (1.34).
      const seconds = handler.sleep!.seconds;
      if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)) {
        return [
          invalid(
            path,
            seconds,
            `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`,
          ),
        ];
      }
      return [];
    }
  }
}

/** ValidatePortNumOrName: a number 1–65535 or an IANA service name. */
export function validatePortNumOrName(port: number | string, path: FieldPath): FieldError[] {
  if (typeof port === "number") return isValidPortNum(port).map((m) => invalid(path, port, m));
  return isValidPortName(port).map((m) => invalid(path, port, m));
}
