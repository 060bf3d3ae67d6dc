import { GeminiAdapter } from "@llmc/gemini";
import { OpenAIAdapter } from "@llmc/openai";
import { OpenRouterAdapter } from "@llmc/openrouter";
import { type Simulator, startSimulator } from "@llmc/testing";
import { scriptSimulatedReplies } from "./simulated-replies.js";

/** The three agents' providers, each live when its key is set and simulated otherwise. */
export interface DemoProviders {
  readonly planner: { adapter: OpenAIAdapter; model: string; live: boolean };
  readonly researcher: { adapter: GeminiAdapter; model: string; live: boolean };
  readonly writer: { adapter: OpenRouterAdapter; model: string; live: boolean };
  /** The local simulator, when any provider runs offline. */
  readonly simulator: Simulator | undefined;
  close(): Promise<void>;
}

const SIMULATOR_KEY = "sk-test";

export async function createDemoProviders(
  env: NodeJS.ProcessEnv = process.env,
): Promise<DemoProviders> {
  const openaiKey = env.OPENAI_API_KEY;
  const geminiKey = env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY;
  const openrouterKey = env.OPENROUTER_API_KEY;
  const needsSimulator = !openaiKey || !geminiKey || !openrouterKey;
  const simulator = needsSimulator ? await startSimulator({ apiKeys: [SIMULATOR_KEY] }) : undefined;
  if (simulator) scriptSimulatedReplies(simulator);

  const planner = openaiKey
    ? new OpenAIAdapter({ apiKey: openaiKey })
    : new OpenAIAdapter({ apiKey: SIMULATOR_KEY, baseURL: simulator!.openai.baseURL });
  const researcher = geminiKey
    ? new GeminiAdapter({ apiKey: geminiKey })
    : new GeminiAdapter({ apiKey: SIMULATOR_KEY, baseUrl: simulator!.gemini.baseUrl });
  const writer = openrouterKey
    ? new OpenRouterAdapter({ apiKey: openrouterKey })
    : new OpenRouterAdapter({ apiKey: SIMULATOR_KEY, baseURL: simulator!.openrouter.baseURL });

  return {
    planner: {
      adapter: planner,
      model: env.LLMC_DEMO_OPENAI_MODEL ?? "gpt-4o-mini",
      live: !!openaiKey,
    },
    researcher: {
      adapter: researcher,
      model: env.LLMC_DEMO_GEMINI_MODEL ?? "gemini-2.5-flash",
      live: !!geminiKey,
    },
    writer: {
      adapter: writer,
      model: env.LLMC_DEMO_OPENROUTER_MODEL ?? "openai/gpt-4o-mini",
      live: !!openrouterKey,
    },
    simulator,
    close: async () => {
      await simulator?.close();
    },
  };
}
