import type { ChatCompletionsDialect } from "../chat-completions-dialect.js";

/*
 * Local servers: no key needed (a placeholder is sent, the SDK wants one), no price table
 * (your hardware, your cost): calls run unbudgeted, or budgeted with your own `prices`; a
 * budgeted call without a price fails closed like any other. They are asked for stream usage
 * (`stream_options.include_usage`), but a server that ignores it streams none: a budgeted
 * stream is then charged its whole reservation, `costSource: "reservation"`, never $0.
 */

/** Ollama's OpenAI-compatible endpoint (https://github.com/ollama/ollama/blob/main/docs/openai.md). */
export const ollama: ChatCompletionsDialect = {
  provider: "ollama",
  label: "Ollama",
  baseURL: "http://127.0.0.1:11434/v1",
  apiKeyRequired: false,
  maxTokensParameter: "max_tokens",
};

/**
 * vLLM's OpenAI-compatible server
 * (https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html); the key is the one
 * `vllm serve --api-key` (or its `VLLM_API_KEY`) was started with, when it was.
 */
export const vllm: ChatCompletionsDialect = {
  provider: "vllm",
  label: "vLLM",
  baseURL: "http://127.0.0.1:8000/v1",
  apiKeyEnv: "VLLM_API_KEY",
  apiKeyRequired: false,
  maxTokensParameter: "max_tokens",
};

/** LM Studio's local server (https://lmstudio.ai/docs/app/api/endpoints/openai). */
export const lmstudio: ChatCompletionsDialect = {
  provider: "lmstudio",
  label: "LM Studio",
  baseURL: "http://127.0.0.1:1234/v1",
  apiKeyRequired: false,
  maxTokensParameter: "max_tokens",
};
