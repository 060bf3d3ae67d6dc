import type { LLMAdapter, ModelPrice } from "@llmc/core";
import { GeminiAdapter } from "@llmc/gemini";
import { OpenAIAdapter } from "@llmc/openai";
import type { RecordedRequest, Simulator, SimulatorProvider } from "@llmc/testing";

/**
 * A real adapter pointed at the simulator, and how to read its requests: the agent's
 * simulator tests run the same loop through each adapter that supports tools.
 */
export interface SimulatedProvider {
  readonly name: SimulatorProvider;
  readonly model: string;
  adapter(sim: Simulator): LLMAdapter;
  /** Per-call options the provider needs for a small budget (Gemini: thinking off). */
  readonly callOptions?: Readonly<Record<string, unknown>>;
  /** Whether the request turned the tools off (the final answer). */
  toolsOff(request: RecordedRequest): boolean;
  /** Tool results the request carries back to the model. */
  toolResults(request: RecordedRequest): number;
  /** The system prompt the request sent. */
  systemPrompt(request: RecordedRequest): string | undefined;
}

type Body = Record<string, unknown>;
const body = (request: RecordedRequest) => (request.body ?? {}) as Body;

export const OPENAI: SimulatedProvider = {
  name: "openai",
  model: "gpt-4o-mini",
  adapter: (sim) =>
    new OpenAIAdapter({ apiKey: "sk-test", baseURL: sim.openai.baseURL, maxRetries: 0 }),
  toolsOff: (request) => body(request).tool_choice === "none",
  toolResults: (request) =>
    ((body(request).messages ?? []) as { role?: string }[]).filter((m) => m.role === "tool").length,
  systemPrompt: (request) =>
    ((body(request).messages ?? []) as { role?: string; content?: string }[]).find(
      (m) => m.role === "system" || m.role === "developer",
    )?.content,
};

export const GEMINI: SimulatedProvider = {
  name: "gemini",
  model: "gemini-2.5-flash",
  adapter: (sim) =>
    new GeminiAdapter({
      apiKey: "sk-test",
      baseURL: sim.gemini.baseUrl,
      maxRetries: 0,
    }),
  callOptions: { thinkingBudget: 0 },
  toolsOff: (request) =>
    (body(request).toolConfig as { functionCallingConfig?: { mode?: string } } | undefined)
      ?.functionCallingConfig?.mode === "NONE",
  toolResults: (request) =>
    ((body(request).contents ?? []) as { parts?: { functionResponse?: unknown }[] }[])
      .flatMap((c) => c.parts ?? [])
      .filter((p) => p.functionResponse !== undefined).length,
  systemPrompt: (request) =>
    (body(request).systemInstruction as { parts?: { text?: string }[] } | undefined)?.parts
      ?.map((p) => p.text ?? "")
      .join(""),
};

/** Output rate in USD per token, and input rate, of a provider's model (its price table). */
export function rates(
  sim: Simulator,
  provider: SimulatedProvider,
): { input: number; output: number } {
  const price = provider.adapter(sim).priceFor(provider.model) as ModelPrice;
  return {
    input: price.inputPerMTok / 1e6,
    output: Math.max(price.outputPerMTok, price.reasoningPerMTok ?? 0) / 1e6,
  };
}
