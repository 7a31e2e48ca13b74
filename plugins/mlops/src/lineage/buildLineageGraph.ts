import { parseEntityRef } from '@backstage/catalog-model';
import { MLModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import {
  collectModelRefs,
  entityRefOf,
  readUnresolvedRefs,
} from '../refs/modelRefs';

/** The part a node plays in a model's lineage. */
export type LineageRole = 'model' | 'owner' | 'system' | 'dataset' | 'serving';

/** A node of the lineage graph; `id` is the normalised entity ref. */
export interface LineageNode {
  id: string;
  role: LineageRole;
  kind: string;
  namespace: string;
  name: string;
  /** What to print on the node: the entity title when known, else its name. */
  label: string;
  /** True when the catalog has no entity with this ref. */
  missing: boolean;
}

/** A directed edge; data flows left to right (datasets → model → serving). */
export interface LineageEdge {
  from: string;
  to: string;
  label: string;
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

export interface BuildLineageGraphOptions {
  /**
   * Normalised refs known to exist in the catalog. When given, every other
   * ref is drawn as missing. When omitted (the catalog could not be asked),
   * only the refs the catalog module listed in the unresolved-refs
   * annotation are drawn as missing.
   */
  existingRefs?: ReadonlySet<string>;
  /** Display titles by normalised ref, e.g. from `metadata.title`. */
  titles?: ReadonlyMap<string, string>;
}

/**
 * Builds the lineage graph of one model: who owns it, which datasets feed
 * it (declared datasets and those named by a version's trainedOn), which
 * components serve it, and which system it belongs to.
 */
export function buildLineageGraph(
  entity: MLModelEntityV1alpha1,
  options: BuildLineageGraphOptions = {},
): LineageGraph {
  const { existingRefs, titles } = options;
  const unresolved = new Set(readUnresolvedRefs(entity));
  const isMissing = (ref: string) =>
    existingRefs ? !existingRefs.has(ref) : unresolved.has(ref);

  const modelId = entityRefOf(entity);
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();

  const addNode = (ref: string, role: LineageRole, missing: boolean) => {
    if (nodes.has(ref)) return;
    const { kind, namespace, name } = parseEntityRef(ref);
    nodes.set(ref, {
      id: ref,
      role,
      kind,
      namespace,
      name,
      label: titles?.get(ref) ?? name,
      missing,
    });
  };
  const addEdge = (from: string, to: string, label: string) => {
    const key = `${from}→${to}`;
    if (from !== to && !edges.has(key)) edges.set(key, { from, to, label });
  };

  addNode(modelId, 'model', false);
  nodes.get(modelId)!.label = entity.metadata.title ?? entity.metadata.name;

  for (const { ref, role } of collectModelRefs(entity)) {
    switch (role) {
      case 'owner':
        addNode(ref, 'owner', isMissing(ref));
        addEdge(ref, modelId, 'owns');
        break;
      case 'system':
        addNode(ref, 'system', isMissing(ref));
        addEdge(modelId, ref, 'part of');
        break;
      case 'dataset':
      case 'trainedOn':
        addNode(ref, 'dataset', isMissing(ref));
        addEdge(ref, modelId, 'trains');
        break;
      case 'servedBy':
        addNode(ref, 'serving', isMissing(ref));
        addEdge(modelId, ref, 'served by');
        break;
      default:
        break;
    }
  }

  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
