import { SUPPORTED_ADAPTER_CONTRACT_VERSIONS } from "@llmc/core/adapter";
import { expect } from "vitest";
import type { ConformanceContext } from "../conformance-context.js";
import type { RegisterCase } from "../describe-adapter-conformance.js";

/** Validation before anything is sent (contracts/core.md §1.1 and adapter options). */
export function registerConfigCases(context: ConformanceContext, check: RegisterCase): void {
  check(
    "config-empty-prompt",
    "an empty prompt → LLMConfigError (field prompt), no request",
    async () => {
      const error = await context.rejection(
        context.adapter().executePrompt("", { model: context.model }),
      );
      expect(error).toMatchObject({ name: "LLMConfigError", field: "prompt" });
      expect(context.sim.requestCount()).toBe(0);
    },
  );

  check(
    "config-unknown-run-option",
    "a misnamed run option (maxTokens) → LLMConfigError naming the right one, no request",
    async () => {
      const error = await context.rejection(
        context.adapter().executePrompt("Hi", { model: context.model, maxTokens: 10 } as never),
      );
      expect(error).toMatchObject({ name: "LLMConfigError" });
      expect(error.message).toContain("maxOutputTokens");
      expect(context.sim.requestCount()).toBe(0);
    },
  );

  check(
    "config-stream-invalid",
    "an invalid streamed call fails through the loop and result with the same LLMConfigError",
    async () => {
      const stream = context.adapter().streamPrompt("", { model: context.model });
      const { deltas, error } = await context.drain(stream);
      expect(deltas).toEqual([]);
      expect(error).toMatchObject({ name: "LLMConfigError", field: "prompt" });
      await expect(stream.result).rejects.toBe(error);
      expect(context.sim.requestCount()).toBe(0);
    },
  );

  check(
    "config-bad-adapter-option",
    "an out-of-range adapter option (maxRetries: 99) is refused at construction with LLMConfigError",
    async () => {
      let thrown: unknown;
      try {
        context.adapter({ maxRetries: 99 });
      } catch (error) {
        thrown = error;
      }
      context.expectSafeError(thrown);
      expect(thrown).toMatchObject({ name: "LLMConfigError" });
      expect((thrown as Error).message).toContain("maxRetries");
    },
  );

  check(
    "contract-version",
    "the adapter class declares a contract version this core supports",
    async () => {
      const adapterClass = context.adapter().constructor as { contractVersion?: unknown };
      expect(SUPPORTED_ADAPTER_CONTRACT_VERSIONS).toContain(adapterClass.contractVersion);
    },
  );
}
