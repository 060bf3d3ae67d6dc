import { describe, expect, expectTypeOf, it } from "vitest";
import {
  LLMAbortError,
  LLMAuthenticationError,
  LLMBudgetExceededError,
  LLMBudgetStoreError,
  LLMConfigError,
  LLMConnectionError,
  LLMContentFilterError,
  LLMContextLengthError,
  LLMError,
  type LLMErrorCode,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
  LLMRefusalError,
  LLMTimeoutError,
} from "../src/index.js";

// One instance of every core error class under the code it must carry. `satisfies` makes the
// type-check (part of every build) fail when a code joins or leaves the union without a class
// here, and the test below fails when a class carries another code than the one listed.
const EVERY_CODE = {
  llm_error: new LLMError("x"),
  config: new LLMConfigError("x"),
  authentication: new LLMAuthenticationError("x"),
  permission: new LLMPermissionError("x"),
  rate_limit: new LLMRateLimitError("x"),
  timeout: new LLMTimeoutError("x"),
  aborted: new LLMAbortError(),
  context_length_exceeded: new LLMContextLengthError("x"),
  content_filtered: new LLMContentFilterError("x"),
  model_not_found: new LLMModelNotFoundError("x"),
  provider_error: new LLMProviderError("x"),
  insufficient_credits: new LLMInsufficientCreditsError("x"),
  invalid_response: new LLMInvalidResponseError("x"),
  refusal: new LLMRefusalError("x"),
  connection: new LLMConnectionError("x"),
  budget_exceeded: new LLMBudgetExceededError({
    limit: 1,
    spent: 1,
    reserved: 0,
    requested: 0.5,
    budgetId: "b",
    budgetName: undefined,
  }),
  budget_store_unavailable: new LLMBudgetStoreError("x"),
} satisfies Record<LLMErrorCode, LLMError>;

/** What a user writes: one branch per code, and the compiler proves none is missing. */
function whatToDo(error: LLMError): string {
  switch (error.code) {
    case "rate_limit":
    case "connection":
    case "provider_error":
    case "budget_store_unavailable":
      return "retry later";
    case "timeout":
    case "aborted":
      return "give it more time";
    case "config":
    case "context_length_exceeded":
    case "model_not_found":
    case "budget_exceeded":
      return "fix the call";
    case "authentication":
    case "permission":
    case "insufficient_credits":
      return "fix the account";
    case "content_filtered":
    case "refusal":
    case "invalid_response":
    case "llm_error":
      return "report it";
    default: {
      const unhandled: never = error.code;
      return unhandled;
    }
  }
}

describe("error codes", () => {
  it("every class carries exactly the code it is listed under", () => {
    for (const [code, error] of Object.entries(EVERY_CODE))
      expect(error.code, error.name).toBe(code);
  });

  it("types each class's code as its literal, and LLMError's as the whole union", () => {
    expectTypeOf(new LLMRateLimitError("x").code).toEqualTypeOf<"rate_limit">();
    expectTypeOf(new LLMConfigError("x").code).toEqualTypeOf<"config">();
    // A class with a subclass can carry the subclass's code too.
    expectTypeOf(new LLMAuthenticationError("x").code).toEqualTypeOf<
      "authentication" | "permission"
    >();
    expectTypeOf(new LLMProviderError("x").code).toEqualTypeOf<
      "provider_error" | "insufficient_credits"
    >();
    expectTypeOf<LLMError["code"]>().toEqualTypeOf<LLMErrorCode>();
  });

  it("an exhaustive switch over the codes handles every error core throws", () => {
    const actions = Object.values(EVERY_CODE).map(whatToDo);
    expect(actions).not.toContain(undefined);
    expect(whatToDo(new LLMRateLimitError("x"))).toBe("retry later");
    expect(whatToDo(new LLMBudgetExceededError(EVERY_CODE.budget_exceeded))).toBe("fix the call");
  });
});
