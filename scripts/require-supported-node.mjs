// The project needs Node >= 22.12 (where `require()` of an ES module works unflagged, and what
// openai 7, @google/genai 3 and vitest 5 declare). Many machines still run Node 20, so the
// README's commands do not refuse there: they fetch Node 22 from the npm registry (the `node@22`
// package, through npx, as the suite already does for its Node 24 run) and run again under it.
// Written in syntax every Node since 14 parses, so it gets as far as re-running itself.
import { spawnSync } from "node:child_process";

export const MINIMUM_NODE = "22.12.0";

/** Whether `version` ("22.12.0", "v20.20.2") is at least MINIMUM_NODE. */
export function isSupportedNode(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  const [minMajor, minMinor] = MINIMUM_NODE.split(".").map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

/**
 * On a Node older than MINIMUM_NODE, runs `script` again with the same arguments under Node 22
 * from npm and exits with its status; on a supported Node, returns at once.
 */
export function reRunUnderSupportedNode(script) {
  if (isSupportedNode(process.versions.node)) return;
  // npx puts the fetched `node` first on PATH, so everything the re-run spawns (pnpm, turbo,
  // tsc, the packaging smoke programs) runs on Node 22 too. The marker stops a loop if the
  // fetched binary were somehow still too old.
  if (process.env.LLMC_NODE_BOOTSTRAP === "1") {
    console.error(
      `✗ Still on Node ${process.version} after fetching node@22; install Node >= ${MINIMUM_NODE}.`,
    );
    process.exit(1);
  }
  console.log(
    `Node ${process.version} is older than ${MINIMUM_NODE}: fetching Node 22 from npm ` +
      "(npx -y node@22) and running again under it.",
  );
  const result = spawnSync("npx", ["-y", "node@22", script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, LLMC_NODE_BOOTSTRAP: "1" },
  });
  if (result.error) {
    console.error(`✗ Could not run npx -y node@22: ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}
