export {
  type OpenAICompatibleVendor,
  type VendorReplyOptions,
  vendorReply,
} from "./openai-compatible/vendor-replies.js";
export { recordedResponseStep, recordingProvider } from "./replay/recorded-response.js";
export { DEFAULT_API_KEYS, startSimulator } from "./start-simulator.js";
export { BYTES_PER_TOKEN, estimateTokens } from "./token-estimate.js";
export * from "./types.js";
