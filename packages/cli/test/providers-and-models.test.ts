import { describe, expect, it } from "vitest";
import type { ProviderStatus } from "../src/commands/providers-command.js";
import { EXIT } from "../src/exit-codes.js";
import { runLlmc } from "./llmc-bin.js";

describe("llmc providers", () => {
  it("lists installed packages, whether each is configured, the variables read; never a key", async () => {
    const secret = "sk-proj-secret-value-42";
    const run = await runLlmc(["providers"], {
      env: { OPENAI_API_KEY: secret, OPENROUTER_BASE_URL: "http://user:pw@127.0.0.1:1/api/v1" },
    });
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).not.toContain(secret);
    expect(run.stdout).not.toContain("pw@");
    const line = (name: string) =>
      run.stdout.split("\n").find((l) => l.startsWith(`${name} `)) ?? "";
    expect(line("openai")).toMatch(
      /^openai +@llmc\/openai@\d+\.\d+\.\d+ +yes +OPENAI_API_KEY +OPENAI_BASE_URL +gpt-4o-mini$/,
    );
    expect(line("gemini")).toMatch(
      / no +GEMINI_API_KEY or GOOGLE_API_KEY +GOOGLE_GEMINI_BASE_URL /,
    );
    expect(line("openrouter")).toMatch(/ no +OPENROUTER_API_KEY +OPENROUTER_BASE_URL /);
    expect(line("groq")).toMatch(
      /^groq +@llmc\/openai-compatible@\d+\.\d+\.\d+ +no +GROQ_API_KEY +GROQ_BASE_URL /,
    );
    expect(line("ollama")).toMatch(/ yes +\(no key\) +http:\/\/127\.0\.0\.1:11434\/v1 /);
    for (const name of ["deepseek", "xai", "together", "mistral", "fireworks", "vllm", "lmstudio"])
      expect(line(name), name).toContain("@llmc/openai-compatible@");
  });

  it("--json, with claude-code configured when its executable is found", async () => {
    const run = await runLlmc(["providers", "--json"], {
      env: { GEMINI_API_KEY: "k", LLMC_CLAUDE_EXECUTABLE: process.execPath },
    });
    const statuses = JSON.parse(run.stdout) as ProviderStatus[];
    const byName = new Map(statuses.map((s) => [s.provider, s]));
    expect(byName.get("gemini")).toMatchObject({ configured: true, installed: expect.any(String) });
    expect(byName.get("openai")).toMatchObject({ configured: false, keyEnv: ["OPENAI_API_KEY"] });
    expect(byName.get("claude-code")).toMatchObject({
      configured: true,
      baseUrlEnv: "ANTHROPIC_BASE_URL",
    });
    expect(run.stdout).not.toContain('"k"');
  });
});

describe("llmc models", () => {
  it("prints the price table with its date, no key needed", async () => {
    const run = await runLlmc(["models", "--provider", "openai"]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(
      /^OpenAI prices as of \d{4}-\d{2}-\d{2} \(USD per million tokens; source: /,
    );
    expect(run.stdout).toMatch(/^gpt-4o-mini +\$0\.15 +\$0\.075 +\$0\.6 +16,384$/m);
  });

  it.each(["gemini", "openrouter", "claude-code"])(
    "%s --json: its dated table",
    async (provider) => {
      const run = await runLlmc(["models", "-p", provider, "--json"]);
      expect(run.code).toBe(EXIT.ok);
      const { priceTable } = JSON.parse(run.stdout);
      expect(priceTable.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Object.keys(priceTable.models).length).toBeGreaterThan(3);
    },
  );

  it("a preset says it has no price table", async () => {
    const run = await runLlmc(["models", "-p", "groq"]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain("no price table");
  });

  it("needs --provider", async () => {
    const run = await runLlmc(["models"]);
    expect(run.code).toBe(EXIT.usage);
  });
});
