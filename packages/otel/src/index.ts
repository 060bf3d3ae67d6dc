export {
  type InstrumentLLMCOptions,
  instrumentLLMC,
  type LLMCInstrumentation,
} from "./instrument-llmc.js";
