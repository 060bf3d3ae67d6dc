import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The installed version of a package next to @llmc/cli, or undefined when it is missing. */
export function installedVersion(packageName: string): string | undefined {
  try {
    return (require(`${packageName}/package.json`) as { version: string }).version;
  } catch {
    return undefined;
  }
}
