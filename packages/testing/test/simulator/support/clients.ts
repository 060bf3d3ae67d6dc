import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import type { Simulator } from "../../../src/index.js";

export const TEST_KEY = "sk-test";

/** The real openai SDK against the simulator's OpenAI endpoint, no retries. */
export function openAIClient(
  sim: Simulator,
  options: { apiKey?: string; maxRetries?: number } = {},
) {
  return new OpenAI({
    apiKey: options.apiKey ?? TEST_KEY,
    baseURL: sim.openai.baseURL,
    maxRetries: options.maxRetries ?? 0,
    timeout: 5_000,
  });
}

/** The openai SDK against the simulator's OpenRouter endpoint (how OpenRouter is used). */
export function openRouterClient(sim: Simulator, options: { apiKey?: string } = {}) {
  return new OpenAI({
    apiKey: options.apiKey ?? TEST_KEY,
    baseURL: sim.openrouter.baseURL,
    maxRetries: 0,
    timeout: 5_000,
  });
}

/** @google/genai with the API version set explicitly (its default changed between majors). */
export function geminiClient(
  sim: Simulator,
  options: { apiKey?: string; apiVersion?: string } = {},
) {
  return new GoogleGenAI({
    apiKey: options.apiKey ?? TEST_KEY,
    apiVersion: options.apiVersion ?? "v1beta",
    httpOptions: { baseUrl: sim.gemini.baseUrl, timeout: 5_000 },
  });
}

export function anthropicClient(
  sim: Simulator,
  options: { apiKey?: string; maxRetries?: number } = {},
) {
  return new Anthropic({
    apiKey: options.apiKey ?? TEST_KEY,
    baseURL: sim.anthropic.baseUrl,
    maxRetries: options.maxRetries ?? 0,
    timeout: 5_000,
  });
}

export const USER_HELLO = [{ role: "user" as const, content: "Hello there" }];
