import { readFile } from "node:fs/promises";
import type { SettleEvent } from "@llmc/core";
import { CliConfigError } from "../cli-errors.js";

/**
 * Reads a spend file: JSON lines, one settle event each (what `tracker.on("settle")` gives, as
 * the demo's `--spend-file` writes them). Blank lines are skipped; a line that is not a settle
 * event is a config error naming the line.
 */
export async function readSpendFile(path: string): Promise<SettleEvent[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliConfigError(`Could not read the spend file ${path}: ${(error as Error).message}`);
  }
  const events: SettleEvent[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    let event: SettleEvent;
    try {
      event = JSON.parse(line) as SettleEvent;
    } catch {
      throw new CliConfigError(`${path} line ${index + 1} is not JSON: one settle event a line`);
    }
    if (
      typeof event?.reservationId !== "string" ||
      !Number.isSafeInteger(event.costNanos) ||
      typeof event.at !== "number" ||
      !Array.isArray(event.budgetPath)
    ) {
      throw new CliConfigError(
        `${path} line ${index + 1} is not a settle event (reservationId, costNanos, at, budgetPath)`,
      );
    }
    events.push(event);
  }
  return events;
}
