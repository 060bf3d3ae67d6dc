/** USD per million tokens for one model. Optional rates fall back to the plain input/output rate. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  /** Input read from a prompt cache. */
  readonly cachedInputPerMTok?: number;
  /** Input written to a prompt cache. */
  readonly cacheWritePerMTok?: number;
  /** Reasoning/thinking output, when billed differently from visible output. */
  readonly reasoningPerMTok?: number;
  /** The model's own output ceiling; the reservation uses it when `maxOutputTokens` is unset. */
  readonly maxOutputTokens?: number;
  /** A higher tier once the prompt passes `thresholdTokens` (e.g. Gemini above 200k). */
  readonly longContext?: {
    readonly thresholdTokens: number;
    readonly inputPerMTok: number;
    readonly outputPerMTok: number;
    readonly cachedInputPerMTok?: number;
    readonly cacheWritePerMTok?: number;
  };
}

/** A dated price list shipped with an adapter. `asOf` says how fresh it is. */
export interface PriceTable {
  readonly provider: string;
  /** The day the prices were checked, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Where they were read. */
  readonly source: string;
  readonly models: Readonly<Record<string, ModelPrice>>;
}
