// The two linters a careful user (and the registry's own checks) would run on a tarball:
// publint --strict (package.json fields, exports, files) and @arethetypeswrong/cli with the
// esm-only profile (whether TypeScript resolves the types the way Node resolves the code).
// Each returns the problems found as readable lines, empty when there are none.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = new URL("../..", import.meta.url).pathname;

/** @param {string} packageDir an unpacked tarball's `package/` folder (exactly what ships) */
export async function publintProblems(packageDir, pkg) {
  // pack: false lints the folder as it is, which is the tarball's content.
  const { messages } = await publint({ pkgDir: packageDir, strict: true, pack: false });
  // Suggestions count too: "zero problems" means publint has nothing at all to say.
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg)}`);
}

/** @param {string} tarball path of the packed .tgz */
export function attwProblems(tarball) {
  const attw = join(root, "node_modules/@arethetypeswrong/cli/dist/index.js");
  const result = spawnSync(
    process.execPath,
    [attw, tarball, "--profile", "esm-only", "--format", "table-flipped"],
    { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } },
  );
  if (result.status === 0) return [];
  return [`attw --profile esm-only failed:\n${result.stdout}${result.stderr}`];
}
