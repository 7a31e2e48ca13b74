import { EmptyState } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';

/**
 * Shown by an MLModel card that was placed on another kind of entity page;
 * wrap the card in `<EntitySwitch.Case if={isMLModelEntity}>` to avoid it.
 */
export function NotAnMLModel(props: { entity: Entity }) {
  return (
    <EmptyState
      missing="info"
      title="Not an MLModel"
      description={`This card shows MLModel entities (apiVersion mlops-portal.io/v1alpha1), but this entity is a ${props.entity.kind}. Show the card only when isMLModelEntity(entity) is true.`}
    />
  );
}
