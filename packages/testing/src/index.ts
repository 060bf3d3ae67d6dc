export * from "./mock-adapter.js";
export * from "./simulator/index.js";
