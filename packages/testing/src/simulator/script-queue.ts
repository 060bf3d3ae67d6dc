import type { ScriptStep, SimulatorProvider, SimulatorStep } from "./types.js";
import { validateStep } from "./validate-step.js";

/** The built-in default: a deterministic reply derived from the request. */
const DEFAULT_STEP: SimulatorStep = Object.freeze({});

/** Per-provider FIFO of scripted steps, plus each provider's default step. */
export class ScriptQueue {
  readonly #queues = new Map<SimulatorProvider, ScriptStep[]>();
  readonly #defaults = new Map<SimulatorProvider, ScriptStep>();

  push(provider: SimulatorProvider, steps: readonly ScriptStep[]): void {
    for (const step of steps) if (typeof step !== "function") validateStep(provider, step);
    let queue = this.#queues.get(provider);
    if (queue === undefined) {
      queue = [];
      this.#queues.set(provider, queue);
    }
    queue.push(...steps);
  }

  setDefault(provider: SimulatorProvider, step: ScriptStep): void {
    if (typeof step !== "function") validateStep(provider, step);
    this.#defaults.set(provider, step);
  }

  /** The next step for a request: the queue's head, else the default. */
  next(provider: SimulatorProvider): ScriptStep {
    const queue = this.#queues.get(provider);
    if (queue !== undefined && queue.length > 0) return queue.shift()!;
    return this.#defaults.get(provider) ?? DEFAULT_STEP;
  }

  pending(provider: SimulatorProvider): number {
    return this.#queues.get(provider)?.length ?? 0;
  }

  clear(): void {
    this.#queues.clear();
    this.#defaults.clear();
  }
}
