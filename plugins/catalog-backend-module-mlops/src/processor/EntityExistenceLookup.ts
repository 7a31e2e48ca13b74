/**
 * Answers which of a set of entity references do not exist in the catalog.
 *
 * The processor depends on this interface rather than on the catalog client,
 * so that it can be tested without HTTP and so that a portal can swap in its
 * own lookup (for example one backed by a different cache).
 *
 * @public
 */
export interface EntityExistenceLookup {
  /**
   * Resolves to the subset of `entityRefs` that do not exist, in any order.
   * The refs are canonical strings as produced by `stringifyEntityRef`.
   * Rejects when the question could not be answered (for example because the
   * catalog API is not reachable yet); callers must treat that as "unknown",
   * not as "missing".
   */
  findMissing(entityRefs: string[]): Promise<string[]>;
}
