/**
 * Remembers which budget tree each reservation belongs to.
 *
 * `BudgetStore.settle(reservationId, …)` names only the reservation, but a reservation lives in
 * its tree's keys (one Cluster slot per tree), and a Cluster-safe store cannot search every
 * tree. So the store notes the tree of each reservation it makes (kept after settling, so a
 * repeated settle still finds it) and the trees it has touched recently; a settle for an id it
 * did not reserve tries those trees, most recent first. Both memories are bounded.
 */
export class ReservationIndex {
  /**
   * Two generations: when the newer fills, the older is dropped whole. (Evicting the oldest
   * entry of one big Map one at a time is O(n) in V8, which scans past deleted slots.)
   */
  #current = new Map<string, string>();
  #previous = new Map<string, string>();
  readonly #recentRoots: string[] = [];

  constructor(
    readonly generationSize = 50_000,
    readonly maxRoots = 64,
  ) {}

  remember(reservationId: string, root: string): void {
    if (this.#current.size >= this.generationSize) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(reservationId, root);
    this.touch(root);
  }

  rootOf(reservationId: string): string | undefined {
    return this.#current.get(reservationId) ?? this.#previous.get(reservationId);
  }

  /** Notes that this store used a tree; settles of ids it did not reserve look there. */
  touch(root: string): void {
    const roots = this.#recentRoots;
    if (roots[0] === root) return; // the common case: one busy tree
    const at = roots.indexOf(root);
    if (at !== -1) roots.splice(at, 1);
    roots.unshift(root);
    if (roots.length > this.maxRoots) roots.pop();
  }

  /** Trees this store has used, most recent first. */
  recentRoots(): readonly string[] {
    return [...this.#recentRoots];
  }
}
