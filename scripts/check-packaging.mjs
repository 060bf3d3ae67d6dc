#!/usr/bin/env node
// Packaging check: packs every publishable package the way `changeset publish` would (pnpm pack
// rewrites `workspace:` ranges to real versions), installs @llmc/core plus ONE provider into a
// fresh npm project, and runs a budgeted call against a tiny local server speaking that
// provider's protocol. Proves the published files, exports map and dependencies are enough on
// their own, and that a user of one provider gets no other provider.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "llmc-packaging-"));
const tarballs = join(work, "tarballs");

function sh(command, args, cwd) {
  return execFileSync(command, args, {
    cwd,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
}

const packages = [
  "core",
  "openai",
  "openrouter",
  "gemini",
  "claude-code",
  "budget-redis",
  "testing",
];
for (const name of packages) {
  sh(
    "npx",
    ["-y", packageManager, "pack", "--pack-destination", tarballs],
    join(root, "packages", name),
  );
}
const tarball = (name) =>
  join(
    tarballs,
    readdirSync(tarballs).find((f) => f.startsWith(`llmc-${name}-`)),
  );

/** A smoke program per provider: a local server answering in that protocol, one budgeted call. */
const SMOKE = {
  openai: `
    import { BudgetTracker } from "@llmc/core";
    import { OpenAIAdapter } from "@llmc/openai";
    const body = { id: "c1", object: "chat.completion", created: 1, model: "gpt-4o-mini",
      choices: [{ index: 0, message: { role: "assistant", content: "packed ok" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 } };
    const { url, close } = await serve(body);
    const budget = new BudgetTracker({ total: 1 });
    const r = await new OpenAIAdapter({ apiKey: "sk-smoke-test-key", baseURL: url + "/v1" })
      .executePrompt("hi", { model: "gpt-4o-mini", maxOutputTokens: 10, budgetTracker: budget });
    check(r, budget); close();`,
  openrouter: `
    import { BudgetTracker } from "@llmc/core";
    import { OpenRouterAdapter } from "@llmc/openrouter";
    const body = { id: "g1", object: "chat.completion", created: 1, model: "openai/gpt-4o-mini", provider: "OpenAI",
      choices: [{ index: 0, message: { role: "assistant", content: "packed ok" }, finish_reason: "stop", native_finish_reason: "stop" }],
      usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13, cost: 0.000002 } };
    const { url, close } = await serve(body);
    const budget = new BudgetTracker({ total: 1 });
    const r = await new OpenRouterAdapter({ apiKey: "sk-or-smoke-test-key", baseURL: url + "/api/v1" })
      .executePrompt("hi", { model: "openai/gpt-4o-mini", maxOutputTokens: 10, budgetTracker: budget });
    check(r, budget); close();`,
  gemini: `
    import { BudgetTracker } from "@llmc/core";
    import { GeminiAdapter } from "@llmc/gemini";
    const body = { candidates: [{ content: { role: "model", parts: [{ text: "packed ok" }] }, finishReason: "STOP", index: 0 }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 }, modelVersion: "gemini-2.5-flash" };
    const { url, close } = await serve(body);
    const budget = new BudgetTracker({ total: 1 });
    const r = await new GeminiAdapter({ apiKey: "smoke-test-key-123", baseUrl: url })
      .executePrompt("hi", { model: "gemini-2.5-flash", maxOutputTokens: 10, budgetTracker: budget });
    check(r, budget); close();`,
  "claude-code": `
    import { LLMConfigError } from "@llmc/core";
    import { ClaudeCodeAdapter } from "@llmc/claude-code";
    const error = await new ClaudeCodeAdapter({ executable: "/nonexistent/claude" })
      .executePrompt("hi", { model: "sonnet" }).catch((e) => e);
    if (!LLMConfigError.isInstance(error)) throw new Error("expected a config error, got " + error);
    console.log("claude-code: missing CLI reported as", error.name);`,
  testing: `
    import { BudgetTracker } from "@llmc/core";
    import { MockAdapter, startSimulator } from "@llmc/testing";
    const sim = await startSimulator();
    await sim.close();
    const budget = new BudgetTracker({ total: 1 });
    const r = await new MockAdapter({ fallback: { text: "packed ok" } })
      .executePrompt("hi", { model: "mock-small", maxOutputTokens: 10, budgetTracker: budget });
    check(r, budget);`,
  "budget-redis": `
    import { BudgetTracker } from "@llmc/core";
    import { RedisBudgetStore } from "@llmc/budget-redis";
    if (typeof RedisBudgetStore !== "function") throw new Error("RedisBudgetStore missing");
    console.log("budget-redis: exports load, BudgetTracker", typeof BudgetTracker);`,
};

const PRELUDE = `
  import { createServer } from "node:http";
  function serve(body) {
    return new Promise((resolve) => {
      const server = createServer((req, res) => { req.resume(); req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" }); res.end(JSON.stringify(body)); }); });
      server.listen(0, "127.0.0.1", () => resolve({ url: "http://127.0.0.1:" + server.address().port,
        close: () => server.close() }));
    });
  }
  function check(r, budget) {
    if (r.text !== "packed ok") throw new Error("unexpected text " + r.text);
    if (!(budget.spent > 0) || budget.reserved !== 0) throw new Error("budget not settled");
    console.log(r.provider + ": " + r.text + ", charged $" + budget.spent + " (" + r.costSource + ")");
  }
`;

let failures = 0;
for (const [provider, program] of Object.entries(SMOKE)) {
  const dir = join(work, `app-${provider}`);
  sh("mkdir", ["-p", dir]);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "app", private: true, type: "module" }),
  );
  sh(
    "npm",
    ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball("core"), tarball(provider)],
    dir,
  );
  const installed = readdirSync(join(dir, "node_modules/@llmc")).sort();
  const expected = ["core", provider].sort();
  if (JSON.stringify(installed) !== JSON.stringify(expected)) {
    console.error(
      `✗ ${provider}: installed @llmc/${installed.join(", @llmc/")}, expected only core and ${provider}`,
    );
    failures++;
    continue;
  }
  writeFileSync(join(dir, "smoke.mjs"), PRELUDE + program);
  try {
    process.stdout.write(sh("node", ["smoke.mjs"], dir));
  } catch {
    console.error(`✗ ${provider}: the smoke program failed`);
    failures++;
  }
}
rmSync(work, { recursive: true, force: true });
console.log(
  failures === 0
    ? "packaging: all packages install and run alone"
    : `packaging: ${failures} failed`,
);
process.exit(failures === 0 ? 0 : 1);
