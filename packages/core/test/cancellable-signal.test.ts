import { describe, expect, it } from "vitest";
import { reply, TestAdapter } from "./support/test-adapter.js";

/**
 * `request.cancellable` tells an adapter whether anything can fire `request.signal`; when not,
 * it may leave the signal off its SDK call (which costs the SDK and fetch per request).
 */
describe("ProviderRequest.cancellable", () => {
  const seen = async (run: (adapter: TestAdapter) => Promise<unknown>, timeoutMs?: number) => {
    const adapter = new TestAdapter(async () => reply("ok"), timeoutMs ? { timeoutMs } : {});
    await run(adapter);
    return adapter.requests.map((request) => request.cancellable);
  };

  it("is false for a plain call: no caller signal, no deadline, not a stream", async () => {
    expect(await seen((a) => a.executePrompt("hi", { model: "test-model" }))).toEqual([false]);
  });

  it("is true with a caller signal, a call deadline or an adapter default deadline", async () => {
    const signal = new AbortController().signal;
    expect(await seen((a) => a.executePrompt("hi", { model: "test-model", signal }))).toEqual([
      true,
    ]);
    expect(
      await seen((a) => a.executePrompt("hi", { model: "test-model", timeoutMs: 60_000 })),
    ).toEqual([true]);
    expect(await seen((a) => a.executePrompt("hi", { model: "test-model" }), 60_000)).toEqual([
      true,
    ]);
  });

  it("is true for a stream, which its consumer can cancel", async () => {
    const requests = await seen(async (adapter) => {
      const stream = adapter.streamPrompt("hi", { model: "test-model" });
      for await (const _ of stream) {
        // drain
      }
      await stream.result;
    });
    expect(requests).toEqual([true]);
  });
});
