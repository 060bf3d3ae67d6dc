import { type LLMAdapter, LLMConfigError } from "@llmc/core";
import type { Env } from "../cli-io.js";

/** How the CLI builds an adapter: only the base URL is ever passed; keys come from the env. */
export interface AdapterSettings {
  /** `--base-url`, when given. */
  readonly baseUrl: string | undefined;
  readonly env: Env;
  /**
   * Build the adapter with a placeholder key, only to read its price table: nothing is sent,
   * and `llmc models` works before any key is set.
   */
  readonly forListing?: boolean;
}

const LISTING_KEY = "unused-for-listing";
const keyFor = (settings: AdapterSettings) => (settings.forListing ? { apiKey: LISTING_KEY } : {});

export interface ProviderEntry {
  /** What `--provider` takes. */
  readonly name: string;
  readonly label: string;
  /** The package that must be installed next to @llmc/cli. */
  readonly packageName: string;
  /** Environment variables holding the key, in the order they are read. Never printed. */
  readonly keyEnv: readonly string[];
  /** The environment variable for another endpoint, when there is one. */
  readonly baseUrlEnv: string | undefined;
  /** Used when neither `--model` nor LLMC_MODEL is given. */
  readonly defaultModel: string;
  /** The preset's endpoint, for OpenAI-compatible presets. */
  readonly presetBaseUrl?: string;
  /** Loads the package lazily and builds the adapter (the import is where a missing package shows). */
  create(settings: AdapterSettings): Promise<LLMAdapter>;
}

/** The first non-empty value of these variables. */
export function firstSet(env: Env, names: readonly string[]): string | undefined {
  return names
    .map((name) => env[name]?.trim())
    .find((value) => value !== undefined && value !== "");
}

const openai: ProviderEntry = {
  name: "openai",
  label: "OpenAI",
  packageName: "@llmc/openai",
  keyEnv: ["OPENAI_API_KEY"],
  baseUrlEnv: "OPENAI_BASE_URL",
  defaultModel: "gpt-4o-mini",
  async create(settings) {
    const { OpenAIAdapter } = await import("@llmc/openai");
    const { baseUrl } = settings;
    return new OpenAIAdapter({ ...keyFor(settings), ...(baseUrl ? { baseURL: baseUrl } : {}) });
  },
};

const gemini: ProviderEntry = {
  name: "gemini",
  label: "Google Gemini",
  packageName: "@llmc/gemini",
  keyEnv: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
  // Read by the @google/genai SDK itself when the adapter is given no baseUrl.
  baseUrlEnv: "GOOGLE_GEMINI_BASE_URL",
  defaultModel: "gemini-2.5-flash",
  async create(settings) {
    const { GeminiAdapter } = await import("@llmc/gemini");
    const { baseUrl } = settings;
    return new GeminiAdapter({ ...keyFor(settings), ...(baseUrl ? { baseUrl } : {}) });
  },
};

const openrouter: ProviderEntry = {
  name: "openrouter",
  label: "OpenRouter",
  packageName: "@llmc/openrouter",
  keyEnv: ["OPENROUTER_API_KEY"],
  baseUrlEnv: "OPENROUTER_BASE_URL",
  defaultModel: "openai/gpt-4o-mini",
  async create(settings) {
    const { OpenRouterAdapter } = await import("@llmc/openrouter");
    const { baseUrl } = settings;
    return new OpenRouterAdapter({
      appName: "llmc",
      ...keyFor(settings),
      ...(baseUrl ? { baseURL: baseUrl } : {}),
    });
  },
};

const claudeCode: ProviderEntry = {
  name: "claude-code",
  label: "Claude Code CLI",
  packageName: "@llmc/claude-code",
  // Optional: without them the `claude` CLI uses its own login.
  keyEnv: ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"],
  baseUrlEnv: "ANTHROPIC_BASE_URL",
  defaultModel: "haiku",
  async create({ baseUrl, env }) {
    const { ClaudeCodeAdapter } = await import("@llmc/claude-code");
    const executable = env.LLMC_CLAUDE_EXECUTABLE?.trim();
    return new ClaudeCodeAdapter({
      ...(baseUrl ? { baseUrl } : {}),
      ...(executable ? { executable } : {}),
    });
  },
};

interface PresetSpec {
  /** What `--provider` takes: the preset's provider name in `@llmc/openai-compatible`. */
  readonly name: string;
  readonly label: string;
  /** The preset's default endpoint and variables (a test checks they match the preset). */
  readonly baseUrl: string;
  readonly baseUrlEnv: string | undefined;
  /** The key variable; `undefined` for local servers that need no key. */
  readonly keyEnv: string | undefined;
  /** `false` when the server runs without a key (vLLM without `--api-key`). */
  readonly keyRequired: boolean;
  readonly defaultModel: string;
}

/**
 * OpenAI-compatible endpoints: the presets of @llmc/openai-compatible, each with its vendor's
 * max-tokens field and usage quirks. None ships a price table, so a `--budget` call on them
 * fails closed (no price → no worst case).
 */
export const PRESETS: readonly PresetSpec[] = [
  local("ollama", "Ollama (local)", "http://127.0.0.1:11434/v1", "llama3.2"),
  local("lmstudio", "LM Studio (local)", "http://127.0.0.1:1234/v1", "local-model"),
  {
    ...local("vllm", "vLLM (local)", "http://127.0.0.1:8000/v1", "Qwen/Qwen2.5-1.5B-Instruct"),
    keyEnv: "VLLM_API_KEY",
  },
  hosted("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ", "llama-3.3-70b-versatile"),
  hosted("deepseek", "DeepSeek", "https://api.deepseek.com/v1", "DEEPSEEK", "deepseek-chat"),
  hosted("xai", "xAI", "https://api.x.ai/v1", "XAI", "grok-3-mini"),
  hosted(
    "together",
    "Together AI",
    "https://api.together.xyz/v1",
    "TOGETHER",
    "meta-llama/Llama-3.3-70B-Instruct-Turbo",
  ),
  hosted("mistral", "Mistral AI", "https://api.mistral.ai/v1", "MISTRAL", "mistral-small-latest"),
  hosted(
    "fireworks",
    "Fireworks AI",
    "https://api.fireworks.ai/inference/v1",
    "FIREWORKS",
    "accounts/fireworks/models/llama-v3p1-8b-instruct",
  ),
];

function hosted(
  name: string,
  label: string,
  baseUrl: string,
  env: string,
  model: string,
): PresetSpec {
  return {
    name,
    label,
    baseUrl,
    baseUrlEnv: `${env}_BASE_URL`,
    keyEnv: `${env}_API_KEY`,
    keyRequired: true,
    defaultModel: model,
  };
}

function local(name: string, label: string, baseUrl: string, model: string): PresetSpec {
  return {
    name,
    label,
    baseUrl,
    baseUrlEnv: undefined,
    keyEnv: undefined,
    keyRequired: false,
    defaultModel: model,
  };
}

function presetEntry(preset: PresetSpec): ProviderEntry {
  return {
    name: preset.name,
    label: preset.label,
    packageName: "@llmc/openai-compatible",
    keyEnv: preset.keyEnv ? [preset.keyEnv] : [],
    baseUrlEnv: preset.baseUrlEnv,
    defaultModel: preset.defaultModel,
    presetBaseUrl: preset.baseUrl,
    async create({ baseUrl, env, forListing }) {
      const { OpenAICompatibleAdapter, OPENAI_COMPATIBLE_PRESETS } = await import(
        "@llmc/openai-compatible"
      );
      const key = forListing ? LISTING_KEY : preset.keyEnv && firstSet(env, [preset.keyEnv]);
      if (!key && preset.keyRequired) {
        throw new LLMConfigError(
          `No ${preset.label} API key: set the ${preset.keyEnv} environment variable.`,
          { provider: preset.name, field: "apiKey" },
        );
      }
      const endpoint = baseUrl ?? (preset.baseUrlEnv && firstSet(env, [preset.baseUrlEnv]));
      return new OpenAICompatibleAdapter({
        dialect: OPENAI_COMPATIBLE_PRESETS[preset.name],
        ...(key ? { apiKey: key } : {}),
        ...(endpoint ? { baseURL: endpoint } : {}),
      });
    },
  };
}

export const PROVIDERS: readonly ProviderEntry[] = [
  openai,
  gemini,
  openrouter,
  claudeCode,
  ...PRESETS.map(presetEntry),
];

export function findProvider(name: string): ProviderEntry | undefined {
  return PROVIDERS.find((provider) => provider.name === name);
}
