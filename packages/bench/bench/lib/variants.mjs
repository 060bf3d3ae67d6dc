// What each library's user writes for one call (and one streamed call) of the same request:
// one user message, at most 50 output tokens, the text and the usage read back. Every client is
// created once, retries off where the library has them, so only the per-call path is measured.
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { GoogleGenAI } from "@google/genai";
import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { ChatOpenAI } from "@langchain/openai";
import { BudgetTracker } from "@llmc/core";
import { GeminiAdapter } from "@llmc/gemini";
import { OpenAIAdapter } from "@llmc/openai";
import { generateText, streamText } from "ai";
import OpenAI from "openai";

const PROMPT = "Reply with one short sentence about benchmarks.";
const MAX_OUTPUT = 50;
const KEY = "sk-test";
export const OPENAI_MODEL = "gpt-4o-mini";
export const GEMINI_MODEL = "gemini-2.5-flash";

function check(ok, what) {
  if (!ok) throw new Error(`bad reply from ${what}`);
}

/** `{ name: { generate, stream } }` for the OpenAI set; the first entry is the floor. */
export function openAIVariants(baseURL) {
  const raw = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0 });
  const llmc = new OpenAIAdapter({ apiKey: KEY, baseURL });
  const budget = new BudgetTracker({ total: 1_000_000 });
  const aiProvider = createOpenAI({ apiKey: KEY, baseURL });
  const aiModel = aiProvider.chat(OPENAI_MODEL); // Chat Completions, as the others use
  const langchain = new ChatOpenAI({
    model: OPENAI_MODEL,
    apiKey: KEY,
    maxTokens: MAX_OUTPUT,
    maxRetries: 0,
    configuration: { baseURL },
  });
  const llmcCall = (config) => ({
    generate: async () => {
      const result = await llmc.executePrompt(PROMPT, config);
      check(result.text && result.usage.outputTokens > 0, "llmc");
    },
    stream: async () => {
      const stream = llmc.streamPrompt(PROMPT, config);
      let text = "";
      for await (const delta of stream) text += delta;
      const result = await stream.result;
      check(text && result.usage.outputTokens > 0, "llmc stream");
    },
  });
  return {
    "raw openai": {
      generate: async () => {
        const completion = await raw.chat.completions.create({
          model: OPENAI_MODEL,
          messages: [{ role: "user", content: PROMPT }],
          max_completion_tokens: MAX_OUTPUT,
        });
        check(completion.choices[0]?.message.content && completion.usage, "raw openai");
      },
      stream: async () => {
        const stream = await raw.chat.completions.create({
          model: OPENAI_MODEL,
          messages: [{ role: "user", content: PROMPT }],
          max_completion_tokens: MAX_OUTPUT,
          stream: true,
          stream_options: { include_usage: true },
        });
        let text = "";
        let usage;
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta.content ?? "";
          usage ??= chunk.usage ?? undefined;
        }
        check(text && usage, "raw openai stream");
      },
    },
    llmc: llmcCall({ model: OPENAI_MODEL, maxOutputTokens: MAX_OUTPUT }),
    "llmc + budget": llmcCall({
      model: OPENAI_MODEL,
      maxOutputTokens: MAX_OUTPUT,
      budgetTracker: budget,
    }),
    "AI SDK": {
      generate: async () => {
        const result = await generateText({
          model: aiModel,
          prompt: PROMPT,
          maxOutputTokens: MAX_OUTPUT,
          maxRetries: 0,
        });
        check(result.text && result.usage.outputTokens > 0, "AI SDK");
      },
      stream: async () => {
        const result = streamText({
          model: aiModel,
          prompt: PROMPT,
          maxOutputTokens: MAX_OUTPUT,
          maxRetries: 0,
        });
        let text = "";
        for await (const delta of result.textStream) text += delta;
        const usage = await result.usage;
        check(text && usage.outputTokens > 0, "AI SDK stream");
      },
    },
    LangChain: {
      generate: async () => {
        const message = await langchain.invoke(PROMPT);
        check(message.content && message.usage_metadata, "LangChain");
      },
      stream: async () => {
        let text = "";
        let usage;
        for await (const chunk of await langchain.stream(PROMPT)) {
          text += chunk.content;
          usage ??= chunk.usage_metadata;
        }
        check(text && usage, "LangChain stream");
      },
    },
  };
}

/** The same for Gemini; the floor is raw `@google/genai`. */
export function geminiVariants(baseUrl) {
  const raw = new GoogleGenAI({
    apiKey: KEY,
    vertexai: false,
    apiVersion: "v1beta",
    httpOptions: { baseUrl },
  });
  const llmc = new GeminiAdapter({ apiKey: KEY, baseUrl });
  const budget = new BudgetTracker({ total: 1_000_000 });
  const aiProvider = createGoogleGenerativeAI({ apiKey: KEY, baseURL: `${baseUrl}/v1beta` });
  const aiModel = aiProvider(GEMINI_MODEL);
  const langchain = new ChatGoogleGenerativeAI({
    model: GEMINI_MODEL,
    apiKey: KEY,
    maxOutputTokens: MAX_OUTPUT,
    maxRetries: 0,
    baseUrl,
  });
  const rawRequest = {
    model: GEMINI_MODEL,
    contents: [{ role: "user", parts: [{ text: PROMPT }] }],
    config: { maxOutputTokens: MAX_OUTPUT },
  };
  const llmcCall = (config) => ({
    generate: async () => {
      const result = await llmc.executePrompt(PROMPT, config);
      check(result.text && result.usage.outputTokens > 0, "llmc");
    },
    stream: async () => {
      const stream = llmc.streamPrompt(PROMPT, config);
      let text = "";
      for await (const delta of stream) text += delta;
      const result = await stream.result;
      check(text && result.usage.outputTokens > 0, "llmc stream");
    },
  });
  return {
    "raw @google/genai": {
      generate: async () => {
        const response = await raw.models.generateContent(rawRequest);
        check(response.text && response.usageMetadata, "raw genai");
      },
      stream: async () => {
        let text = "";
        let usage;
        for await (const chunk of await raw.models.generateContentStream(rawRequest)) {
          text += chunk.text ?? "";
          usage = chunk.usageMetadata ?? usage;
        }
        check(text && usage, "raw genai stream");
      },
    },
    llmc: llmcCall({ model: GEMINI_MODEL, maxOutputTokens: MAX_OUTPUT }),
    "llmc + budget": llmcCall({
      model: GEMINI_MODEL,
      maxOutputTokens: MAX_OUTPUT,
      budgetTracker: budget,
    }),
    "AI SDK": {
      generate: async () => {
        const result = await generateText({
          model: aiModel,
          prompt: PROMPT,
          maxOutputTokens: MAX_OUTPUT,
          maxRetries: 0,
        });
        check(result.text && result.usage.outputTokens > 0, "AI SDK");
      },
      stream: async () => {
        const result = streamText({
          model: aiModel,
          prompt: PROMPT,
          maxOutputTokens: MAX_OUTPUT,
          maxRetries: 0,
        });
        let text = "";
        for await (const delta of result.textStream) text += delta;
        const usage = await result.usage;
        check(text && usage.outputTokens > 0, "AI SDK stream");
      },
    },
    LangChain: {
      generate: async () => {
        const message = await langchain.invoke(PROMPT);
        check(message.content && message.usage_metadata, "LangChain");
      },
      stream: async () => {
        let text = "";
        let usage;
        for await (const chunk of await langchain.stream(PROMPT)) {
          text += chunk.content;
          usage = chunk.usage_metadata ?? usage;
        }
        check(text && usage, "LangChain stream");
      },
    },
  };
}
