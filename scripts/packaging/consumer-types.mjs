// Type-checks a small TypeScript program against the INSTALLED tarballs, the way a user's
// project sees them: strict, NodeNext, `skipLibCheck: false` so our .d.ts are checked too, and
// `types: []` so @types/node is not pulled in behind the program's back. `lib` has DOM for the
// web globals the API names (AbortSignal, Headers, ReadableStream), which every runtime with
// fetch provides. A published .d.ts that leans on `NodeJS.*` or Node's modules fails here.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2023", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
  files: ["consumer.ts"],
};

/** One program per package: its main public API, used with types the way the README does. */
export const CONSUMERS = {
  core: `
    import { BudgetTracker, LLMBudgetExceededError, LLMError, type LLMErrorCode, type LLMResult, type Usage } from "@llmc/core";
    const budget = new BudgetTracker({ total: 1, name: "job" });
    const child: BudgetTracker = budget.child({ total: 0.5, name: "researcher" });
    export function summary(r: LLMResult): string {
      const usage: Usage = r.usage;
      return \`\${r.text} \${usage.inputTokens} \${r.costUsd ?? 0} \${budget.spent} \${child.remaining()}\`;
    }
    export function why(e: unknown): string {
      if (LLMBudgetExceededError.isInstance(e)) return (e.budgetName ?? "budget") + ": " + e.requested;
      return e instanceof LLMError ? e.message : String(e);
    }
    // The error codes are a closed union: this switch compiles only while it covers every one.
    export function retryLater(e: LLMError): boolean {
      const code: LLMErrorCode = e.code;
      switch (code) {
        case "rate_limit": case "connection": case "provider_error": case "budget_store_unavailable":
          return true;
        case "llm_error": case "config": case "authentication": case "permission": case "timeout":
        case "aborted": case "context_length_exceeded": case "content_filtered": case "model_not_found":
        case "insufficient_credits": case "invalid_response": case "budget_exceeded": case "refusal":
          return false;
        default: { const unhandled: never = code; return unhandled; }
      }
    }`,
  openai: `
    import { BudgetTracker, type PriceTable } from "@llmc/core";
    import { OpenAIAdapter, type OpenAIAdapterOptions, openAIPriceTable } from "@llmc/openai";
    const options: OpenAIAdapterOptions = { apiKey: "sk-consumer", baseURL: "http://127.0.0.1:1/v1" };
    const gpt = new OpenAIAdapter(options);
    const prices: PriceTable = openAIPriceTable;
    export async function ask(signal: AbortSignal): Promise<string> {
      const r = await gpt.executePrompt("hi", { model: "gpt-4o-mini", maxOutputTokens: 10, signal,
        budgetTracker: new BudgetTracker({ total: 1 }) });
      let streamed = "";
      for await (const delta of gpt.streamPrompt("hi", { model: "gpt-4o-mini" })) streamed += delta;
      return r.text + streamed + gpt.baseURL + String(prices !== undefined);
    }`,
  "openai-compatible": `
    import { BudgetTracker } from "@llmc/core";
    import { type ChatCompletionsDialect, OpenAICompatibleAdapter, type OpenAICompatibleAdapterOptions } from "@llmc/openai-compatible";
    const dialect: ChatCompletionsDialect = { provider: "acme", label: "Acme", apiKeyEnv: "ACME_API_KEY",
      findUsage: (chunk) => chunk.usage, readCostUsd: (usage, reader) => reader.number(usage.cost, "usage.cost") };
    const options: OpenAICompatibleAdapterOptions = { dialect, apiKey: "acme-consumer", baseURL: "http://127.0.0.1:1/v1" };
    const acme = new OpenAICompatibleAdapter(options);
    export async function ask(): Promise<string> {
      const r = await acme.executePrompt("hi", { model: "acme-small", maxOutputTokens: 10, topP: 0.5,
        budgetTracker: new BudgetTracker({ total: 1 }) });
      return r.text + r.costSource + acme.baseURL;
    }`,
  openrouter: `
    import { BudgetTracker } from "@llmc/core";
    import { OpenRouterAdapter, type OpenRouterAdapterOptions } from "@llmc/openrouter";
    const options: OpenRouterAdapterOptions = { apiKey: "sk-or-consumer" };
    const router = new OpenRouterAdapter(options);
    export async function ask(): Promise<string> {
      const r = await router.executePrompt("hi", { model: "openai/gpt-4o-mini", maxOutputTokens: 10,
        budgetTracker: new BudgetTracker({ total: 1 }) });
      return r.text + r.costSource;
    }`,
  gemini: `
    import { BudgetTracker } from "@llmc/core";
    import { GeminiAdapter, type GeminiAdapterOptions, GEMINI_PRICES } from "@llmc/gemini";
    const options: GeminiAdapterOptions = { apiKey: "consumer-key" };
    const gemini = new GeminiAdapter(options);
    export async function ask(): Promise<string> {
      const r = await gemini.executePrompt("hi", { model: "gemini-2.5-flash", thinkingBudget: 0,
        budgetTracker: new BudgetTracker({ total: 1 }) });
      let streamed = "";
      for await (const text of gemini.streamPrompt("hi", { model: "gemini-2.5-flash" })) streamed += text;
      return r.text + streamed + String(GEMINI_PRICES !== undefined);
    }`,
  "claude-code": `
    import { BudgetTracker, type LLMError } from "@llmc/core";
    import { ClaudeCodeAdapter, type ClaudeCodeOptions } from "@llmc/claude-code";
    const options: ClaudeCodeOptions = { executable: "claude" };
    const claude = new ClaudeCodeAdapter(options);
    export async function ask(): Promise<string> {
      const r = await claude.executePrompt("hi", { model: "sonnet", maxOutputTokens: 200,
        budgetTracker: new BudgetTracker({ total: 1 }) });
      return r.text;
    }
    // Importing @llmc/claude-code adds its codes to the union: without the first case this
    // switch would not compile.
    export function stoppedByLimit(e: LLMError): boolean {
      switch (e.code) {
        case "max_turns": case "max_budget": return true;
        case "llm_error": case "config": case "authentication": case "permission": case "rate_limit":
        case "timeout": case "aborted": case "context_length_exceeded": case "content_filtered":
        case "model_not_found": case "provider_error": case "insufficient_credits":
        case "invalid_response": case "connection": case "budget_exceeded": case "budget_store_unavailable":
        case "refusal":
          return false;
        default: { const unhandled: never = e.code; return unhandled; }
      }
    }`,
  "budget-redis": `
    import { BudgetTracker } from "@llmc/core";
    import { RedisBudgetStore } from "@llmc/budget-redis";
    export async function run(): Promise<number> {
      const store = await RedisBudgetStore.connect({ url: "redis://127.0.0.1:6379" });
      const budget = new BudgetTracker({ total: 5, id: "nightly-run", store });
      const hold = await budget.reserve(2_000_000);
      await hold.settle(1_250_000);
      await store.close();
      return budget.spent;
    }`,
  otel: `
    import { instrumentLLMC, type LLMCInstrumentation } from "@llmc/otel";
    import { trace } from "@opentelemetry/api";
    const otel: LLMCInstrumentation = instrumentLLMC({ tracerProvider: trace.getTracerProvider() });
    otel.uninstall();`,
  agent: `
    import { BudgetTracker, type LLMAdapter } from "@llmc/core";
    import { type AgentRun, type AgentStopReason, runAgent } from "@llmc/agent";
    export async function research(adapter: LLMAdapter): Promise<AgentStopReason> {
      const run: AgentRun = await runAgent({ adapter, model: "gpt-4o-mini", prompt: "Compare the offers.",
        budgetTracker: new BudgetTracker({ total: 0.1 }), maxSteps: 5, finalAnswer: { reserveUsd: 0.01 } });
      return run.stopReason;
    }`,
  cli: `
    import { EXIT, type ExitCode } from "@llmc/cli";
    export const refused: ExitCode = EXIT.budgetRefused;`,
  testing: `
    import { BudgetTracker } from "@llmc/core";
    import { MockAdapter, startSimulator } from "@llmc/testing";
    export async function run(): Promise<string> {
      const sim = await startSimulator();
      try {
        const r = await new MockAdapter({ fallback: { text: "ok" } })
          .executePrompt("hi", { model: "mock-small", budgetTracker: new BudgetTracker({ total: 1 }) });
        return r.text + sim.openai.baseURL;
      } finally {
        await sim.close();
      }
    }`,
};

/**
 * The one package whose types need Node's: @llmc/budget-redis exposes ioredis, and ioredis's
 * own .d.ts use Buffer, EventEmitter and net/tls types. That package declares it (an optional
 * peer dependency on @types/node, and its README says so); its consumer installs @types/node
 * and names it in `types`, like any Node project using ioredis.
 */
export const NEEDS_NODE_TYPES = new Set(["budget-redis"]);

/** Returns the compiler's complaints (empty when the program type-checks). */
export function consumerTypeProblems(appDir, name, program) {
  const tsconfig = structuredClone(TSCONFIG);
  if (NEEDS_NODE_TYPES.has(name)) {
    tsconfig.compilerOptions.types = ["node"];
    const install = spawnSync(
      "npm",
      ["install", "--no-audit", "--no-fund", "--loglevel=error", "@types/node@22"],
      { cwd: appDir, encoding: "utf8" },
    );
    if (install.status !== 0) {
      return [`npm install @types/node@22 failed (exit ${install.status}):\n${install.stderr}`];
    }
  }
  writeFileSync(join(appDir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(appDir, "consumer.ts"), program);
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
    cwd: appDir,
    encoding: "utf8",
  });
  return result.status === 0
    ? []
    : [`consumer.ts does not type-check:\n${firstLines(result.stdout + result.stderr, 40)}`];
}

/** `require()` of the package from CommonJS: the READMEs promise it on Node >= 22.12. */
export function requireProblems(appDir, name) {
  const result = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(name)})`], {
    cwd: appDir,
    encoding: "utf8",
  });
  return result.status === 0 ? [] : [`require("${name}") failed:\n${result.stderr}`];
}

function firstLines(text, count) {
  const lines = text.split("\n");
  return lines.length <= count
    ? text
    : [...lines.slice(0, count), `… ${lines.length - count} more lines`].join("\n");
}
