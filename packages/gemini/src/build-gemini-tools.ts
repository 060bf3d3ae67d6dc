import type { FunctionCallingConfigMode, GenerateContentConfig } from "@google/genai";
import type { ProviderRequest } from "@llmc/core";
import { geminiNeedsSchemaSubset } from "./gemini-schema-dialect.js";

/** `FunctionCallingConfigMode` values (string enum members; the SDK itself is loaded lazily). */
const MODE: Record<"auto" | "required" | "none", `${FunctionCallingConfigMode}`> = {
  auto: "AUTO",
  required: "ANY",
  none: "NONE",
};

/**
 * The call's tools, tool choice and response schema in `GenerateContentConfig` terms:
 * - tools → one `functionDeclarations` tool, each input in `parametersJsonSchema` (Gemini 2.5+)
 *   or `parameters` (the OpenAPI subset, 1.x/2.0; the schema was converted by the adapter's
 *   `toWireSchema`);
 * - `toolChoice` → `toolConfig.functionCallingConfig.mode` `AUTO` / `ANY` (required) / `NONE`;
 *   `{ tool }` → `ANY` with `allowedFunctionNames: [tool]`;
 * - `schema` → `responseMimeType: "application/json"` with `responseJsonSchema` (2.5+) or
 *   `responseSchema` (1.x/2.0).
 */
export function buildGeminiTools(
  request: Pick<ProviderRequest, "model" | "tools" | "toolChoice" | "responseSchema">,
): Partial<GenerateContentConfig> {
  const subset = geminiNeedsSchemaSubset(request.model);
  const config: Partial<GenerateContentConfig> = {};
  if (request.tools && request.tools.length > 0) {
    config.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.name,
          description: tool.description,
          ...(subset
            ? { parameters: tool.inputSchema }
            : { parametersJsonSchema: tool.inputSchema }),
        })),
      },
    ];
    const choice = request.toolChoice;
    if (choice !== undefined) {
      config.toolConfig = {
        functionCallingConfig:
          typeof choice === "object"
            ? { mode: "ANY" as FunctionCallingConfigMode, allowedFunctionNames: [choice.tool] }
            : { mode: MODE[choice] as FunctionCallingConfigMode },
      };
    }
  }
  if (request.responseSchema) {
    config.responseMimeType = "application/json";
    if (subset) config.responseSchema = request.responseSchema.jsonSchema;
    else config.responseJsonSchema = request.responseSchema.jsonSchema;
  }
  return config;
}
