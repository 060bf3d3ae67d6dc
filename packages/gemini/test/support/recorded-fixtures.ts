import { readFile } from "node:fs/promises";
import path from "node:path";

/** The monorepo root (packages/gemini/test/support → ../../../..). */
const REPO_ROOT = path.resolve(import.meta.dirname, "../../../..");

/**
 * Real recorded provider responses, kept (test data only, not published) beside the simulator
 * in @llmc/testing, which documents where each came from in SOURCES.md.
 */
export const RECORDED_DIR = path.join(REPO_ROOT, "packages/testing/fixtures/recorded");

export function readRecorded(fileName: string): Promise<string> {
  return readFile(path.join(RECORDED_DIR, fileName), "utf8");
}
