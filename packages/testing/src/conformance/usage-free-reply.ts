import type { SimulatorProvider, SimulatorStep } from "../simulator/types.js";

export const USAGE_FREE_TEXT = "No usage in this reply.";

/**
 * A well-formed successful reply that reports no usage and no cost: the provider accepted and
 * (for all we know) billed the call, so core must charge the reservation. The simulator's
 * replies always carry usage, hence raw bytes in each protocol's own shape. `undefined`: the
 * protocol has no such reply (Anthropic always sends usage).
 */
export function usageFreeReply(
  protocol: SimulatorProvider,
  model: string,
  stream: boolean,
): SimulatorStep | undefined {
  switch (protocol) {
    case "openai":
    case "openrouter":
      return stream ? chatCompletionsStream(model) : chatCompletionsJson(model);
    case "gemini":
      return stream ? geminiStream(model) : geminiJson(model);
    case "anthropic":
      return undefined;
  }
}

const JSON_HEADERS = { "content-type": "application/json" };
const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache" };

function chatCompletionsJson(model: string): SimulatorStep {
  const body = {
    id: "chatcmpl-llmc-no-usage",
    object: "chat.completion",
    created: 1_764_547_200,
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: USAGE_FREE_TEXT, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
  };
  return { fault: "raw", status: 200, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

function chatCompletionsStream(model: string): SimulatorStep {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-llmc-no-usage",
      object: "chat.completion.chunk",
      created: 1_764_547_200,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    })}\n\n`;
  return {
    fault: "raw",
    status: 200,
    headers: SSE_HEADERS,
    body: [
      chunk({ role: "assistant", content: "" }, null),
      chunk({ content: USAGE_FREE_TEXT }, null),
      chunk({}, "stop"),
      "data: [DONE]\n\n",
    ],
  };
}

function geminiCandidate(text: string, finish: boolean) {
  return {
    content: { role: "model", parts: [{ text }] },
    ...(finish ? { finishReason: "STOP" } : {}),
    index: 0,
  };
}

function geminiJson(model: string): SimulatorStep {
  const body = { candidates: [geminiCandidate(USAGE_FREE_TEXT, true)], modelVersion: model };
  return { fault: "raw", status: 200, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

function geminiStream(model: string): SimulatorStep {
  const event = (payload: unknown) => `data: ${JSON.stringify(payload)}\r\n\r\n`;
  return {
    fault: "raw",
    status: 200,
    headers: SSE_HEADERS,
    body: [event({ candidates: [geminiCandidate(USAGE_FREE_TEXT, true)], modelVersion: model })],
  };
}
