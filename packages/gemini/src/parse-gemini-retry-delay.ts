/**
 * `google.rpc.RetryInfo.retryDelay` is a protobuf Duration in JSON form: seconds with an `s`
 * suffix and up to nine fractional digits ("34.4s", "1s", "0.050s"). Returns milliseconds, or
 * undefined when the value is not such a duration.
 */
export function parseGeminiRetryDelay(value: string | null | undefined): number | undefined {
  const match = value?.trim().match(/^(\d+(?:\.\d+)?)s$/);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * 1000);
}
