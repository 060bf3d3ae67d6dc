import type { ModelPrice, PriceTable } from "./model-price.js";

/** `gpt-4o-mini-2024-07-18` → `gpt-4o-mini`, `claude-haiku-4-5-20251001` → `claude-haiku-4-5`. */
const DATED_SNAPSHOT = /-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * Finds a model's price: the user's overrides first, then the table; an exact name first, then
 * the name without a dated-snapshot suffix. No fuzzier matching: guessing a price for a model
 * that merely shares a prefix (`gpt-4o` for `gpt-4o-audio`) would charge the wrong amount.
 */
export function findPrice(
  model: string,
  table: PriceTable | undefined,
  overrides?: Readonly<Record<string, ModelPrice>>,
): ModelPrice | undefined {
  const candidates = [model, model.replace(DATED_SNAPSHOT, "")];
  for (const source of [overrides, table?.models]) {
    if (!source) continue;
    for (const name of candidates) {
      if (Object.hasOwn(source, name)) return source[name];
    }
  }
  return undefined;
}
