import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BudgetTracker, lazySchema, promptSchema, runConfigSchema } from "../src/index.js";

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

const isZod = (url: string) => url.includes("/node_modules/zod/");

describe("core's schemas are built on first use", () => {
  it("importing @llmc/core loads no zod; the first use of a schema does", () => {
    const atImport = urlsResolvedBy(`await import("@llmc/core");`);
    expect(atImport.some((url) => url.includes("/core/dist/index.js"))).toBe(true);
    expect(atImport.filter(isZod)).toEqual([]);

    const atUse = urlsResolvedBy(`
      const { runConfigSchema } = await import("@llmc/core");
      runConfigSchema.safeParse({ model: "m" });`);
    expect(atUse.some(isZod)).toBe(true);
  });

  it("runConfigSchema extends, nests and checks like the zod object it is", () => {
    const extended = runConfigSchema.extend({ region: z.enum(["eu", "us"]) });
    expect(extended.parse({ model: "m", region: "eu" })).toEqual({ model: "m", region: "eu" });
    expect(extended.safeParse({ model: "m", region: "mars" }).success).toBe(false);
    expect(extended.safeParse({ model: "m", region: "eu", typo: 1 }).success).toBe(false);

    expect(runConfigSchema).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(runConfigSchema.shape)).toContain("budgetTracker");
    expect(runConfigSchema.partial().safeParse({}).success).toBe(true);

    const wrapper = z.object({ call: runConfigSchema, tags: z.array(z.string()) });
    expect(wrapper.safeParse({ call: { model: "m" }, tags: [] }).success).toBe(true);
    expect(wrapper.safeParse({ call: { model: "" }, tags: [] }).success).toBe(false);

    expect(promptSchema.safeParse("hello").success).toBe(true);
    expect(promptSchema.safeParse([]).success).toBe(false);
  });

  it("lazySchema builds once, on first access, with the application's own zod", () => {
    let builds = 0;
    const schema = lazySchema((lazyZod) => {
      builds++;
      expect(lazyZod).toBe(z);
      return lazyZod.object({ n: lazyZod.number() });
    });
    expect(builds).toBe(0);
    expect(schema.parse({ n: 1 })).toEqual({ n: 1 });
    expect(schema.shape.n).toBeInstanceOf(z.ZodNumber);
    expect(builds).toBe(1);
  });

  it("BudgetTracker still validates its options in the constructor", () => {
    expect(() => new BudgetTracker({ total: -1 })).toThrow(/Invalid budget option `total`/);
  });
});
