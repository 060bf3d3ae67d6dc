import type { SimulatorProvider } from "./types.js";

/**
 * Protocols that put `toolCalls` / `refusal` on the wire. A protocol that would silently drop
 * them must refuse the step instead, so a test never passes on a reply it did not send.
 */
const TOOL_CALL_PROVIDERS: ReadonlySet<SimulatorProvider> = new Set([
  "openai",
  "openrouter",
  "anthropic",
  "gemini",
]);
const REFUSAL_PROVIDERS: ReadonlySet<SimulatorProvider> = new Set(["openai", "openrouter"]);

function fail(provider: SimulatorProvider, message: string): never {
  throw new TypeError(`simulator step for ${provider}: ${message}`);
}

function argumentsAreAnObject(args: unknown): boolean {
  if (args === undefined) return true;
  let value = args;
  if (typeof args === "string") {
    try {
      value = JSON.parse(args);
    } catch {
      return false;
    }
  }
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Checks a reply step's `toolCalls`, `refusal` and `json` fields when it is scripted. */
export function validateToolCallFields(
  provider: SimulatorProvider,
  step: Readonly<Record<string, unknown>>,
): void {
  if (step.refusal !== undefined) {
    if (typeof step.refusal !== "string") fail(provider, "refusal must be a string");
    if (!REFUSAL_PROVIDERS.has(provider)) fail(provider, "refusal is not sent by this protocol");
  }
  if (step.json !== undefined && (step.text !== undefined || step.chunks !== undefined)) {
    fail(provider, "give json or text/chunks, not both");
  }
  const calls = step.toolCalls;
  if (calls === undefined) return;
  if (!TOOL_CALL_PROVIDERS.has(provider)) fail(provider, "toolCalls are not sent by this protocol");
  if (!Array.isArray(calls)) fail(provider, "toolCalls must be an array");
  calls.forEach((call: unknown, index) => {
    const where = `toolCalls[${index}]`;
    if (call === null || typeof call !== "object") fail(provider, `${where} must be an object`);
    const record = call as Record<string, unknown>;
    if (typeof record.name !== "string" || record.name === "") {
      fail(provider, `${where}.name must be a non-empty string`);
    }
    if (record.id !== undefined && typeof record.id !== "string") {
      fail(provider, `${where}.id must be a string`);
    }
    if (provider === "anthropic" && !argumentsAreAnObject(record.arguments)) {
      fail(provider, `${where}.arguments must be an object (Anthropic's tool_use input)`);
    }
    if (provider === "gemini" && !argumentsAreAnObject(record.arguments)) {
      fail(provider, `${where}.arguments must be an object (Gemini's functionCall args)`);
    }
    if (record.thoughtSignature !== undefined && provider !== "gemini") {
      fail(provider, `${where}.thoughtSignature is sent only by the gemini protocol`);
    }
    const chunks = record.argumentChunks;
    if (chunks === undefined) return;
    if (!Array.isArray(chunks) || !chunks.every((c) => typeof c === "string")) {
      fail(provider, `${where}.argumentChunks must be an array of strings`);
    }
    const args =
      typeof record.arguments === "string"
        ? record.arguments
        : JSON.stringify(record.arguments ?? {});
    if (chunks.join("") !== args) {
      fail(provider, `${where}.argumentChunks must join to the arguments string ${args}`);
    }
  });
}
