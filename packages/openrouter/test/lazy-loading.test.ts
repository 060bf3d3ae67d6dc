import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSimulator } from "@llmc/testing";
import { describe, expect, it } from "vitest";

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

const isSdk = (url: string) => url.includes("/node_modules/openai/");
const isZod = (url: string) => url.includes("/node_modules/zod/");

describe("the openai SDK and zod load on the first OpenRouter call, not at import", () => {
  it("importing the adapter and constructing it loads neither", () => {
    const urls = urlsResolvedBy(`
      const { OpenRouterAdapter } = await import("@llmc/openrouter");
      new OpenRouterAdapter({ apiKey: "sk-test" });`);
    expect(urls.some((url) => url.includes("/openrouter/dist/index.js"))).toBe(true);
    expect(urls.filter((url) => isSdk(url) || isZod(url))).toEqual([]);
  });

  it("the constructor still validates its options at once", () => {
    const urls = urlsResolvedBy(`
      const { OpenRouterAdapter } = await import("@llmc/openrouter");
      delete process.env.OPENROUTER_API_KEY;
      try { new OpenRouterAdapter(); } catch (error) { urls.push("threw:" + error.name); }`);
    expect(urls).toContain("threw:LLMConfigError");
  });

  it("the first call loads the SDK and answers", async () => {
    const sim = await startSimulator();
    try {
      const { OpenRouterAdapter } = await import("../src/index.js");
      const adapter = new OpenRouterAdapter({ apiKey: "sk-test", baseURL: sim.openrouter.baseURL });
      const [first, second] = await Promise.all([
        adapter.executePrompt("hi", { model: "openai/gpt-4o-mini" }),
        adapter.executePrompt("hi", { model: "openai/gpt-4o-mini" }),
      ]);
      expect(first.text).toBeTruthy();
      expect(second.text).toBe(first.text);
    } finally {
      await sim.close();
    }
  });
});
