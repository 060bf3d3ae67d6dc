/**
 * The longest delay a Node timer holds: 2^31 − 1 ms (about 24.8 days). A longer `setTimeout`
 * fires at once (Node clamps it to 1 ms), so every duration core turns into a timer —
 * `timeoutMs`, back-off delays — is refused above it rather than silently cut to nothing.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
