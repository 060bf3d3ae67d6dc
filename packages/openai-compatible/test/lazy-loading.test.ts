import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { importOpenAISdk } from "../src/load-openai-sdk.js";

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

describe("the openai SDK and zod load on the first call, not at import", () => {
  it("importing the package and constructing an adapter loads neither", () => {
    const urls = urlsResolvedBy(`
      const { OpenAICompatibleAdapter } = await import("@llmc/openai-compatible");
      new OpenAICompatibleAdapter({ provider: "acme", apiKey: "k", baseURL: "http://127.0.0.1:1/v1" });`);
    expect(urls.some((url) => url.includes("/openai-compatible/dist/index.js"))).toBe(true);
    expect(
      urls.filter(
        (url) => url.includes("/node_modules/openai/") || url.includes("/node_modules/zod/"),
      ),
    ).toEqual([]);
  });

  it("a missing SDK is a config error that names the adapter and says what to install", async () => {
    const notFound = Object.assign(new Error("Cannot find package 'openai'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const error = await importOpenAISdk(() => Promise.reject(notFound), "openrouter").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ provider: "openrouter" });
    expect((error as LLMConfigError).message).toMatch(
      /`openai` package is not installed: the openrouter adapter.*npm install openai/,
    );
    expect(String((error as LLMConfigError).cause)).toMatch(/Cannot find package 'openai'/);

    const broken = await importOpenAISdk(() => Promise.reject(new SyntaxError("bad token"))).catch(
      (e: unknown) => e,
    );
    expect(broken).toBeInstanceOf(LLMConfigError);
    expect((broken as LLMConfigError).message).toMatch(/could not be loaded: bad token/);
  });
});
