#!/usr/bin/env node
// Packaging check: packs every publishable package the way `changeset publish` would (pnpm pack
// rewrites `workspace:` ranges to real versions) and checks each tarball as a user would meet it:
//   - its files: a LICENSE, no source maps (scripts/packaging/published-files.mjs);
//   - publint --strict and @arethetypeswrong/cli --profile esm-only, zero problems
//     (scripts/packaging/lint-tarball.mjs);
//   - installed with @llmc/core alone (plus the wire-protocol package it builds on, if any) into
//     a fresh npm project: no other @llmc package comes along, a typed consumer program type-checks without @types/node
//     (scripts/packaging/consumer-types.mjs), `require()` of it works from CommonJS, and a
//     budgeted call runs against a tiny local server speaking that provider's protocol.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONSUMERS, consumerTypeProblems, requireProblems } from "./packaging/consumer-types.mjs";
import { attwProblems, publintProblems } from "./packaging/lint-tarball.mjs";
import { publishedFileProblems } from "./packaging/published-files.mjs";

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
  "openai-compatible",
  "openai",
  "openrouter",
  "gemini",
  "claude-code",
  "budget-redis",
  "testing",
  "otel",
  "agent",
  "cli",
];
for (const name of packages) {
  sh(
    "npx",
    ["-y", packageManager, "pack", "--pack-destination", tarballs],
    join(root, "packages", name),
  );
}
/** The wire-protocol packages an adapter builds on: installed beside it from their tarballs. */
const BUILDS_ON = { openai: ["openai-compatible"], openrouter: ["openai-compatible"] };

const tarball = (name) =>
  join(
    tarballs,
    readdirSync(tarballs).find((f) => f.startsWith(`llmc-${name}-`)),
  );

let failures = 0;
function report(label, problems) {
  for (const problem of problems) console.error(`✗ ${label}: ${problem}`);
  failures += problems.length;
  return problems.length === 0;
}

for (const name of packages) {
  const unpacked = join(work, "unpacked", name);
  mkdirSync(unpacked, { recursive: true });
  sh("tar", ["-xzf", tarball(name), "-C", unpacked]);
  const packageDir = join(unpacked, "package");
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const problems = [
    ...publishedFileProblems(packageDir),
    ...(await publintProblems(packageDir, pkg)),
    ...attwProblems(tarball(name)),
  ];
  if (report(`@llmc/${name}`, problems)) {
    console.log(`@llmc/${name}: LICENSE, no maps; publint --strict and attw (esm-only) clean`);
  }
}

/** A smoke program per provider: a local server answering in that protocol, one budgeted call. */
const SMOKE = {
  core: `
    import { BudgetTracker } from "@llmc/core";
    const budget = new BudgetTracker({ total: 1 });
    const hold = await budget.reserve(2_000_000);
    await hold.settle(1_250_000);
    if (budget.spent !== 0.00125 || budget.reserved !== 0) throw new Error("budget not settled");
    console.log("core: reserve and settle, charged $" + budget.spent);`,
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
  "openai-compatible": `
    import { BudgetTracker } from "@llmc/core";
    import { OpenAICompatibleAdapter } from "@llmc/openai-compatible";
    const body = { id: "c1", object: "chat.completion", created: 1, model: "acme-small",
      choices: [{ index: 0, message: { role: "assistant", content: "packed ok" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 } };
    const { url, close } = await serve(body);
    const budget = new BudgetTracker({ total: 1 });
    const r = await new OpenAICompatibleAdapter({ provider: "acme", apiKey: "acme-smoke-test-key", baseURL: url + "/v1",
        prices: { "acme-small": { inputPerMTok: 1, outputPerMTok: 2 } } })
      .executePrompt("hi", { model: "acme-small", maxOutputTokens: 10, budgetTracker: budget });
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
  // No SDK in the tarball's install: a recording tracer provider stands in for one, and a
  // minimal adapter makes the call, so the packed core's channel reaches the packed otel.
  otel: `
    import { LLMAdapter } from "@llmc/core";
    import { instrumentLLMC } from "@llmc/otel";
    const spans = [];
    const tracerProvider = { getTracer: () => ({ startSpan: (name, options) => {
      const span = { name, attributes: { ...options.attributes }, ended: false,
        setAttribute(k, v) { this.attributes[k] = v; }, setAttributes(a) { Object.assign(this.attributes, a); },
        addEvent() {}, recordException() {}, setStatus() {}, end() { this.ended = true; } };
      spans.push(span); return span; } }) };
    class Echo extends LLMAdapter {
      static contractVersion = 1;
      provider = "echo"; priceTable = undefined;
      async doGenerate(r) { return { text: "packed ok", finishReason: { kind: "stop", raw: "stop" },
        usage: { inputTokens: 2, outputTokens: 2, totalTokens: 4 } }; }
    }
    const otel = instrumentLLMC({ tracerProvider });
    await new Echo().executePrompt("hi", { model: "echo-1" });
    otel.uninstall();
    const [span] = spans;
    if (spans.length !== 1 || !span.ended || span.attributes["gen_ai.usage.output_tokens"] !== 2)
      throw new Error("no span: " + JSON.stringify(spans));
    console.log("otel: one span " + span.name + ", " + span.attributes["gen_ai.usage.input_tokens"] + " input tokens");`,
  agent: `
    import { BudgetTracker, LLMAdapter } from "@llmc/core";
    import { runAgent } from "@llmc/agent";
    // A one-file adapter: the agent needs nothing but core's LLMAdapter.
    class Canned extends LLMAdapter {
      static contractVersion = 1;
      provider = "canned";
      priceTable = { provider: "canned", asOf: "2026-12-01", source: "smoke test",
        models: { m: { inputPerMTok: 1, outputPerMTok: 2, maxOutputTokens: 100 } } };
      async doGenerate() {
        return { text: "packed ok", finishReason: { kind: "stop", raw: "stop" },
          usage: { inputTokens: 10, outputTokens: 3, totalTokens: 13 } };
      }
    }
    const budget = new BudgetTracker({ total: 1 });
    const run = await runAgent({ adapter: new Canned(), model: "m", prompt: "hi", budgetTracker: budget });
    if (run.stopReason !== "done") throw new Error("stopped with " + run.stopReason);
    check({ text: run.text, provider: "agent", costSource: run.steps.length + " step" }, budget);`,
  cli: `
    import { execFileSync } from "node:child_process";
    const help = execFileSync(process.execPath, ["node_modules/@llmc/cli/dist/bin.js", "--help"], { encoding: "utf8" });
    if (!help.includes("usage: llmc")) throw new Error("llmc --help printed no usage");
    console.log("cli: llmc --help runs with only @llmc/core beside it");`,
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

for (const [provider, program] of Object.entries(SMOKE)) {
  const dir = join(work, `app-${provider}`);
  sh("mkdir", ["-p", dir]);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "app", private: true, type: "module" }),
  );
  sh(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      tarball("core"),
      ...(BUILDS_ON[provider] ?? []).map(tarball),
      tarball(provider),
    ],
    dir,
  );
  const installed = readdirSync(join(dir, "node_modules/@llmc")).sort();
  const expected = [...new Set(["core", ...(BUILDS_ON[provider] ?? []), provider])].sort();
  if (JSON.stringify(installed) !== JSON.stringify(expected)) {
    console.error(
      `✗ ${provider}: installed @llmc/${installed.join(", @llmc/")}, expected only @llmc/${expected.join(", @llmc/")}`,
    );
    failures++;
    continue;
  }
  report(`@llmc/${provider} types`, consumerTypeProblems(dir, provider, CONSUMERS[provider]));
  report(`@llmc/${provider} require()`, requireProblems(dir, `@llmc/${provider}`));
  writeFileSync(join(dir, "smoke.mjs"), PRELUDE + program);
  try {
    process.stdout.write(sh(process.execPath, ["smoke.mjs"], dir));
  } catch {
    console.error(`✗ ${provider}: the smoke program failed`);
    failures++;
  }
}
rmSync(work, { recursive: true, force: true });
console.log(
  failures === 0
    ? "packaging: every tarball lints clean, type-checks for a consumer, installs and runs alone"
    : `packaging: ${failures} problems`,
);
process.exit(failures === 0 ? 0 : 1);
