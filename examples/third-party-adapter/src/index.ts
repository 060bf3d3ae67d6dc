export { AcmeAdapter } from "./acme-adapter.js";
export { ACME_DEFAULT_BASE_URL, type AcmeAdapterOptions } from "./acme-options.js";
export { ACME_PRICES } from "./acme-prices.js";
