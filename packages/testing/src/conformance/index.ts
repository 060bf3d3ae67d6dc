// The conformance suite's entry, `@llmc/testing/conformance`. It imports vitest; the package's
// main entry never imports this file, so simulators and MockAdapter work without vitest.
export {
  type AdapterConformanceOptions,
  CONFORMANCE_CASES,
  type ConformanceAdapterOptions,
  type ConformanceCase,
  type ConformanceFault,
  type ExpectedError,
} from "./conformance-options.js";
export { describeAdapterConformance } from "./describe-adapter-conformance.js";
export { type RecordedReservation, RecordingBudgetStore } from "./recording-budget-store.js";
