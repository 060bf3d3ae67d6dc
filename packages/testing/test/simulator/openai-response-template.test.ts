import { describe, expect, it } from "vitest";
import { openAIProtocol } from "../../src/simulator/openai/openai-protocol.js";
import {
  openAIChatCompletion,
  openAIChatCompletionObject,
} from "../../src/simulator/openai/openai-response.js";
import type { ParsedRequest, RequestContext } from "../../src/simulator/protocol.js";
import { resolveReply } from "../../src/simulator/resolve-reply.js";
import type { SimulatorReply } from "../../src/simulator/types.js";

const request: ParsedRequest = {
  model: 'gpt-"quoted"\n',
  stream: false,
  includeUsage: false,
  maxOutputTokens: undefined,
  promptBytes: 42,
};
const context = {
  provider: "openai",
  sequence: 7,
  requestId: "req_sim7",
  createdSeconds: 1_700_000_000,
  request,
  route: { provider: "openai" },
  query: {},
} as unknown as RequestContext;

describe("the templated OpenAI completion (benchmark hot path)", () => {
  it.each<[string, SimulatorReply]>([
    ["the default reply", {}],
    [
      "escapes and unicode",
      { text: 'a "quote", a \\ backslash,\n a newline, é and 😀', finishReason: "length" },
    ],
    [
      "full usage",
      {
        usage: {
          inputTokens: 10,
          outputTokens: 5,
          cachedInputTokens: 3,
          cacheWriteTokens: 2,
          reasoningTokens: 1,
        },
      },
    ],
  ])("serializes %s exactly like JSON.stringify of the object", (_label, step) => {
    const reply = resolveReply(step, request, openAIProtocol);
    expect(JSON.parse(openAIChatCompletion(reply, context))).toEqual(
      openAIChatCompletionObject(reply, context),
    );
  });
});
