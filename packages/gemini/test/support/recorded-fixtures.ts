import { readFile } from "node:fs/promises";
import path from "node:path";

/** The monorepo root (packages/gemini/test/support → ../../../..). */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../../../..");

/** Real recorded provider responses, shared by every package; read at test time, never copied. */
export const RECORDED_DIR = path.resolve(REPO_ROOT, "../shared/fixtures/recorded");

export function readRecorded(fileName: string): Promise<string> {
  return readFile(path.join(RECORDED_DIR, fileName), "utf8");
}
