import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { LLMProviderError } from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

describe("retries and abort listeners", () => {
  it("ten retries leave no listener on the caller's signal and print no MaxListenersExceededWarning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const seen = new Set<AbortSignal>();
      let calls = 0;
      // Like an SDK: every request adds an abort listener to the signal it is given and
      // never removes it.
      const adapter = new TestAdapter(
        async (request) => {
          seen.add(request.signal);
          request.signal.addEventListener("abort", () => {});
          if (++calls <= 10) throw new LLMProviderError("overloaded", { status: 503 });
          return reply("ok");
        },
        { retryPolicy: { initialDelayMs: 0, maxDelayMs: 0 } },
      );
      const caller = new AbortController();
      const result = await adapter.executePrompt("hi", {
        model: "test-model",
        maxRetries: 10,
        signal: caller.signal,
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(result.attempts).toBe(11);
      expect(seen.size).toBe(11);
      expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
      expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("an abort of the caller's signal still reaches the attempt in flight", async () => {
    const caller = new AbortController();
    const adapter = new TestAdapter(
      (request) =>
        new Promise((_resolve, reject) => {
          request.signal.addEventListener("abort", () => reject(new Error("aborted")));
          caller.abort();
        }),
    );
    const error = await adapter
      .executePrompt("hi", { model: "test-model", signal: caller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "aborted" });
  });
});
