import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerConfigCases } from "./cases/config-cases.js";
import { registerErrorCases } from "./cases/error-cases.js";
import { registerRefusalCases } from "./cases/refusal-cases.js";
import { registerRetryCases } from "./cases/retry-cases.js";
import { registerSettlementCases } from "./cases/settlement-cases.js";
import { registerUsageCases } from "./cases/usage-cases.js";
import { ConformanceContext } from "./conformance-context.js";
import {
  type AdapterConformanceOptions,
  CONFORMANCE_CASES,
  type ConformanceCase,
} from "./conformance-options.js";

/** Registers one case, or — when the adapter declared it cannot apply — a test saying so. */
export type RegisterCase = (id: ConformanceCase, title: string, body: () => Promise<void>) => void;

/**
 * Registers the adapter contract's tests (contracts/core.md) as one vitest `describe` block,
 * run against `createAdapter` pointed at a local `@llmc/testing` simulator: usage mapping,
 * cost and `costSource`, the settlement table, refusal before any request, retry rules, key
 * redaction in every error, typed errors for each fault, streaming `result`, config
 * validation. Call it at the top level of a test file:
 *
 * ```ts
 * import { describeAdapterConformance } from "@llmc/testing/conformance";
 * describeAdapterConformance({
 *   name: "my-adapter",
 *   createAdapter: ({ baseURL, apiKey, ...options }) => new MyAdapter({ baseURL, apiKey, ...options }),
 *   simulator: { protocol: "openai" },
 *   model: "gpt-4o-mini",
 * });
 * ```
 *
 * A case that cannot apply (say, reasoning tokens for a provider that reports none) is named
 * in `notApplicable` with the reason; it still appears in the run, its name saying what is not
 * checked and why.
 */
export function describeAdapterConformance(options: AdapterConformanceOptions): void {
  const context = new ConformanceContext(options);
  const timeout = options.testTimeoutMs ?? 30_000;
  const register: RegisterCase = (id, title, body) => {
    const reason = options.notApplicable?.[id];
    if (reason === undefined) {
      it(`${id}: ${title}`, body, timeout);
      return;
    }
    it(`${id}: not checked for ${options.name} — ${reason}`, () => {
      expect(reason.trim(), `notApplicable["${id}"] needs a reason`).not.toBe("");
    });
  };

  describe(`adapter conformance: ${options.name}`, () => {
    beforeAll(async () => {
      await options.beforeAll?.();
      await context.start();
      // One call first: whatever the adapter loads lazily (its SDK, zod) loads now, so no
      // short deadline below ever includes that one-time cost on a loaded machine.
      await context.adapter().executePrompt("Warm up.", { model: context.model });
    }, timeout);
    afterAll(async () => {
      await context.stop();
    }, timeout);
    beforeEach(() => {
      context.sim.reset();
    });

    it("the options name only known cases", () => {
      const unknown = Object.keys(options.notApplicable ?? {}).filter(
        (id) => !(CONFORMANCE_CASES as readonly string[]).includes(id),
      );
      expect(unknown, `unknown case names in notApplicable`).toEqual([]);
    });

    registerUsageCases(context, register);
    registerSettlementCases(context, register);
    registerRefusalCases(context, register);
    registerRetryCases(context, register);
    registerErrorCases(context, register);
    registerConfigCases(context, register);
  });
}
