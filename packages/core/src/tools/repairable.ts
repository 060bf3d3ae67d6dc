import type { LLMInvalidResponseError } from "../errors/provider-errors.js";

/** Errors about the model's *output* (not the wire): only these may be fed back by `repair`. */
const repairable = new WeakSet<object>();

export function markRepairable(error: LLMInvalidResponseError): LLMInvalidResponseError {
  repairable.add(error);
  return error;
}

export function isRepairable(error: unknown): error is LLMInvalidResponseError {
  return typeof error === "object" && error !== null && repairable.has(error);
}
