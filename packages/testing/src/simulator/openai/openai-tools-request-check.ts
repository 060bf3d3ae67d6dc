import { isRecord } from "../prompt-text.js";
import type { InvalidRequest } from "../protocol.js";
import { strictSchemaProblem } from "./openai-strict-schema-check.js";

/**
 * The 400s OpenAI answers for `tools`, `tool_choice`, `response_format` and tool messages, in
 * the order a request is checked. Messages are OpenAI's where a real one was found (quoted in
 * user reports and in OpenAI-compatible servers that copy them); see each line.
 */

const NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;
const NAME_MAX = 64;

function badName(name: unknown, param: string): InvalidRequest | undefined {
  if (typeof name !== "string") {
    return {
      message: `Missing required parameter: '${param}'.`,
      param,
      code: "missing_required_parameter",
    };
  }
  if (!NAME_PATTERN.test(name)) {
    return {
      message: `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      param,
      code: "invalid_value",
    };
  }
  if (name.length > NAME_MAX) {
    return {
      message: `Invalid '${param}': string too long. Expected a string with maximum length ${NAME_MAX}, but got a string with length ${name.length} instead.`,
      param,
      code: "string_above_max_length",
    };
  }
  return undefined;
}

function checkTools(tools: unknown): { invalid?: InvalidRequest; names: string[] } {
  if (!Array.isArray(tools)) {
    return {
      invalid: { message: "Invalid type for 'tools': expected an array.", param: "tools" },
      names: [],
    };
  }
  if (tools.length === 0) {
    return {
      invalid: {
        message:
          "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        param: "tools",
        code: "empty_array",
      },
      names: [],
    };
  }
  const names: string[] = [];
  for (const [index, tool] of tools.entries()) {
    const fn = isRecord(tool) && isRecord(tool.function) ? tool.function : undefined;
    if (fn === undefined) {
      return {
        invalid: {
          message: `Missing required parameter: 'tools[${index}].function'.`,
          param: `tools[${index}].function`,
          code: "missing_required_parameter",
        },
        names,
      };
    }
    const nameProblem = badName(fn.name, `tools[${index}].function.name`);
    if (nameProblem !== undefined) return { invalid: nameProblem, names };
    names.push(fn.name as string);
    if (fn.strict === true) {
      const problem = strictSchemaProblem(fn.parameters);
      if (problem !== undefined) {
        return {
          invalid: {
            message: `Invalid schema for function '${String(fn.name)}': ${problem}`,
            param: `tools[${index}].parameters`,
            code: "invalid_function_parameters",
            upstream: true,
          },
          names,
        };
      }
    }
  }
  return { names };
}

function checkToolChoice(
  choice: unknown,
  toolNames: readonly string[] | undefined,
): InvalidRequest | undefined {
  if (choice === undefined) return undefined;
  // Recorded: OpenAI-compatible servers copy this exact text from OpenAI.
  if (toolNames === undefined) {
    return {
      message:
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      param: "tool_choice",
    };
  }
  if (choice === "none" || choice === "auto" || choice === "required") return undefined;
  const name = isRecord(choice) && isRecord(choice.function) ? choice.function.name : undefined;
  if (typeof name !== "string") {
    return {
      message:
        "Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or an object naming a function.",
      param: "tool_choice",
      code: "invalid_value",
    };
  }
  // The Responses API's recorded wording ("Tool choice '<name>' not found in 'tools'
  // parameter."); no Chat Completions recording of this case was found.
  if (!toolNames.includes(name)) {
    return {
      message: `Tool choice '${name}' not found in 'tools' parameter.`,
      param: "tool_choice",
    };
  }
  return undefined;
}

function checkResponseFormat(format: unknown): InvalidRequest | undefined {
  if (!isRecord(format) || format.type !== "json_schema") return undefined;
  const spec = isRecord(format.json_schema) ? format.json_schema : undefined;
  if (spec === undefined) {
    return {
      message: "Missing required parameter: 'response_format.json_schema'.",
      param: "response_format.json_schema",
      code: "missing_required_parameter",
    };
  }
  const nameProblem = badName(spec.name, "response_format.json_schema.name");
  if (nameProblem !== undefined) return nameProblem;
  if (spec.strict !== true) return undefined;
  const problem = strictSchemaProblem(spec.schema);
  if (problem === undefined) return undefined;
  return {
    message: `Invalid schema for response_format '${String(spec.name)}': ${problem}`,
    param: "response_format",
    upstream: true,
  };
}

/**
 * Tool messages must answer a preceding assistant `tool_calls`, and every call must be
 * answered before the next non-tool message (both texts as OpenAI sends them).
 */
function checkToolMessages(messages: readonly unknown[]): InvalidRequest | undefined {
  let open: { index: number; ids: Set<string> } | undefined;
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) continue;
    if (message.role === "tool") {
      const id = message.tool_call_id;
      if (open === undefined || typeof id !== "string" || !open.ids.has(id)) {
        return {
          message:
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          param: `messages.[${index}].role`,
        };
      }
      open.ids.delete(id);
      continue;
    }
    if (open !== undefined && open.ids.size > 0) {
      return {
        message: `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open.ids].join(", ")}`,
        param: `messages.[${open.index}].role`,
      };
    }
    open = undefined;
    if (
      message.role === "assistant" &&
      Array.isArray(message.tool_calls) &&
      message.tool_calls.length > 0
    ) {
      const ids = new Set<string>();
      for (const call of message.tool_calls)
        if (isRecord(call) && typeof call.id === "string") ids.add(call.id);
      open = { index, ids };
    }
  }
  if (open !== undefined && open.ids.size > 0) {
    return {
      message: `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open.ids].join(", ")}`,
      param: `messages.[${open.index}].role`,
    };
  }
  return undefined;
}

/** The first problem OpenAI reports for the tool and structured-output fields of `body`. */
export function toolsRequestProblem(
  body: Readonly<Record<string, unknown>>,
): InvalidRequest | undefined {
  let names: string[] | undefined;
  if (body.tools !== undefined) {
    const checked = checkTools(body.tools);
    if (checked.invalid !== undefined) return checked.invalid;
    names = checked.names;
  }
  return (
    checkToolChoice(body.tool_choice, names) ??
    checkResponseFormat(body.response_format) ??
    (Array.isArray(body.messages) ? checkToolMessages(body.messages) : undefined)
  );
}
