/**
 * A model is served by a component (the inference service).
 * Paired with {@link RELATION_SERVES}.
 * @public
 */
export const RELATION_SERVED_BY = 'servedBy';
/** A component serves a model. @public */
export const RELATION_SERVES = 'serves';
