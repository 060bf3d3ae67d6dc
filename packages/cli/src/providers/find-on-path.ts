import { accessSync, constants } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import type { Env } from "../cli-io.js";

/** Whether an executable name (or path) can be run, the way a shell would find it. */
export function isExecutableOnPath(name: string, env: Env): boolean {
  const candidates =
    isAbsolute(name) || name.includes("/")
      ? [name]
      : (env.PATH ?? "")
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, name));
  return candidates.some((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
