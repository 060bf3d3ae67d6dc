// The local simulator in its own process, so its HTTP server never competes with the client
// under test for the event loop (it still shares the machine's cores; see docs/benchmarks.md).
import { startSimulator } from "@llmc/testing";

// Four text chunks when streamed, one text when not; 6 output tokens either way.
const REPLY = { chunks: ["Hello ", "from ", "the ", "simulator."], usage: { outputTokens: 6 } };
const sim = await startSimulator({ maxRecordedRequests: 1 });
sim.setDefault("openai", REPLY);
sim.setDefault("gemini", REPLY);
process.send?.({ openaiBaseURL: sim.openai.baseURL, geminiBaseUrl: sim.gemini.baseUrl });
process.on("disconnect", () => {
  sim.close().then(() => process.exit(0));
});
