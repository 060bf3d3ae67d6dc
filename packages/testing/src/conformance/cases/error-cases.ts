import { REDACTED } from "@llmc/core/adapter";
import { expect } from "vitest";
import type { SimulatorStep } from "../../simulator/types.js";
import type { ConformanceContext } from "../conformance-context.js";
import type { ConformanceCase, ConformanceFault } from "../conformance-options.js";
import type { RegisterCase } from "../describe-adapter-conformance.js";
import { DEFAULT_FAULT_ERRORS, ERROR_CLASSES } from "../error-classes.js";

/** The simulator step for each fault preset, and the case that checks it. */
const FAULTS: readonly { fault: ConformanceFault; id: ConformanceCase; step: SimulatorStep }[] = [
  { fault: "auth", id: "error-auth", step: { fault: "auth" } },
  {
    fault: "rate-limit",
    id: "error-rate-limit",
    step: { fault: "rate-limit", retryAfterSeconds: 7 },
  },
  { fault: "context-length", id: "error-context-length", step: { fault: "context-length" } },
  { fault: "model-not-found", id: "error-model-not-found", step: { fault: "model-not-found" } },
  { fault: "overloaded", id: "error-overloaded", step: { fault: "overloaded" } },
  { fault: "server-error", id: "error-server-error", step: { fault: "server-error" } },
  {
    fault: "insufficient-credits",
    id: "error-insufficient-credits",
    step: { fault: "insufficient-credits" },
  },
  { fault: "malformed-json", id: "error-malformed-response", step: { fault: "malformed-json" } },
];

/** Typed errors for each fault (contracts/core.md §4), and the key never in any of them. */
export function registerErrorCases(context: ConformanceContext, check: RegisterCase): void {
  for (const { fault, id, step } of FAULTS) {
    const expected = context.options.errors?.[fault] ?? DEFAULT_FAULT_ERRORS[fault];
    check(
      id,
      `the "${fault}" fault → ${expected.name} (retryable: ${expected.retryable})`,
      async () => {
        context.sim.setDefault(context.protocol, step);
        const error = await context.rejection(
          context.adapter().executePrompt("Hi", { model: context.model }),
        );
        const errorClass = ERROR_CLASSES[expected.name];
        expect(errorClass, `unknown error class ${expected.name}`).toBeDefined();
        expect(errorClass!.isInstance(error), `${error.name}: ${error.message}`).toBe(true);
        expect(error).toMatchObject({
          provider: context.provider,
          retryable: expected.retryable,
          ...expected.fields,
        });
        expect(error.message.length).toBeGreaterThan(0);
      },
    );
  }

  check(
    "error-connection-refused",
    "nothing listening at baseURL → LLMConnectionError (retryable), retried up to maxRetries",
    async () => {
      const baseURL = await context.refusedBaseURL();
      const { tracker, store } = context.budget();
      const error = await context.rejection(
        context.adapter({ baseURL, maxRetries: 1 }).executePrompt("Hi", {
          model: context.model,
          maxOutputTokens: 100,
          budgetTracker: tracker,
        }),
      );
      expect(error).toMatchObject({
        name: "LLMConnectionError",
        code: "connection",
        retryable: true,
        provider: context.provider,
      });
      expect(store.reservations.map((r) => r.chargedNanos)).toEqual([0, 0]);
    },
  );

  check(
    "redaction-echoed-key",
    "a provider echoing the API key in its error: the key is masked everywhere",
    async () => {
      context.sim.setDefault(context.protocol, {
        fault: "http-error",
        status: 429,
        message: `Rate limited for key ${context.apiKey}`,
      });
      const error = await context.rejection(
        context.adapter().executePrompt("Hi", { model: context.model }),
      );
      // rejection() has checked message, stack, JSON and causes; the echo itself is visible.
      expect(error.message).toContain(`Rate limited for key ${REDACTED}`);
      expect(JSON.stringify(context.sim.requests)).not.toContain(context.apiKey);
    },
  );
}
