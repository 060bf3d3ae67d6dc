import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LLMConfigError } from "@llmc/core";
import { startSimulator } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { importGeminiSdk } from "../src/load-gemini-sdk.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** The URLs a fresh Node process resolves while it runs `code` (an ES module body). */
function urlsResolvedBy(code: string): string[] {
  const script = `
    import { registerHooks } from "node:module";
    const urls = [];
    registerHooks({ resolve(specifier, context, next) {
      const result = next(specifier, context);
      urls.push(result.url);
      return result;
    } });
    ${code}
    process.stdout.write(JSON.stringify(urls));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: packageDir,
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out) as string[];
}

const isSdk = (url: string) => url.includes("/node_modules/@google/genai/");
const isZod = (url: string) => url.includes("/node_modules/zod/");

describe("@google/genai and zod load on the first call, not at import", () => {
  it("importing the adapter and constructing it loads neither", () => {
    const urls = urlsResolvedBy(`
      const { GeminiAdapter } = await import("@llmc/gemini");
      new GeminiAdapter({ apiKey: "sk-test" });`);
    expect(urls.some((url) => url.includes("/gemini/dist/index.js"))).toBe(true);
    expect(urls.filter((url) => isSdk(url) || isZod(url))).toEqual([]);
  });

  it("the constructor still validates its options at once", () => {
    const urls = urlsResolvedBy(`
      const { GeminiAdapter } = await import("@llmc/gemini");
      delete process.env.GEMINI_API_KEY; delete process.env.GOOGLE_API_KEY;
      try { new GeminiAdapter(); } catch (error) { urls.push("threw:" + error.name); }`);
    expect(urls).toContain("threw:LLMConfigError");
  });

  it("the first call loads the SDK and answers", async () => {
    const sim = await startSimulator();
    try {
      const { GeminiAdapter } = await import("../src/index.js");
      const adapter = new GeminiAdapter({ apiKey: "sk-test", baseUrl: sim.gemini.baseUrl });
      const [first, second] = await Promise.all([
        adapter.executePrompt("hi", { model: "gemini-2.5-flash" }),
        adapter.executePrompt("hi", { model: "gemini-2.5-flash" }),
      ]);
      expect(first.text).toBeTruthy();
      expect(second.text).toBe(first.text);
    } finally {
      await sim.close();
    }
  });

  it("a missing SDK is a config error that says what to install", async () => {
    const notFound = Object.assign(new Error("Cannot find package '@google/genai'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const error = await importGeminiSdk(() => Promise.reject(notFound)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).message).toMatch(
      /`@google\/genai` package is not installed.*npm install @google\/genai/,
    );
    expect(String((error as LLMConfigError).cause)).toMatch(/Cannot find package '@google\/genai'/);

    const broken = await importGeminiSdk(() => Promise.reject(new SyntaxError("bad token"))).catch(
      (e: unknown) => e,
    );
    expect(broken).toBeInstanceOf(LLMConfigError);
    expect((broken as LLMConfigError).message).toMatch(/could not be loaded: bad token/);
  });
});
