import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/index.js";
import { openAIClient, USER_HELLO } from "./support/clients.js";
import { type OpenAIAPIError, rejectionOf } from "./support/rejection.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ apiKeys: ["sk-test", "sk-other"] });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function failure(client = openAIClient(sim)): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await client.chat.completions.create({ model: "gpt-4o", messages: USER_HELLO });
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

describe("OpenAI errors as the openai SDK classifies them", () => {
  it("rejects an unknown key with 401 invalid_api_key without consuming a step", async () => {
    sim.script("openai", { text: "kept" });
    const error = await failure(openAIClient(sim, { apiKey: "sk-wrong-key-123" }));
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.code).toBe("invalid_api_key");
    expect(error.message).not.toContain("sk-wrong-key-123");
    expect(sim.pendingSteps("openai")).toBe(1);
    const ok = await openAIClient(sim, { apiKey: "sk-other" }).chat.completions.create({
      model: "m",
      messages: USER_HELLO,
    });
    expect(ok.choices[0]?.message.content).toBe("kept");
  });

  it("maps every preset to the status, class and body OpenAI uses", async () => {
    sim.script(
      "openai",
      { fault: "rate-limit", retryAfterSeconds: 2, retryAfterMs: 10 },
      { fault: "auth" },
      { fault: "context-length", inputTokens: 130_000 },
      { fault: "model-not-found" },
      { fault: "overloaded" },
      { fault: "insufficient-credits" },
      { fault: "server-error" },
    );
    const rate = await failure();
    expect(rate).toBeInstanceOf(OpenAI.RateLimitError);
    expect(rate.code).toBe("rate_limit_exceeded");
    expect(rate.headers?.get("retry-after")).toBe("2");
    expect(rate.headers?.get("retry-after-ms")).toBe("10");
    expect(rate.requestID).toMatch(/^req_sim/);

    const auth = await failure();
    expect(auth).toBeInstanceOf(OpenAI.AuthenticationError);

    const context = await failure();
    expect(context).toBeInstanceOf(OpenAI.BadRequestError);
    expect(context.code).toBe("context_length_exceeded");
    expect(context.param).toBe("messages");
    expect(context.message).toContain("maximum context length is 128000 tokens");
    expect(context.message).toContain("resulted in 130000 tokens");

    const notFound = await failure();
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect(notFound.code).toBe("model_not_found");
    expect(notFound.message).toContain("The model `gpt-4o` does not exist");

    const overloaded = await failure();
    expect(overloaded).toBeInstanceOf(OpenAI.InternalServerError);
    expect(overloaded.status).toBe(503);

    const quota = await failure();
    expect(quota).toBeInstanceOf(OpenAI.RateLimitError);
    expect(quota.code).toBe("insufficient_quota");
    expect(quota.type).toBe("insufficient_quota");

    const server = await failure();
    expect(server).toBeInstanceOf(OpenAI.InternalServerError);
    expect(server.status).toBe(500);
    expect(server.type).toBe("server_error");
  });

  it("sends any status with the OpenAI error shape, or a custom body and headers", async () => {
    sim.script(
      "openai",
      { fault: "http-error", status: 403 },
      { fault: "http-error", status: 409, body: { error: { message: "busy", type: "conflict" } } },
      {
        fault: "http-error",
        status: 502,
        body: "<html>Bad gateway</html>",
        headers: { "content-type": "text/html" },
      },
    );
    const forbidden = await failure();
    expect(forbidden).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(forbidden.code).toBe("unsupported_country_region_territory");
    const conflict = await failure();
    expect(conflict).toBeInstanceOf(OpenAI.ConflictError);
    expect(conflict.message).toBe("409 busy");
    const html = await failure();
    expect(html).toBeInstanceOf(OpenAI.InternalServerError);
    expect(html.message).toContain("Bad gateway");
  });

  it("lets the SDK retry on retry-after-ms and then succeed", async () => {
    sim.script(
      "openai",
      { fault: "rate-limit", retryAfterMs: 5 },
      { fault: "http-error", status: 500, headers: { "retry-after-ms": "5" } },
      { text: "third time" },
    );
    const client = openAIClient(sim, { maxRetries: 2 });
    const reply = await client.chat.completions.create({ model: "m", messages: USER_HELLO });
    expect(reply.choices[0]?.message.content).toBe("third time");
    expect(sim.requestCount("openai")).toBe(3);
    expect(sim.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1", "2"]);
  });

  it("answers an invalid body with OpenAI's 400, without consuming a step", async () => {
    sim.script("openai", { text: "kept" });
    const client = openAIClient(sim);
    const empty = await rejectionOf<OpenAIAPIError>(
      client.chat.completions.create({ model: "m", messages: [] }),
    );
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    expect(empty.param).toBe("messages");
    const noModel = await rejectionOf<OpenAIAPIError>(
      client.chat.completions.create({ model: "", messages: USER_HELLO }),
    );
    expect(noModel.message).toBe("400 you must provide a model parameter");
    expect(sim.pendingSteps("openai")).toBe(1);
  });
});
