import type { PriceTable } from "@llmc/core";

/**
 * The adapter's dated price table (USD per million tokens). Core reserves a budgeted call's
 * worst case from it and charges usage × these rates; a model missing here fails closed.
 */
export const ACME_PRICES: PriceTable = {
  provider: "acme",
  asOf: "2026-12-01",
  source: "https://acme.example/pricing (an example: Acme is not a real provider)",
  models: {
    "acme-small": {
      inputPerMTok: 0.2,
      cachedInputPerMTok: 0.05,
      outputPerMTok: 0.8,
      maxOutputTokens: 8192,
    },
    "acme-large": {
      inputPerMTok: 2,
      cachedInputPerMTok: 0.5,
      outputPerMTok: 8,
      maxOutputTokens: 16384,
    },
  },
};
