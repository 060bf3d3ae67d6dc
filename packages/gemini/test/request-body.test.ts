import { BudgetTracker } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();

describe("what the SDK sends for a call", () => {
  it("executePrompt: one generateContent request on v1beta with the mapped body", async () => {
    await h.adapter.executePrompt(
      [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hello" },
        { role: "assistant", content: "Bonjour" },
        { role: "user", content: "Thanks" },
      ],
      {
        model: "gemini-2.5-flash",
        systemPrompt: "Be brief.",
        maxOutputTokens: 256,
        temperature: 0.3,
        thinkingBudget: 1024,
        metadata: { traceId: "never-sent" },
      },
    );
    expect(h.sim.requestCount("gemini")).toBe(1);
    const [request] = h.sim.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(request?.stream).toBe(false);
    expect(request?.headers["x-goog-api-key"]).toBe("[REDACTED]");
    expect(request?.body).toMatchInlineSnapshot(`
      {
        "contents": [
          {
            "parts": [
              {
                "text": "Hello",
              },
            ],
            "role": "user",
          },
          {
            "parts": [
              {
                "text": "Bonjour",
              },
            ],
            "role": "model",
          },
          {
            "parts": [
              {
                "text": "Thanks",
              },
            ],
            "role": "user",
          },
        ],
        "generationConfig": {
          "maxOutputTokens": 256,
          "temperature": 0.3,
          "thinkingConfig": {
            "includeThoughts": false,
            "thinkingBudget": 1024,
          },
        },
        "systemInstruction": {
          "parts": [
            {
              "text": "Be brief.

      Answer in French.",
            },
          ],
        },
      }
    `);
  });

  it("streamPrompt: streamGenerateContent?alt=sse, no thinking config unless asked", async () => {
    const stream = h.adapter.streamPrompt("Hi", { model: "gemini-2.0-flash" });
    await stream.result;
    const [request] = h.sim.requests;
    expect(request?.path).toBe("/v1beta/models/gemini-2.0-flash:streamGenerateContent");
    expect(request?.query).toEqual({ alt: "sse" });
    expect(request?.stream).toBe(true);
    expect(request?.body).toMatchInlineSnapshot(`
      {
        "contents": [
          {
            "parts": [
              {
                "text": "Hi",
              },
            ],
            "role": "user",
          },
        ],
        "generationConfig": {},
      }
    `);
  });

  it("a budgeted call without maxOutputTokens sends the model's ceiling, so the bound holds", async () => {
    await h.adapter.executePrompt("Hi", {
      model: "gemini-2.0-flash",
      budgetTracker: new BudgetTracker({ total: 1 }),
    });
    expect(h.sim.requests[0]?.body).toMatchObject({ generationConfig: { maxOutputTokens: 8192 } });
  });

  it("apiVersion and a models/ prefix are honoured", async () => {
    const v1 = h.adapterWith({ apiVersion: "v1" });
    await v1.executePrompt("Hi", { model: "models/gemini-2.5-flash" });
    expect(h.sim.requests[0]?.path).toBe("/v1/models/gemini-2.5-flash:generateContent");
  });

  it("SDK internals never leak onto the wire (no continuation or abort fields)", async () => {
    await h.adapter.executePrompt("Hi", { model: "gemini-2.5-flash" });
    const text = JSON.stringify(h.sim.requests[0]?.body);
    expect(text).not.toMatch(/automaticContinuation|abortSignal|continuationToken/);
  });
});
