import { type ChatCompletionsDialect, nonEmpty } from "@llmc/openai-compatible";
import { OPENAI_DEFAULT_BASE_URL, type OpenAIAdapterOptions } from "./openai-options.js";
import { openAIPriceTable } from "./openai-prices.js";
import { type OpenAIRunConfig, openAIRunConfigSchema } from "./openai-run-config.js";

/**
 * Where OpenAI differs from the common Chat Completions wire: its endpoint and environment
 * variables, `max_completion_tokens` (o-series and gpt-5 reject `max_tokens`), the per-call
 * fields only OpenAI takes, and its price table. Usage, finish reasons and errors are the
 * common ones: the common wire *is* OpenAI's.
 */
export const openAIDialect: ChatCompletionsDialect<OpenAIRunConfig> = {
  provider: "openai",
  label: "OpenAI",
  baseURL: OPENAI_DEFAULT_BASE_URL,
  baseURLEnv: "OPENAI_BASE_URL",
  apiKeyEnv: "OPENAI_API_KEY",
  priceTable: openAIPriceTable,
  maxTokensParameter: "max_completion_tokens",
  configSchema: openAIRunConfigSchema,
  extendBody(body, { config }) {
    if (config.reasoningEffort !== undefined) body.reasoning_effort = config.reasoningEffort;
    if (config.safetyIdentifier !== undefined) body.safety_identifier = config.safetyIdentifier;
    if (config.promptCacheKey !== undefined) body.prompt_cache_key = config.promptCacheKey;
  },
};

/**
 * The dialect for one adapter: OpenAI's, plus the `OpenAI-Organization` / `OpenAI-Project`
 * headers from the options, else `OPENAI_ORG_ID` / `OPENAI_PROJECT_ID` (settled here, in the
 * open, instead of by the SDK behind the adapter's back). `defaultHeaders` still win.
 */
export function openAIDialectFor(
  options: Pick<OpenAIAdapterOptions, "organization" | "project">,
  // A plain record, not NodeJS.ProcessEnv: the published .d.ts must not need @types/node.
  env: Readonly<Record<string, string | undefined>> = process.env,
): ChatCompletionsDialect<OpenAIRunConfig> {
  const organization = nonEmpty(options.organization) ?? nonEmpty(env.OPENAI_ORG_ID);
  const project = nonEmpty(options.project) ?? nonEmpty(env.OPENAI_PROJECT_ID);
  if (!organization && !project) return openAIDialect;
  const defaultHeaders: Record<string, string> = {};
  if (organization) defaultHeaders["OpenAI-Organization"] = organization;
  if (project) defaultHeaders["OpenAI-Project"] = project;
  return { ...openAIDialect, defaultHeaders };
}
