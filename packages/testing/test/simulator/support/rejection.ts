import type OpenAI from "openai";

export type OpenAIAPIError = InstanceType<typeof OpenAI.APIError>;

/** Awaits a promise that must reject and returns the reason (typed for the assertions). */
export async function rejectionOf<E = unknown>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** Drains an async iterable that must fail, returning the error. */
export function drainError<E = unknown>(iterable: AsyncIterable<unknown>): Promise<E> {
  return rejectionOf<E>(
    (async () => {
      for await (const _ of iterable) {
        // drain
      }
    })(),
  );
}

/** Polls until `condition` holds, instead of sleeping a guessed time a loaded machine overruns. */
export async function until(condition: () => boolean, limitMs = 8_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
