import { LLMConnectionError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { GeminiAdapter } from "../src/index.js";
import { closedPort } from "./support/closed-port.js";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

/** A key that matches none of core's built-in key shapes: only registerSecret can hide it. */
const SECRET = "gm-7f3a9c2e41d84b6f9a0e5c3b2d1f0a99";
const h = useGeminiSimulator({ apiKeys: [SECRET] });

function everythingPrinted(error: unknown): string {
  const failure = error as Error & { toJSON(): unknown };
  const causes: string[] = [];
  for (let cause: unknown = failure.cause; cause; cause = (cause as Error).cause) {
    causes.push(String((cause as Error).message), String((cause as Error).stack));
  }
  return [failure.message, failure.stack, JSON.stringify(failure.toJSON()), ...causes].join("\n");
}

describe("the API key never shows", () => {
  it("travels only in the x-goog-api-key header (never the URL), which the simulator saw", async () => {
    const adapter = h.adapterWith({ apiKey: SECRET });
    const result = await adapter.executePrompt("Hi", { model: "gemini-2.5-flash" });
    expect(result.text).not.toContain(SECRET);
    const [request] = h.sim.requests;
    expect(request?.headers["x-goog-api-key"]).toBe("[REDACTED]");
    expect(request?.query).toEqual({});
    expect(JSON.stringify(request)).not.toContain(SECRET);
  });
});

describe("credentials in the base URL never show", () => {
  // A short user name no registry could hold, and a password of no key shape.
  const USER = "gw";
  const PASSWORD = "s3cr3t-in-url-9f2c";

  for (const mode of ["executePrompt", "streamPrompt"] as const) {
    it(`${mode}: fetch refuses the URL; the error is an LLMConnectionError naming no credential`, async () => {
      const host = new URL(h.sim.gemini.baseUrl).host;
      const adapter = h.adapterWith({ baseURL: `http://${USER}:${PASSWORD}@${host}` });
      const call =
        mode === "executePrompt"
          ? adapter.executePrompt("Hi", { model: "gemini-2.5-flash", maxRetries: 0 })
          : (async () => {
              for await (const _ of adapter.streamPrompt("Hi", {
                model: "gemini-2.5-flash",
                maxRetries: 0,
              })) {
                // drain
              }
            })();
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(LLMConnectionError);
      expect((error as Error).message).toContain(`http://[REDACTED]@${host}`);
      expect(everythingPrinted(error)).not.toContain(PASSWORD);
      expect(everythingPrinted(error)).not.toContain(`${USER}:`);
      // Node's fetch never sends a URL with userinfo: nothing reached the simulator.
      expect(h.sim.requestCount()).toBe(0);
    });
  }

  it("against a closed port too", async () => {
    const adapter = new GeminiAdapter({
      apiKey: SECRET,
      baseURL: `http://${USER}:${PASSWORD}@127.0.0.1:${await closedPort()}`,
    });
    const error = await rejectionOf(
      adapter.executePrompt("Hi", { model: "gemini-2.5-flash", maxRetries: 0 }),
    );
    expect(error).toBeInstanceOf(LLMConnectionError);
    expect(everythingPrinted(error)).not.toContain(PASSWORD);
    expect(everythingPrinted(error)).not.toContain(SECRET);
  });
});
