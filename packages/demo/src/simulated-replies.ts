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

/** The runAgent chain's replies (requests that offer tools): call the tool once, then answer. */
const AGENT_REPLIES = {
  orchestrator: {
    call: { name: "research", arguments: { topic: "Hard spending caps for LLM agents" } },
    answer:
      "Report: every call and tool reserves its worst case first, at every level of the tree.",
  },
  researcher: {
    call: { name: "write", arguments: { notes: RESEARCH_ANSWERS.join(" ") } },
    answer:
      "Research done; the writer summed it up: reserve first, sub-caps compose, leases expire.",
  },
};

interface GeminiBody {
  readonly tools?: unknown;
  readonly contents?: readonly {
    parts?: readonly { text?: string; functionResponse?: unknown }[];
  }[];
}

/** A tool-offering Gemini request: the orchestrator's or the researcher's, before or after its tool ran. */
function agentReply(body: GeminiBody) {
  const parts = (body.contents ?? []).flatMap((c) => c.parts ?? []);
  const task = body.contents?.[0]?.parts?.map((p) => p.text ?? "").join("") ?? "";
  const agent = task.startsWith("Hard spending caps")
    ? AGENT_REPLIES.researcher
    : AGENT_REPLIES.orchestrator;
  return parts.some((p) => p.functionResponse !== undefined)
    ? { text: agent.answer }
    : { toolCalls: [agent.call] };
}

export function scriptSimulatedReplies(simulator: Simulator): void {
  simulator.setDefault("openai", {
    text: "1) Why reserve before a call? 2) How do sub-caps compose? 3) What if a worker crashes?",
  });
  let answer = 0;
  simulator.setDefault("gemini", (request) => {
    const body = (request.body ?? {}) as GeminiBody;
    if (body.tools !== undefined) return agentReply(body);
    return { text: RESEARCH_ANSWERS[answer++ % RESEARCH_ANSWERS.length] };
  });
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
