import { stat } from "node:fs/promises";
import { homedir } from "node:os";
import {
  LLMAbortError,
  LLMAdapter,
  LLMConfigError,
  type LLMError,
  LLMInvalidResponseError,
  LLMProviderError,
  type ModelPrice,
  type Nanos,
  type PreparedRequest,
  type ProviderRequest,
  type ProviderResponse,
  type ProviderStreamPart,
  registerSecret,
  runConfigSchema,
} from "@llmc/core";
import type { z } from "zod";
import { buildClaudeArgs } from "./build-claude-args.js";
import { buildClaudeEnv } from "./build-claude-env.js";
import {
  type ClaudeCodeOptions,
  type ClaudeCodeRunConfig,
  checkClaudeCodeOptions,
  claudeRunConfigExtras,
  DEFAULT_KILL_GRACE_MS,
  DEFAULT_MAX_CONCURRENCY,
} from "./claude-code-options.js";
import type { ClaudeResult } from "./claude-output.js";
import { ClaudeOutputReader } from "./claude-output-reader.js";
import { CLAUDE_PRICES, CLAUDE_UNKNOWN_MODEL_PRICE, stripContextMarker } from "./claude-prices.js";
import { ClaudeProcess, type ClaudeProcessExit, MAX_LINE_CHARS } from "./claude-process.js";
import { claudeReportedCost } from "./claude-reported-cost.js";
import { cliPromptOverheadTokens, multiTurnReservationNanos } from "./claude-reservation.js";
import { convertClaudeUsage, mainClaudeModel } from "./convert-claude-usage.js";
import { mapClaudeFinishReason } from "./map-claude-finish-reason.js";
import { mapClaudeExitWithoutResult, mapClaudeSpawnError } from "./map-claude-process-error.js";
import { mapClaudeResultError } from "./map-claude-result-error.js";
import { type ClaudeCallPlan, planClaudeCall } from "./plan-claude-call.js";
import { renderClaudePrompt } from "./render-claude-prompt.js";

const PROVIDER = "claude-code";

/**
 * Runs prompts through the user's installed Claude Code CLI (`claude -p`), one child process
 * per call. Core owns retries, deadlines and the budget; this class turns a call into the
 * CLI's argv, environment and stdin, reads its JSON back, and kills its whole process group
 * when the call is aborted or times out.
 */
export class ClaudeCodeAdapter extends LLMAdapter<ClaudeCodeRunConfig> {
  readonly provider = PROVIDER;
  readonly priceTable = CLAUDE_PRICES;
  readonly #options: ClaudeCodeOptions;

  constructor(options: ClaudeCodeOptions = {}) {
    checkClaudeCodeOptions(options);
    super({ ...options, maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY });
    this.#options = options;
    registerSecret(options.apiKey ?? process.env.ANTHROPIC_API_KEY);
    registerSecret(options.authToken ?? process.env.ANTHROPIC_AUTH_TOKEN);
  }

  /**
   * The table's price, also for `claude-opus-4-8[1m]`-style names; a model the table does not
   * know is priced like Opus 4.8, because that is what the CLI charges for it.
   */
  override priceFor(model: string): ModelPrice | undefined {
    return (
      super.priceFor(model) ??
      super.priceFor(stripContextMarker(model)) ??
      CLAUDE_UNKNOWN_MODEL_PRICE
    );
  }

  protected override configSchema(): z.ZodType {
    return runConfigSchema.extend(claudeRunConfigExtras);
  }

  /** The prompt as the CLI sends it, plus the CLI's own system prompt and framing. */
  protected override estimateInputTokens(request: PreparedRequest<ClaudeCodeRunConfig>): number {
    const rendered = renderClaudePrompt(request.messages, request.systemPrompt);
    const replacesSystemPrompt =
      rendered.systemPrompt !== undefined && this.#options.systemPromptMode !== "append";
    const overhead =
      this.#options.promptOverheadTokens ?? cliPromptOverheadTokens(replacesSystemPrompt);
    return (
      Buffer.byteLength(rendered.prompt, "utf8") +
      Buffer.byteLength(rendered.systemPrompt ?? "", "utf8") +
      overhead
    );
  }

  /** Single-turn: input and output bound (core's rule). Multi-turn: the cap plus one turn. */
  protected override reservationNanos(
    request: PreparedRequest<ClaudeCodeRunConfig>,
    price: ModelPrice | undefined,
  ): Nanos {
    const plan = planClaudeCall(this.#options, request.config);
    if (!plan.multiTurn) return super.reservationNanos(request, price);
    return multiTurnReservationNanos(
      plan.capUsd,
      request.model,
      request.maxOutputTokens ?? 0,
      price ?? CLAUDE_UNKNOWN_MODEL_PRICE,
    );
  }

  protected override async doGenerate(
    request: ProviderRequest<ClaudeCodeRunConfig>,
  ): Promise<ProviderResponse> {
    const run = this.#run(request, false);
    let step = await run.next();
    while (!step.done) step = await run.next();
    return step.value;
  }

  protected override async *doStream(
    request: ProviderRequest<ClaudeCodeRunConfig>,
  ): AsyncIterable<ProviderStreamPart> {
    const run = this.#run(request, true);
    try {
      let step = await run.next();
      while (!step.done) {
        yield { type: "text-delta", text: step.value };
        step = await run.next();
      }
      const { text: _assembledByCore, ...finish } = step.value;
      yield { type: "finish", ...finish };
    } finally {
      await run.return(undefined as never);
    }
  }

  /** Errors are mapped where they are read (result line, exit, spawn); this is the fallback. */
  protected override mapError(error: unknown): LLMError {
    // spawn() rejects argv it cannot pass to the OS, e.g. a system prompt with a NUL byte.
    if ((error as NodeJS.ErrnoException)?.code === "ERR_INVALID_ARG_VALUE") {
      return new LLMConfigError(
        `Claude Code cannot be started with this call: ${(error as Error).message}`,
        { provider: PROVIDER, cause: error },
      );
    }
    return new LLMProviderError(
      `Claude Code call failed: ${(error as Error)?.message ?? String(error)}`,
      { provider: PROVIDER, cause: error },
    );
  }

  /** One CLI run: yields text deltas (when streaming), returns the response or throws. */
  async *#run(
    request: ProviderRequest<ClaudeCodeRunConfig>,
    stream: boolean,
  ): AsyncGenerator<string, ProviderResponse> {
    const options = this.#options;
    const plan = planClaudeCall(options, request.config);
    const rendered = renderClaudePrompt(request.messages, request.systemPrompt);
    const args = buildClaudeArgs({
      model: request.model,
      stream,
      systemPrompt: rendered.systemPrompt,
      systemPromptMode: options.systemPromptMode ?? "replace",
      tools: plan.tools,
      allowedTools: options.allowedTools,
      permissionMode: options.permissionMode,
      maxTurns: plan.maxTurns,
      // The reservation holds the cap (plus one turn), so the cap is within the budget.
      maxBudgetUsd: plan.multiTurn ? plan.capUsd : undefined,
      settingSources: options.settingSources ?? [],
      sessionPersistence: options.sessionPersistence ?? false,
    });
    const env = buildClaudeEnv({
      parentEnv: process.env,
      homeDir: options.homeDir ?? homedir(),
      apiKey: options.apiKey,
      authToken: options.authToken,
      baseUrl: options.baseUrl,
      extraEnv: options.env,
      maxOutputTokens: request.maxOutputTokens,
      timeoutMs: request.config.timeoutMs ?? this.options.timeoutMs,
    });
    if (request.signal.aborted) {
      throw new LLMAbortError("The Claude Code call was cancelled before it started", {
        provider: PROVIDER,
      });
    }
    const child = new ClaudeProcess({
      executable: options.executable ?? "claude",
      args,
      cwd: options.cwd,
      env,
      input: rendered.prompt,
      signal: request.signal,
      killGraceMs: options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    });
    const reader = new ClaudeOutputReader();
    let readToEnd = false;
    try {
      for await (const line of child.lines()) {
        for (const text of reader.accept(line)) if (stream) yield text;
      }
      readToEnd = true;
    } finally {
      // Stopped early (the stream's consumer left): the CLI must not outlive the call.
      if (!readToEnd) child.kill();
    }
    const exit = await child.exited;
    return this.#settle(reader, exit, request, plan);
  }

  async #settle(
    reader: ClaudeOutputReader,
    exit: ClaudeProcessExit,
    request: ProviderRequest<ClaudeCodeRunConfig>,
    plan: ClaudeCallPlan,
  ): Promise<ProviderResponse> {
    if (exit.spawnError) throw await this.#spawnError(exit.spawnError);
    const result = reader.result;
    if (exit.outputTooLong) {
      throw new LLMInvalidResponseError(
        `Claude Code printed a line longer than ${MAX_LINE_CHARS} characters, which is not its JSON output; it was stopped`,
        { provider: PROVIDER, reportedCostUsd: request.reservedUsd },
      );
    }
    if (exit.killed || request.signal.aborted) {
      // Killed on timeout or abort: the model request may have run. Charge what the CLI
      // reported if it got that far, else the whole reservation (the worst case). Core turns
      // this into the timeout or abort error the caller sees, keeping the cost.
      throw new LLMAbortError("The Claude Code process was stopped", {
        provider: PROVIDER,
        usage: result ? convertClaudeUsage(result) : undefined,
        reportedCostUsd: claudeReportedCost(result) ?? request.reservedUsd,
      });
    }
    if (!result) throw mapClaudeExitWithoutResult(exit, reader.unreadable, request.reservedUsd);
    if (result.is_error === true) {
      throw mapClaudeResultError(result, {
        model: request.model,
        maxTurns: plan.maxTurns,
        capUsd: plan.capUsd,
        exitCode: exit.code,
      });
    }
    if (exit.code !== 0) {
      throw new LLMProviderError(
        `Claude Code printed a result but exited with ${exit.signal ?? `code ${exit.code}`}`,
        {
          provider: PROVIDER,
          usage: convertClaudeUsage(result),
          reportedCostUsd: claudeReportedCost(result) ?? request.reservedUsd,
        },
      );
    }
    return toResponse(result, request.model);
  }

  async #spawnError(error: NodeJS.ErrnoException): Promise<LLMError> {
    const cwd = this.#options.cwd;
    if (error.code === "ENOENT" && cwd !== undefined) {
      const isDirectory = await stat(cwd).then(
        (stats) => stats.isDirectory(),
        () => false,
      );
      if (!isDirectory) {
        return new LLMConfigError(`The \`cwd\` option "${cwd}" is not an existing directory.`, {
          provider: PROVIDER,
          field: "cwd",
          cause: error,
        });
      }
    }
    return mapClaudeSpawnError(error, this.#options.executable ?? "claude");
  }
}

function toResponse(result: ClaudeResult, requestedModel: string): ProviderResponse {
  const denials = result.permission_denials ?? [];
  return {
    text: result.result ?? "",
    model: mainClaudeModel(result) ?? requestedModel,
    finishReason: mapClaudeFinishReason(result.stop_reason),
    usage: convertClaudeUsage(result),
    costUsd: claudeReportedCost(result),
    providerMetadata: {
      sessionId: result.session_id ?? undefined,
      numTurns: result.num_turns ?? undefined,
      durationMs: result.duration_ms ?? undefined,
      durationApiMs: result.duration_api_ms ?? undefined,
      stopReason: result.stop_reason ?? undefined,
      terminalReason: result.terminal_reason ?? undefined,
      modelUsage: result.modelUsage ?? undefined,
      ...(denials.length > 0 ? { permissionDenials: denials } : {}),
    },
  };
}
