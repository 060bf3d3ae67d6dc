// A fleet worker: one process of many that share one Redis budget, each making its calls through
// the real OpenAIAdapter (real openai SDK, real HTTP) to the simulator the parent runs. Plain
// JavaScript over the BUILT packages, as a deployment would run them.
import { RedisBudgetStore } from "@llmc/budget-redis";
import { BudgetTracker, LLMBudgetExceededError } from "@llmc/core";
import { OpenAIAdapter } from "@llmc/openai";

// The default 2 s command timeout is for production; eight workers plus the rest of the suite
// on a loaded two-core CI machine once took longer than that to get a reply (a flaky failure,
// not a finding). The cap-holding assertions do not depend on the timeout.
const LOADED_MACHINE_TIMEOUT_MS = 20_000;

async function callMany(job) {
  const store = await RedisBudgetStore.connect({
    url: job.redisUrl,
    commandTimeoutMs: LOADED_MACHINE_TIMEOUT_MS,
  });
  const budget = new BudgetTracker({ total: job.totalUsd, id: job.rootId, store });
  const adapter = new OpenAIAdapter({ apiKey: job.apiKey, baseURL: job.baseURL });
  let succeeded = 0;
  let refused = 0;
  let chargedNanos = 0;
  await Promise.all(
    Array.from({ length: job.calls }, async (_, i) => {
      try {
        const result = await adapter.executePrompt(`worker ${job.index}, call ${i}`, {
          model: "gpt-4o-mini",
          maxOutputTokens: job.maxOutputTokens,
          budgetTracker: budget,
          timeoutMs: 60_000,
        });
        succeeded++;
        chargedNanos += Math.round(result.costUsd * 1e9);
      } catch (error) {
        if (!LLMBudgetExceededError.isInstance(error)) throw error;
        refused++;
      }
    }),
  );
  // A settle Redis was too slow to take (a loaded machine) is retried in the background; wait
  // for every charge to be stored before closing the connection, as a deployment must.
  const { failed } = await budget.flush();
  if (failed.length > 0) throw new Error(`${failed.length} charge(s) never reached Redis`);
  await store.close();
  return { succeeded, refused, chargedNanos };
}

process.once("message", async (job) => {
  try {
    const result = await callMany(job);
    process.send({ type: "done", ...result }, () => process.exit(0));
  } catch (error) {
    process.send({ type: "error", message: String(error?.stack ?? error) }, () => process.exit(1));
  }
});
process.send({ type: "ready" });
