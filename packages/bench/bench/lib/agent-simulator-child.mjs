// The simulator for the agent-loop benchmark, in its own process: the OpenAI endpoint calls the
// `lookup` tool on each of a run's first `steps - 1` requests, then answers (argv[2] = steps).
import { startSimulator } from "@llmc/testing";

const steps = Number(process.argv[2] ?? 5);
const usage = { inputTokens: 50, outputTokens: 8 };
const sim = await startSimulator({ maxRecordedRequests: 1 });
sim.setDefault("openai", (request) => {
  const messages = request.body?.messages ?? [];
  // user, then (assistant, tool) per finished step
  return Math.floor(messages.length / 2) >= steps - 1
    ? { text: "All records are fine.", usage }
    : { toolCalls: [{ name: "lookup", arguments: { id: messages.length } }], usage };
});
process.send?.({ openaiBaseURL: sim.openai.baseURL, geminiBaseUrl: sim.gemini.baseUrl });
process.on("disconnect", () => {
  sim.close().then(() => process.exit(0));
});
