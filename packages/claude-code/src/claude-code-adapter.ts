import { stat } from "node:fs/promises";
import { homedir } from "node:os";
import { resolve } from "node:path";
import {
  type AdapterCapabilities,
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
  type Usage,
} from "@llmc/core";
import type { z } from "zod";
import { buildClaudeArgs } from "./build-claude-args.js";
import { buildClaudeEnv } from "./build-claude-env.js";
import { checkClaudeVersion } from "./check-claude-version.js";
import {
  CLAUDE_CODE_OPTION_NAMES,
  type ClaudeCodeOptions,
  type ClaudeCodeRunConfig,
  type ClaudeCostSource,
  checkClaudeCodeOptions,
  claudeBaseURL,
  claudeRunConfigExtras,
  DEFAULT_KILL_GRACE_MS,
  DEFAULT_MAX_CONCURRENCY,
} from "./claude-code-options.js";
import {
  CLAUDE_PRICES,
  CLAUDE_UNKNOWN_MODEL_PRICE,
  stripContextMarker,
} from "./claude-code-prices.js";
import type { ClaudeResult } from "./claude-output.js";
import { ClaudeOutputReader } from "./claude-output-reader.js";
import { ClaudeProcess, type ClaudeProcessExit, MAX_LINE_CHARS } from "./claude-process.js";
import { claudeReportedCost } from "./claude-reported-cost.js";
import { cliPromptOverheadTokens, multiTurnReservationNanos } from "./claude-reservation.js";
import {
  jsonSchemaRejection,
  singleTurnStructuredOutputError,
  structuredOutputText,
} from "./claude-structured-output.js";
import { convertClaudeUsage, mainClaudeModel } from "./convert-claude-code-usage.js";
import { mapClaudeFinishReason } from "./map-claude-code-finish-reason.js";
import {
  mapClaudeExitWithoutResult,
  mapClaudeSpawnError,
} from "./map-claude-code-process-error.js";
import { mapClaudeResultError } from "./map-claude-code-result-error.js";
import { type ClaudeCallPlan, planClaudeCall } from "./plan-claude-call.js";
import { registerChildSecrets } from "./register-child-secrets.js";
import { renderClaudePrompt } from "./render-claude-prompt.js";

const PROVIDER = "claude-code";

/**
 * Runs prompts through the user's installed Claude Code CLI (`claude -p`), one child process
 * per call. Core owns retries, deadlines and the budget; this class turns a call into the
 * CLI's argv, environment and stdin, reads its JSON back, and kills its whole process group
 * when the call is aborted or times out.
 */
export class ClaudeCodeAdapter extends LLMAdapter<ClaudeCodeRunConfig> {
  static readonly contractVersion = 1;
  static readonly optionNames: readonly string[] = CLAUDE_CODE_OPTION_NAMES;
  readonly provider = PROVIDER;
  readonly priceTable = CLAUDE_PRICES;
  /** `schema` through `--json-schema`; function `tools` are refused (see CLAUDE_TOOLS_UNSUPPORTED). */
  override readonly capabilities: AdapterCapabilities = { tools: false, structuredOutput: true };
  readonly #options: ClaudeCodeOptions;
  /** `claude --version`, read once before the first call (and again after a failed read). */
  #versionCheck: Promise<string> | undefined;

  constructor(options: ClaudeCodeOptions = {}) {
    // Core first: it refuses an unknown option name with a did-you-mean hint (`optionNames`).
    super({ ...options, maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY });
    checkClaudeCodeOptions(options);
    this.#options = options;
    registerSecret(options.apiKey ?? process.env.ANTHROPIC_API_KEY);
    registerSecret(options.authToken ?? process.env.ANTHROPIC_AUTH_TOKEN);
  }

  /**
   * The table's price, also for `claude-opus-4-8[1m]`-style names; a model the table does not
   * know is priced like Opus 4.8, because that is what the CLI charges for it.
   */
  override priceFor(model: string): ModelPrice | undefined {
    const known = super.priceFor(model) ?? super.priceFor(stripContextMarker(model));
    // With costSource "price-table" the CLI's guess is not what is charged: no fallback.
    if (known || this.#options.costSource === "price-table") return known;
    return CLAUDE_UNKNOWN_MODEL_PRICE;
  }

  protected override configSchema(): z.ZodType {
    return runConfigSchema.extend(claudeRunConfigExtras);
  }

  /** The prompt as the CLI sends it, plus the CLI's own system prompt and framing. */
  protected override estimateInputTokens(request: PreparedRequest<ClaudeCodeRunConfig>): number {
    const rendered = renderClaudePrompt(request.messages, request.systemPrompt);
    const replacesSystemPrompt =
      rendered.systemPrompt !== undefined && this.#options.systemPromptMode !== "append";
    const bare = this.#bare(this.#childEnv(undefined, undefined));
    const overhead =
      this.#options.promptOverheadTokens ??
      cliPromptOverheadTokens(replacesSystemPrompt, bare, resolve(this.#options.cwd ?? "."));
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
      const { text, ...finish } = step.value;
      // A structured answer arrives whole in the result line (the model's tool input, not
      // text deltas): it is the stream's only text.
      if (request.responseSchema !== undefined) yield { type: "text-delta", text };
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
    const env = this.#childEnv(
      request.maxOutputTokens,
      request.config.timeoutMs ?? this.options.timeoutMs,
    );
    registerChildSecrets(env);
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
      bare: this.#bare(env),
      jsonSchema:
        request.responseSchema === undefined
          ? undefined
          : JSON.stringify(request.responseSchema.jsonSchema),
    });
    rejectNulBytes(args, env);
    await this.#ensureVersion(env, request.signal);
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
        // With a schema, text the model writes around its StructuredOutput call is not the answer.
        const structured = request.responseSchema !== undefined;
        for (const text of reader.accept(line)) if (stream && !structured) yield text;
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
    // A schema the CLI cannot use is refused before it sends anything: nothing to charge.
    const rejected =
      reader.result === undefined && exit.code !== 0 ? jsonSchemaRejection(exit.stderr) : undefined;
    if (rejected !== undefined) throw rejected;
    // The CLI ran, so its model request may have run and been billed, whatever it printed:
    // a failure below that carries no cost is charged the whole reservation (the worst case),
    // which keeps the budget's bound.
    request.markBilled();
    const result = reader.result;
    if (exit.outputTooLong) {
      throw new LLMInvalidResponseError(
        `Claude Code printed a line longer than ${MAX_LINE_CHARS} characters, which is not its JSON output; it was stopped`,
        { provider: PROVIDER },
      );
    }
    if (exit.stoppedByHost) {
      // This process was told to stop (and handles that itself): its CLIs went first.
      throw new LLMAbortError(
        `The Claude Code process was stopped because this process received ${exit.stoppedByHost}`,
        { provider: PROVIDER, ...this.#failureCost(result) },
      );
    }
    if (exit.killed || request.signal.aborted) {
      // Killed on timeout or abort: the model request may have run. Charge what the CLI
      // reported if it got that far, else (marked billed) the whole reservation. Core turns
      // this into the timeout or abort error the caller sees, keeping the cost.
      throw new LLMAbortError("The Claude Code process was stopped", {
        provider: PROVIDER,
        ...this.#failureCost(result),
      });
    }
    if (!result) throw mapClaudeExitWithoutResult(exit, reader.unreadable);
    if (result.is_error === true) {
      const error = mapClaudeResultError(result, {
        model: request.model,
        maxTurns: plan.maxTurns,
        capUsd: plan.capUsd,
        exitCode: exit.code,
        costSource: this.#costSource,
      });
      const outOfTurns =
        result.subtype === "error_max_turns" || result.terminal_reason === "max_turns";
      if (request.responseSchema !== undefined && !plan.multiTurn && outOfTurns) {
        throw singleTurnStructuredOutputError(error.message, {
          provider: PROVIDER,
          usage: error.usage,
          reportedCostUsd: error.reportedCostUsd,
        });
      }
      throw error;
    }
    if (exit.code !== 0) {
      throw new LLMProviderError(
        `Claude Code printed a result but exited with ${exit.signal ?? `code ${exit.code}`}`,
        { provider: PROVIDER, ...this.#failureCost(result) },
      );
    }
    const response = toResponse(result, request.model, this.#costSource);
    if (request.responseSchema === undefined) return response;
    // The StructuredOutput tool call is how the CLI answers: the call itself stopped normally.
    return {
      ...response,
      text: structuredOutputText(result),
      finishReason:
        response.finishReason.kind === "tool-calls"
          ? { kind: "stop", raw: response.finishReason.raw }
          : response.finishReason,
    };
  }

  get #costSource(): ClaudeCostSource {
    return this.#options.costSource ?? "cli";
  }

  /**
   * What a failed run is charged: the CLI's figure (or, with the price table, its usage) when it
   * printed a result. With neither, the run was marked billed, so core charges the whole
   * reservation, since the model request may have run.
   */
  #failureCost(result: ClaudeResult | undefined): {
    usage: Usage | undefined;
    reportedCostUsd: number | undefined;
  } {
    if (!result) return { usage: undefined, reportedCostUsd: undefined };
    const usage = convertClaudeUsage(result);
    if (this.#costSource === "price-table") return { usage, reportedCostUsd: undefined };
    return { usage, reportedCostUsd: claudeReportedCost(result) };
  }

  /** The CLI's whole environment (see build-claude-env.ts). */
  #childEnv(
    maxOutputTokens: number | undefined,
    timeoutMs: number | undefined,
  ): Record<string, string> {
    const options = this.#options;
    return buildClaudeEnv({
      parentEnv: process.env,
      homeDir: options.homeDir ?? homedir(),
      apiKey: options.apiKey,
      authToken: options.authToken,
      baseUrl: claudeBaseURL(options),
      extraEnv: options.env,
      maxOutputTokens,
      timeoutMs,
    });
  }

  /** `--bare` unless told otherwise, when the CLI gets an API key (bare reads nothing else). */
  #bare(env: Readonly<Record<string, string>>): boolean {
    return this.#options.bare ?? Boolean(env.ANTHROPIC_API_KEY);
  }

  /** Reads `claude --version` once per adapter; a call still waiting can be cancelled. */
  async #ensureVersion(env: Readonly<Record<string, string>>, signal: AbortSignal): Promise<void> {
    this.#versionCheck ??= checkClaudeVersion({
      executable: this.#options.executable ?? "claude",
      cwd: this.#options.cwd,
      env,
      killGraceMs: this.#options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      spawnError: (error) => this.#spawnError(error),
    }).catch((error: unknown) => {
      this.#versionCheck = undefined;
      throw error;
    });
    await untilAborted(this.#versionCheck, signal);
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

/**
 * No OS can pass a NUL byte in an argument or variable (spawn would refuse it); say so before
 * anything is started, the version check included.
 */
function rejectNulBytes(args: readonly string[], env: Readonly<Record<string, string>>): void {
  const where = args.some((arg) => arg.includes("\0"))
    ? "an argument (the system prompt, a tool name, …)"
    : Object.entries(env)
        .filter(([name, value]) => `${name}${value}`.includes("\0"))
        .map(([name]) => `the environment variable ${name}`)[0];
  if (where === undefined) return;
  throw new LLMConfigError(
    `Claude Code cannot be started with this call: ${where} contains null bytes, which no ` +
      "process argument or environment variable can hold.",
    { provider: PROVIDER },
  );
}

/** The promise's outcome, or a rejection as soon as `signal` aborts (core then names why). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function toResponse(
  result: ClaudeResult,
  requestedModel: string,
  costSource: ClaudeCostSource,
): ProviderResponse {
  const denials = result.permission_denials ?? [];
  return {
    text: result.result ?? "",
    model: mainClaudeModel(result) ?? requestedModel,
    finishReason: mapClaudeFinishReason(result.stop_reason),
    usage: convertClaudeUsage(result),
    // "price-table": no bill, so core prices the usage with the adapter's table.
    costUsd: costSource === "cli" ? claudeReportedCost(result) : undefined,
    providerMetadata: {
      cliCostUsd: claudeReportedCost(result),
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
