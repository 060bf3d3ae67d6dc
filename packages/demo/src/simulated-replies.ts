import type { Simulator } from "@llmc/testing";

/**
 * What the offline agents "say". The simulator answers over the real wire protocols either
 * way; these scripted texts only make the transcript read like the job it demonstrates.
 */
const RESEARCH_ANSWERS = [
  "Reserving the worst case first means a burst of parallel calls can never jointly overspend.",
  "A sub-cap charges its parent too, so every ancestor's limit holds at once.",
  "A crashed worker's reservation is a lease: it expires and the budget is whole again.",
];

export function scriptSimulatedReplies(simulator: Simulator): void {
  simulator.setDefault("openai", {
    text: "1) Why reserve before a call? 2) How do sub-caps compose? 3) What if a worker crashes?",
  });
  let answer = 0;
  simulator.setDefault("gemini", () => ({
    text: RESEARCH_ANSWERS[answer++ % RESEARCH_ANSWERS.length],
  }));
  simulator.setDefault("openrouter", {
    chunks: [
      "Hard caps hold because every call ",
      "reserves its worst case before it is sent, ",
      "sub-caps charge their parents, ",
      "and crashed workers' holds expire.",
    ],
    chunkDelayMs: 40,
  });
}
