export type {
  AgentOptions,
  AgentSchema,
  FitOutputOption,
  SchemaOutput,
} from "./agent-options.js";
export type {
  AgentRun,
  AgentStep,
  AgentStopReason,
  AgentToolCall,
  AgentToolCallStatus,
} from "./agent-result.js";
export { runAgent } from "./run-agent.js";
