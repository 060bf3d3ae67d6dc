import { type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runExample, simulatorEnv } from "./run-example.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

it("one-call-per-provider: one call each to OpenAI, Gemini and OpenRouter", async () => {
  sim.setDefault("openai", { text: "2", usage: { inputTokens: 10, outputTokens: 1 } });
  sim.setDefault("gemini", { text: "3" });
  sim.setDefault("openrouter", { text: "5", costUsd: 0.00001 });
  const run = await runExample("one-call-per-provider", simulatorEnv(sim));
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("openai gpt-4o-mini: 10 in / 1 out, $0.000002 (price-table): 2");
  expect(run.stdout).toMatch(
    /^gemini gemini-2\.5-flash: \d+ in \/ \d+ out, \$[\d.]+ \(price-table\): 3$/m,
  );
  expect(run.stdout).toContain("$0.000010 (provider): 5");
  expect(sim.requestCount("openai")).toBe(1);
  expect(sim.requestCount("gemini")).toBe(1);
  expect(sim.requestCount("openrouter")).toBe(1);
  expect(sim.requestCount("anthropic")).toBe(0);
});
