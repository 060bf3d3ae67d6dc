import type { Usage } from "../adapter/usage.js";
import type { LLMErrorCode } from "./error-codes.js";
import { redactSecrets, sanitizeCause } from "./redact-secrets.js";

/**
 * Marks errors across duplicate installs of @llmc/core: `instanceof` fails when two copies of
 * the package are loaded, a global symbol does not.
 */
const KINDS = Symbol.for("@llmc/core/error-kinds");

export interface LLMErrorOptions {
  readonly provider?: string | undefined;
  readonly retryable?: boolean | undefined;
  readonly cause?: unknown;
  /** Usage the provider reported before failing (e.g. a mid-stream error); it is charged. */
  readonly usage?: Usage | undefined;
  /** Cost the provider reported before failing, in USD; charged to the budget. */
  readonly reportedCostUsd?: number | undefined;
}

/**
 * The base of every error this library throws. Branch on the subclass (or `code`), read
 * `retryable` to decide whether trying again can help.
 */
export class LLMError extends Error {
  static readonly kind: string = "LLMError";
  /**
   * A stable machine-readable code; each subclass narrows it to its own literal. Typed as the
   * `LLMErrorCode` union, so a `switch` over it can be checked for exhaustiveness.
   */
  readonly code: LLMErrorCode = "llm_error";
  readonly provider: string | undefined;
  readonly retryable: boolean;
  readonly usage: Usage | undefined;
  readonly reportedCostUsd: number | undefined;
  declare readonly [KINDS]: readonly string[];

  constructor(message: string, options: LLMErrorOptions = {}) {
    const cause = sanitizeCause(options.cause);
    super(redactSecrets(message), cause ? { cause } : undefined);
    this.name = new.target.name;
    this.provider = options.provider;
    this.retryable = options.retryable ?? false;
    this.usage = options.usage;
    this.reportedCostUsd = options.reportedCostUsd;
    Object.defineProperty(this, KINDS, { value: kindsOf(new.target), enumerable: false });
    if (this.stack) this.stack = redactSecrets(this.stack);
  }

  /** `instanceof` that also recognises errors from another copy of @llmc/core. */
  static isInstance<T>(
    this: { readonly kind: string; readonly prototype: T },
    value: unknown,
  ): value is T {
    const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass the check was called on.
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      retryable: this.retryable,
    };
    for (const [key, value] of Object.entries(this)) {
      if (!(key in json) && value !== undefined) json[key] = value;
    }
    if (this.cause instanceof Error)
      json.cause = { name: this.cause.name, message: this.cause.message };
    return JSON.parse(redactSecrets(JSON.stringify(json)));
  }
}

function kindsOf(errorClass: unknown): string[] {
  const kinds: string[] = [];
  let current = errorClass as { kind?: string } | null;
  while (current && typeof current.kind === "string") {
    if (!kinds.includes(current.kind)) kinds.push(current.kind);
    current = Object.getPrototypeOf(current) as { kind?: string } | null;
  }
  return kinds;
}
