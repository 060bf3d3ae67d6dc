import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** The URLs a fresh Node process resolves while it imports `specifier` (the built package). */
function urlsResolvedBy(specifier: string): string[] {
  const script = `
    import { registerHooks } from "node:module";
    const urls = [];
    registerHooks({ resolve(specifier, context, next) {
      const result = next(specifier, context);
      urls.push(result.url);
      return result;
    } });
    try { await import(${JSON.stringify(specifier)}); } catch (error) { urls.push("threw:" + error.message); }
    process.stdout.write(JSON.stringify(urls));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: packageDir,
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out) as string[];
}

const isVitest = (url: string) => url.includes("/node_modules/vitest/");

describe("vitest is needed only by the conformance entry", () => {
  it("importing @llmc/testing loads no vitest", () => {
    const urls = urlsResolvedBy("@llmc/testing");
    expect(urls.some((url) => url.endsWith("/testing/dist/index.js"))).toBe(true);
    expect(urls.filter(isVitest)).toEqual([]);
  });

  it("@llmc/testing/conformance is the entry that imports it", () => {
    // Outside a vitest run vitest's runtime refuses to load; that it was resolved is the point.
    const urls = urlsResolvedBy("@llmc/testing/conformance");
    expect(urls.some((url) => url.endsWith("/testing/dist/conformance/index.js"))).toBe(true);
    expect(urls.some(isVitest)).toBe(true);
  });
});
