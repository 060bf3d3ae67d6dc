import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Starts the simulator in a child process; resolves with its URLs and a `stop()`. `script`: a
 * child of this folder that scripts other replies, with its `args`.
 */
export async function startSimulatorProcess(script = "./simulator-child.mjs", args = []) {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const urls = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the simulator exited early (${code})`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.disconnect();
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  return { ...urls, stop };
}
