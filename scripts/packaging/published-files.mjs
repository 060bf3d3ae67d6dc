// What a tarball carries, checked file by file: the licence, and no source maps (the build
// emits none; a map, or a `sourceMappingURL` comment, in a tarball means it points at src/
// files the tarball does not ship). Returns the problems found, empty when all is well.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** @param {string} packageDir an unpacked tarball's `package/` folder */
export function publishedFileProblems(packageDir) {
  const files = listFiles(packageDir).map((file) => relative(packageDir, file));
  const problems = [];
  if (!files.includes("LICENSE")) problems.push("no LICENSE file");
  for (const file of files) {
    if (file.endsWith(".map")) problems.push(`ships the source map ${file}`);
    else if (/\.(js|d\.ts)$/.test(file)) {
      if (readFileSync(join(packageDir, file), "utf8").includes("sourceMappingURL=")) {
        problems.push(`${file} points at a source map`);
      }
    }
  }
  return problems;
}
