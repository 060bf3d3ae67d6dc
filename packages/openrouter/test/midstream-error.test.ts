import { BudgetTracker, LLMProviderError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("OpenRouter's HTTP-200 error inside the answer", () => {
  it("a mid-stream error chunk is a typed error and its usage.cost is what the budget is charged", async () => {
    env.sim.script("openrouter", {
      fault: "midstream-error",
      afterChunks: 2,
      code: 400,
      message: "Token limit reached",
      usage: { inputTokens: 43, outputTokens: 10 },
      reply: { chunks: ["We ", "need ", "more"] },
    });
    const budget = new BudgetTracker({ total: 1 });
    const stream = env.adapter().streamPrompt("Hi", {
      model: "openai/gpt-4o-mini",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    const deltas: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const delta of stream) deltas.push(delta);
      })(),
    );
    expect(deltas).toEqual(["We ", "need "]);
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({
      provider: "openrouter",
      status: undefined,
      retryable: false,
      usage: { inputTokens: 43, outputTokens: 10, totalTokens: 53 },
    });
    expect((error as Error).message).toBe(
      "OpenRouter reported an error mid-response (code 400): Token limit reached",
    );
    // The simulator bills $1/M input + $2/M output: 43 + 20 micro-dollars.
    const cost = (43 * 1 + 10 * 2) / 1e6;
    expect((error as LLMProviderError).reportedCostUsd).toBeCloseTo(cost, 12);
    expect(budget.spent).toBeCloseTo(cost, 12);
    expect(budget.spent).toBe((error as LLMProviderError).reportedCostUsd);
    expect(budget.reserved).toBe(0);
    expect(env.sim.requestCount("openrouter")).toBe(1);
  });

  it("a scripted cost in the error chunk is charged exactly", async () => {
    env.sim.script("openrouter", {
      fault: "midstream-error",
      afterChunks: 1,
      reply: { costUsd: 0.0042 },
    });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      env.adapter().streamPrompt("Hi", {
        model: "openai/gpt-4o-mini",
        maxOutputTokens: 100,
        budgetTracker: budget,
      }).result,
    );
    expect(error).toBeInstanceOf(LLMProviderError);
    expect((error as Error).message).toContain("(code 502)");
    expect(budget.spent).toBe(0.0042);
    expect(budget.reserved).toBe(0);
  });

  it("the recorded mid-stream error (usage with cost 0) charges 0 and keeps the usage", async () => {
    const recorded = [
      ": OPENROUTER PROCESSING\n\n",
      'data: {"id":"gen-1762179802-UN8pkJI4AGZvryk0kFnb","provider":"Minimax","model":"minimax/minimax-m2:free","object":"chat.completion.chunk","created":1762179802,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"We need"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}\n\n',
      'data: {"id":"gen-1762179802-UN8pkJI4AGZvryk0kFnb","provider":"Minimax","model":"minimax/minimax-m2:free","object":"chat.completion.chunk","created":1762179802,"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":" to respond"},"finish_reason":"length","native_finish_reason":"length","logprobs":null}]}\n\n',
      'data: {"id":"gen-1762179802-UN8pkJI4AGZvryk0kFnb","provider":"Minimax","error":{"code":400,"message":"Token limit reached"},"model":"minimax/minimax-m2:free","object":"chat.completion.chunk","created":1762179802,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"native_finish_reason":null,"logprobs":null}],"usage":{"prompt_tokens":43,"completion_tokens":10,"total_tokens":53,"cost":0,"is_byok":false,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"cost_details":{"upstream_inference_cost":null,"upstream_inference_prompt_cost":0,"upstream_inference_completions_cost":0},"completion_tokens_details":{"reasoning_tokens":11,"image_tokens":0}}}\n\n',
      "data: [DONE]\n\n",
    ];
    env.sim.script("openrouter", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: recorded,
    });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      env
        .adapter({ prices: { "minimax/minimax-m2:free": { inputPerMTok: 0, outputPerMTok: 0 } } })
        .streamPrompt("Hi", {
          model: "minimax/minimax-m2:free",
          maxOutputTokens: 10,
          budgetTracker: budget,
        }).result,
    );
    expect(error).toMatchObject({
      name: "LLMProviderError",
      reportedCostUsd: 0,
      usage: { inputTokens: 43, outputTokens: 10, reasoningTokens: 11, cachedInputTokens: 0 },
    });
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

  it("a non-streamed 200 whose body is an error is typed and charged the same way", async () => {
    env.sim.script("openrouter", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "application/json" },
      body: `\n\n${JSON.stringify({
        id: "gen-1",
        error: {
          code: 502,
          message: "Upstream disconnected",
          metadata: { provider_name: "Fireworks" },
        },
        usage: { prompt_tokens: 12, completion_tokens: 3, cost: 0.00007 },
      })}`,
    });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", {
        model: "openai/gpt-4o-mini",
        maxOutputTokens: 10,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMProviderError);
    expect((error as Error).message).toBe(
      "OpenRouter reported an error mid-response (code 502): Upstream disconnected (Fireworks)",
    );
    expect(budget.spent).toBe(0.00007);
    expect(env.sim.requestCount("openrouter")).toBe(1);
  });
});
