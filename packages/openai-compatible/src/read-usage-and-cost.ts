import type { Usage } from "@llmc/core/adapter";
import type { ChatCompletionsDialect } from "./chat-completions-dialect.js";
import { readChatCompletionsUsage } from "./convert-openai-compatible-usage.js";
import type { WireObject, WireReader } from "./wire-reader.js";

/** The dialect hooks that say where usage and cost live. */
export type UsageDialect = Pick<
  ChatCompletionsDialect<never>,
  "findUsage" | "readUsage" | "readCostUsd"
>;

export interface UsageAndCost {
  readonly usage: Usage | undefined;
  /** The provider's own bill in USD, when the dialect reads one. */
  readonly costUsd: number | undefined;
}

const NONE: UsageAndCost = { usage: undefined, costUsd: undefined };

/** Usage (and cost) of a response body or a stream chunk, through the dialect's hooks. */
export function readUsageAndCost(
  container: WireObject,
  dialect: UsageDialect,
  reader: WireReader,
): UsageAndCost {
  const found = dialect.findUsage ? dialect.findUsage(container) : container.usage;
  const usage = reader.record(found, "usage");
  if (!usage) return NONE;
  return {
    usage: dialect.readUsage
      ? dialect.readUsage(usage, reader)
      : readChatCompletionsUsage(usage, reader),
    costUsd: dialect.readCostUsd?.(usage, reader, container),
  };
}
