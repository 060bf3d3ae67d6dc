import { ApiError } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, type SimulatorStep, startSimulator } from "../../src/index.js";
import { geminiClient, TEST_KEY } from "./support/clients.js";
import { postJson } from "./support/raw-http.js";
import { drainError, rejectionOf } from "./support/rejection.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: { "@type": string; reason?: string; retryDelay?: string }[];
  };
}

/** @google/genai has one error class; the body is JSON in `message`. */
async function failure(client = geminiClient(sim)) {
  const error = await rejectionOf<ApiError>(
    client.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" }),
  );
  expect(error).toBeInstanceOf(ApiError);
  return { status: error.status, body: JSON.parse(error.message) as GoogleErrorBody };
}

describe("Gemini errors through @google/genai", () => {
  it("a bad key is 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not 401", async () => {
    const { status, body } = await failure(geminiClient(sim, { apiKey: "AIza-wrong" }));
    expect(status).toBe(400);
    expect(body.error.status).toBe("INVALID_ARGUMENT");
    expect(body.error.message).toBe("API key not valid. Please pass a valid API key.");
    expect(body.error.details?.[0]?.reason).toBe("API_KEY_INVALID");
  });

  it("presets: 429 with RetryInfo, context length, 404, 503, quota, 500", async () => {
    sim.script(
      "gemini",
      { fault: "rate-limit", retryAfterSeconds: 34.4 },
      { fault: "context-length", inputTokens: 1_100_000 },
      { fault: "model-not-found" },
      { fault: "overloaded" },
      { fault: "insufficient-credits" },
      { fault: "server-error" },
      { fault: "auth" },
      { fault: "http-error", status: 504 },
    );
    const rate = await failure();
    expect(rate.status).toBe(429);
    expect(rate.body.error.status).toBe("RESOURCE_EXHAUSTED");
    const retryInfo = rate.body.error.details?.find((d) => d["@type"].endsWith("RetryInfo"));
    expect(retryInfo?.retryDelay).toBe("34.4s");

    const context = await failure();
    expect(context.status).toBe(400);
    expect(context.body.error.message).toBe(
      "The input token count (1100000) exceeds the maximum number of tokens allowed (1048576).",
    );

    const notFound = await failure();
    expect(notFound.status).toBe(404);
    expect(notFound.body.error.status).toBe("NOT_FOUND");
    expect(notFound.body.error.message).toContain(
      "models/gemini-2.5-flash is not found for API version v1beta",
    );

    const overloaded = await failure();
    expect(overloaded.status).toBe(503);
    expect(overloaded.body.error.status).toBe("UNAVAILABLE");

    const quota = await failure();
    expect(quota.status).toBe(429);
    expect(quota.body.error.details?.some((d) => d["@type"].endsWith("RetryInfo"))).toBe(false);

    const server = await failure();
    expect(server.status).toBe(500);
    expect(server.body.error.status).toBe("INTERNAL");

    const auth = await failure();
    expect(auth.status).toBe(400);
    expect(auth.body.error.details?.[0]?.reason).toBe("API_KEY_INVALID");

    const deadline = await failure();
    expect(deadline.body.error.status).toBe("DEADLINE_EXCEEDED");
  });

  it("retryAfterMs becomes a fractional retryDelay", async () => {
    sim.script("gemini", { fault: "rate-limit", retryAfterMs: 10 });
    const rate = await failure();
    expect(rate.body.error.details?.find((d) => d.retryDelay)?.retryDelay).toBe("0.01s");
  });

  it("midstream-error: a data {error} event becomes ApiError with that code", async () => {
    sim.script("gemini", {
      fault: "midstream-error",
      afterChunks: 2,
      code: 503,
      message: "The model is overloaded.",
    });
    const stream = await geminiClient(sim).models.generateContentStream({
      model: "gemini-2.5-flash",
      contents: "hi",
    });
    const error = await drainError<ApiError>(stream);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.message).toContain("UNAVAILABLE");
  });

  it("cut, malformed and hang faults surface as errors", async () => {
    sim.script(
      "gemini",
      { fault: "cut-stream", afterChunks: 1 },
      { fault: "malformed-json", afterChunks: 1 },
      { fault: "hang" },
    );
    const cut = await geminiClient(sim).models.generateContentStream({
      model: "m",
      contents: "hi",
    });
    await expect(drainError(cut)).resolves.toBeInstanceOf(Error);
    const malformed = await geminiClient(sim).models.generateContentStream({
      model: "m",
      contents: "hi",
    });
    await expect(drainError(malformed)).resolves.toBeInstanceOf(Error);
    const hung = await rejectionOf<Error>(
      geminiClient(sim).models.generateContent({
        model: "m",
        contents: "hi",
        config: { httpOptions: { timeout: 150 } },
      }),
    );
    expect(hung.name).toBe("AbortError");
  });
});

describe("Gemini errors on the streaming endpoint, the way Google sends them", () => {
  const body = { contents: [{ role: "user", parts: [{ text: "hi" }] }] };
  const endpoint = (action: string, query = "") =>
    `${sim.gemini.baseUrl}/v1beta/models/gemini-2.5-flash:${action}${query}`;
  const keyHeader = (key: string | undefined) =>
    key === undefined ? {} : ({ "x-goog-api-key": key } as Record<string, string>);

  const failedPrecondition = {
    error: {
      code: 400,
      message: "User location is not supported for the API use.",
      status: "FAILED_PRECONDITION",
    },
  };
  const cases: { name: string; key: string | undefined; step?: SimulatorStep }[] = [
    { name: "a bad key", key: "AIza-wrong" },
    { name: "no key", key: undefined },
    {
      name: "429 with RetryInfo",
      key: TEST_KEY,
      step: { fault: "rate-limit", retryAfterSeconds: 34.4 },
    },
    { name: "context length", key: TEST_KEY, step: { fault: "context-length" } },
    { name: "model not found", key: TEST_KEY, step: { fault: "model-not-found" } },
    { name: "503", key: TEST_KEY, step: { fault: "overloaded" } },
    { name: "500", key: TEST_KEY, step: { fault: "server-error" } },
    {
      name: "FAILED_PRECONDITION",
      key: TEST_KEY,
      step: { fault: "http-error", status: 400, body: failedPrecondition },
    },
  ];

  for (const { name, key, step } of cases) {
    it(`${name}: same status and JSON body as generateContent, labelled text/event-stream`, async () => {
      if (step) sim.script("gemini", step, step);
      const unary = await postJson(endpoint("generateContent"), body, keyHeader(key));
      const streamed = await postJson(
        endpoint("streamGenerateContent", "?alt=sse"),
        body,
        keyHeader(key),
      );
      expect(unary.headers.get("content-type")).toContain("application/json");
      expect(streamed.headers.get("content-type")).toBe("text/event-stream");
      expect(streamed.status).toBe(unary.status);
      expect(streamed.status).toBeGreaterThanOrEqual(400);
      expect(JSON.parse(streamed.text)).toEqual(JSON.parse(unary.text));
    });
  }

  it("@google/genai wraps that text as the message of its ApiError, status kept", async () => {
    sim.script("gemini", { fault: "rate-limit", retryAfterSeconds: 34.4 });
    const error = await rejectionOf<ApiError>(
      geminiClient(sim).models.generateContentStream({ model: "gemini-2.5-flash", contents: "hi" }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    const outer = JSON.parse(error.message) as { error: { message: string } };
    const inner = JSON.parse(outer.error.message) as GoogleErrorBody;
    expect(inner.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(inner.error.details?.find((d) => d.retryDelay)?.retryDelay).toBe("34.4s");
  });

  it("a scripted http-error with its own content-type keeps it", async () => {
    sim.script("gemini", {
      fault: "http-error",
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<html>Bad Gateway</html>",
    });
    const streamed = await postJson(
      endpoint("streamGenerateContent", "?alt=sse"),
      body,
      keyHeader(TEST_KEY),
    );
    expect(streamed.status).toBe(502);
    expect(streamed.headers.get("content-type")).toBe("text/html");
  });
});
