import { isRecord } from "../prompt-text.js";
import type { InvalidRequest } from "../protocol.js";

/**
 * The 400s Gemini answers for `tools`, `toolConfig`, a response schema and function-call turns,
 * checked in this order. Quoted messages are Google's as users report them; the others follow
 * Google's `* GenerateContentRequest.<field>: <problem>` shape (marked "shape").
 */

/** "Must start with a letter or an underscore… maximum length of 64" (Google's message). */
const NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

/** The fields of Gemini's `Schema` message (OpenAPI 3.0 subset): anything else is refused. */
const SCHEMA_FIELDS = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);

/**
 * A `parameters` / `responseSchema` value with a keyword the `Schema` message lacks: the JSON
 * parser's "Unknown name" error (vercel/ai and LangChain users hit it with
 * `additionalProperties`, `$schema`, `const`).
 */
function unknownSchemaField(schema: unknown, at: string): string | undefined {
  if (!isRecord(schema)) return undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (!SCHEMA_FIELDS.has(key)) {
      return `Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`;
    }
    if (key === "properties" && isRecord(value)) {
      for (const [name, property] of Object.entries(value)) {
        const found = unknownSchemaField(property, `${at}.properties[${name}].value`);
        if (found) return found;
      }
    } else if (key === "items") {
      const found = unknownSchemaField(value, `${at}.items`);
      if (found) return found;
    } else if (key === "anyOf" && Array.isArray(value)) {
      for (const [index, option] of value.entries()) {
        const found = unknownSchemaField(option, `${at}.any_of[${index}]`);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function checkTools(tools: unknown): { problem?: string; names: string[] } {
  const names: string[] = [];
  if (tools === undefined) return { names };
  if (!Array.isArray(tools))
    return { problem: "* GenerateContentRequest.tools: must be a list\n", names };
  for (const [t, tool] of tools.entries()) {
    const declarations = isRecord(tool) ? tool.functionDeclarations : undefined;
    if (declarations === undefined) continue;
    if (!Array.isArray(declarations)) {
      return {
        problem: `* GenerateContentRequest.tools[${t}].function_declarations: must be a list\n`,
        names,
      };
    }
    for (const [d, declaration] of declarations.entries()) {
      const at = `tools[${t}].function_declarations[${d}]`;
      const record = isRecord(declaration) ? declaration : {};
      const name = record.name;
      if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
        return {
          problem: `* GenerateContentRequest.${at}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:) or dashes (-), with a maximum length of 64.\n`,
          names,
        };
      }
      names.push(name);
      if (record.parameters !== undefined && record.parametersJsonSchema !== undefined) {
        // shape
        return {
          problem: `* GenerateContentRequest.${at}: parameters and parameters_json_schema must not both be set\n`,
          names,
        };
      }
      const unknown = unknownSchemaField(record.parameters, `${at}.parameters`);
      if (unknown) return { problem: unknown, names };
    }
  }
  return { names };
}

function checkToolConfig(toolConfig: unknown, names: readonly string[]): string | undefined {
  const config = isRecord(toolConfig) ? toolConfig.functionCallingConfig : undefined;
  if (!isRecord(config)) return undefined;
  const mode = config.mode ?? "AUTO";
  if (!["AUTO", "ANY", "NONE", "VALIDATED", "MODE_UNSPECIFIED"].includes(String(mode))) {
    return `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${String(mode)}"`;
  }
  const allowed = config.allowedFunctionNames;
  if (allowed !== undefined) {
    if (mode !== "ANY" && mode !== "VALIDATED") {
      // shape
      return "* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: allowed_function_names can only be set when mode is ANY\n";
    }
    for (const name of Array.isArray(allowed) ? allowed : []) {
      if (!names.includes(String(name))) {
        // shape
        return `* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: function ${String(name)} is not declared in tools\n`;
      }
    }
  }
  return undefined;
}

function checkResponseSchema(generationConfig: Record<string, unknown>): string | undefined {
  const { responseSchema, responseJsonSchema, responseMimeType } = generationConfig;
  if (responseSchema !== undefined && responseJsonSchema !== undefined) {
    // shape
    return "* GenerateContentRequest.generation_config: response_schema and response_json_schema must not both be set\n";
  }
  if (
    (responseSchema !== undefined || responseJsonSchema !== undefined) &&
    responseMimeType !== "application/json" &&
    responseMimeType !== "text/x.enum"
  ) {
    // shape
    return "* GenerateContentRequest.generation_config.response_mime_type: must be application/json when a response schema is set\n";
  }
  return unknownSchemaField(responseSchema, "generation_config.response_schema");
}

function partsOf(content: unknown): Record<string, unknown>[] {
  const parts = isRecord(content) ? content.parts : undefined;
  return Array.isArray(parts) ? parts.filter(isRecord) : [];
}

/** Function-response turns must answer the call turn right before them, one part per call. */
function checkFunctionTurns(contents: unknown): string | undefined {
  if (!Array.isArray(contents)) return undefined;
  for (const [index, content] of contents.entries()) {
    const responses = partsOf(content).filter((part) => part.functionResponse !== undefined).length;
    if (responses === 0) continue;
    const previous = index > 0 ? contents[index - 1] : undefined;
    const calls = partsOf(previous).filter((part) => part.functionCall !== undefined).length;
    if (calls === 0) {
      return "Please ensure that function response turn comes immediately after a function call turn.";
    }
    if (calls !== responses) {
      return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
    }
  }
  return undefined;
}

/** The first problem Gemini would refuse the body for, or `undefined`. */
export function geminiToolsProblem(body: Record<string, unknown>): InvalidRequest | undefined {
  const tools = checkTools(body.tools);
  const generationConfig = isRecord(body.generationConfig) ? body.generationConfig : {};
  const problem =
    tools.problem ??
    checkToolConfig(body.toolConfig, tools.names) ??
    checkResponseSchema(generationConfig) ??
    checkFunctionTurns(body.contents);
  return problem === undefined ? undefined : { message: problem };
}
