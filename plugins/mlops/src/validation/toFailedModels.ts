import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { ML_MODEL_KIND } from '@mlops-portal/plugin-mlops-common';
import {
  FailedMLModel,
  FailedModelIssue,
  UnprocessedEntitiesResponse,
  UnprocessedEntity,
  UnprocessedEntityError,
} from '../api/types';
import { normalizeEntityRef } from '../refs/modelRefs';

// The MLModel validator throws `Invalid MLModel "<name>": <path> <rule>; …`
// and the catalog wraps it as `Processor … threw an error while validating
// the entity …; caused by MLModelValidationError: Invalid MLModel …`.
const VALIDATION_PREFIX = /Invalid MLModel "[^"]*": /;
// A field path at the start of an issue: spec.versions[0].artifact.digest
const LEADING_PATH =
  /^((?:spec|metadata|apiVersion|kind)(?:\.[\w-]+|\[\d+\])*)\s+(.*)$/s;

function splitIssue(text: string): FailedModelIssue {
  const match = text.match(LEADING_PATH);
  return match
    ? { path: match[1], message: match[2].trim() }
    : { message: text.trim() };
}

/**
 * Turns one processing error into the issues it describes: one per field
 * when it comes from the MLModel validator, or the error text otherwise.
 */
export function issuesFromError(
  error: UnprocessedEntityError,
): FailedModelIssue[] {
  const candidates = [error.cause?.message, error.message].filter(
    (m): m is string => typeof m === 'string' && m.length > 0,
  );
  for (const text of candidates) {
    const match = text.match(VALIDATION_PREFIX);
    if (match && match.index !== undefined) {
      return (
        text
          .slice(match.index + match[0].length)
          .split('; ')
          .map(part => part.trim())
          // A wrapping error may append its own "; caused by …" tail.
          .filter(part => part && !part.startsWith('caused by '))
          .map(splitIssue)
      );
    }
  }
  return [{ message: error.cause?.message || error.message || error.name }];
}

function isMLModel(row: UnprocessedEntity): boolean {
  const kind = row.unprocessed_entity?.kind;
  return (
    typeof kind === 'string' &&
    kind.toLocaleLowerCase('en-US') === ML_MODEL_KIND.toLocaleLowerCase('en-US')
  );
}

function toFailedModel(row: UnprocessedEntity): FailedMLModel {
  const entity = row.unprocessed_entity;
  const namespace = entity.metadata?.namespace ?? DEFAULT_NAMESPACE;
  const owner =
    typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  const location =
    entity.metadata?.annotations?.['backstage.io/managed-by-origin-location'] ??
    entity.metadata?.annotations?.['backstage.io/managed-by-location'];
  const seen = new Set<string>();
  const issues = (row.errors ?? []).flatMap(issuesFromError).filter(issue => {
    const key = `${issue.path ?? ''}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    entityRef: row.entity_ref,
    name: entity.metadata?.name ?? row.entity_ref,
    namespace,
    title: entity.metadata?.title,
    owner,
    ownerRef: owner
      ? normalizeEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: namespace,
        })
      : undefined,
    location: location?.replace(/^url:/, ''),
    issues,
  };
}

/**
 * The MLModels among the catalog's failed entities (the endpoint returns
 * failures of every kind), each with its issues split per field.
 */
export function toFailedModels(
  response: UnprocessedEntitiesResponse,
): FailedMLModel[] {
  return (response.entities ?? []).filter(isMLModel).map(toFailedModel);
}

/** Whether a failed model belongs to the signed-in user or one of their teams. */
export function isOwnedBy(
  model: FailedMLModel,
  ownershipRefs: ReadonlyArray<string>,
): boolean {
  if (!model.ownerRef) return false;
  return ownershipRefs.some(
    ref => ref.toLocaleLowerCase('en-US') === model.ownerRef,
  );
}

/** Orders failed models: the user's own first, then by entity ref. */
export function sortFailedModels(
  models: FailedMLModel[],
  ownershipRefs: ReadonlyArray<string>,
): FailedMLModel[] {
  return [...models].sort((a, b) => {
    const mine =
      Number(isOwnedBy(b, ownershipRefs)) - Number(isOwnedBy(a, ownershipRefs));
    return mine !== 0 ? mine : a.entityRef.localeCompare(b.entityRef);
  });
}
