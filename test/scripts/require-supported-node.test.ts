import { describe, expect, it } from "vitest";
import { isSupportedNode, MINIMUM_NODE } from "../../scripts/require-supported-node.mjs";

describe("the entry script's Node version gate", () => {
  it("asks for 22.12, the first Node where require(esm) works unflagged", () => {
    expect(MINIMUM_NODE).toBe("22.12.0");
  });

  it("re-runs under Node 22 on anything older than 22.12", () => {
    for (const old of ["v20.20.2", "20.11.0", "21.7.3", "22.0.0", "22.11.9"]) {
      expect(isSupportedNode(old), old).toBe(false);
    }
  });

  it("runs in place on 22.12 and every later version", () => {
    for (const ok of ["22.12.0", "v22.23.3", "23.0.0", "24.11.1", "26.1.0"]) {
      expect(isSupportedNode(ok), ok).toBe(true);
    }
  });
});
