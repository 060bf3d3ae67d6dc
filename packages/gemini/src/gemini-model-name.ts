/**
 * The SDK accepts `models/gemini-2.5-flash` as well as `gemini-2.5-flash` (it does not double the
 * prefix); prices and limits are keyed by the bare name.
 */
export function bareGeminiModelName(model: string): string {
  return model.startsWith("models/") ? model.slice("models/".length) : model;
}
