import type { GoogleGenAI, GoogleGenAIOptions } from "@google/genai";
import type { GeminiSdkModule } from "./load-gemini-sdk.js";

/**
 * Makes the SDK client without letting it print. `@google/genai`'s constructor reads
 * GOOGLE_API_KEY and GEMINI_API_KEY even when it is given a key, and when both are set it writes
 * "Both GOOGLE_API_KEY and GEMINI_API_KEY are set. Using GOOGLE_API_KEY." to the console. The
 * adapter always passes the key it resolved itself (GEMINI_API_KEY first), so the constructor
 * has no use for either variable: GOOGLE_API_KEY is hidden from it for the moment it runs and put
 * back at once. The constructor is synchronous, so no other code can see the variable missing.
 */
export function newGeminiClient(sdk: GeminiSdkModule, options: GoogleGenAIOptions): GoogleGenAI {
  const google = process.env.GOOGLE_API_KEY;
  const gemini = process.env.GEMINI_API_KEY;
  if (!google?.trim() || !gemini?.trim()) return new sdk.GoogleGenAI(options);
  delete process.env.GOOGLE_API_KEY;
  try {
    return new sdk.GoogleGenAI(options);
  } finally {
    process.env.GOOGLE_API_KEY = google;
  }
}
