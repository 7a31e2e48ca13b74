import { Entity } from '@backstage/catalog-model';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';

/** A `getEntitiesByRefs` that answers from a fixed list, like the catalog would. */
export function entitiesByRefs(entities: Entity[]) {
  const byRef = new Map(
    entities.map(e => [
      `${e.kind}:${e.metadata.namespace ?? 'default'}/${
        e.metadata.name
      }`.toLocaleLowerCase('en-US'),
      e,
    ]),
  );
  return jest.fn(async (request: GetEntitiesByRefsRequest) => ({
    items: request.entityRefs.map(ref =>
      byRef.get(ref.toLocaleLowerCase('en-US')),
    ),
  }));
}
