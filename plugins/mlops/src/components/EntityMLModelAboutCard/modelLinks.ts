import { Entity, EntityLink } from '@backstage/catalog-model';
import { MLOPS_LINK_TYPES } from '@mlops-portal/plugin-mlops-common';
import { isSafeHttpUrl } from '../../urls/isSafeHttpUrl';

/** A link from `metadata.links` that is safe to put in an href. */
export interface ModelLink {
  url: string;
  title: string;
  type?: string;
}

/** The links the About card shows, split into the well-known ones and the rest. */
export interface ModelLinks {
  runbook?: ModelLink;
  dashboard?: ModelLink;
  experimentTracking?: ModelLink;
  repository?: ModelLink;
  others: ModelLink[];
}

function toModelLink(link: EntityLink): ModelLink {
  let title = link.title;
  if (!title) {
    try {
      title = new URL(link.url).hostname;
    } catch {
      title = link.url;
    }
  }
  return { url: link.url, title, type: link.type };
}

/**
 * Picks the runbook, dashboard, experiment-tracking and repository links
 * out of `metadata.links` by their `type` (the first of each wins); every
 * other safe link lands in `others`.
 */
export function selectModelLinks(entity: Entity): ModelLinks {
  const result: ModelLinks = { others: [] };
  const links = Array.isArray(entity.metadata.links)
    ? entity.metadata.links
    : [];
  const slots: Array<[keyof Omit<ModelLinks, 'others'>, string]> = [
    ['runbook', MLOPS_LINK_TYPES.runbook],
    ['dashboard', MLOPS_LINK_TYPES.dashboard],
    ['experimentTracking', MLOPS_LINK_TYPES.experimentTracking],
    ['repository', MLOPS_LINK_TYPES.repository],
  ];
  for (const link of links) {
    if (!link || !isSafeHttpUrl(link.url)) continue;
    const type = link.type?.toLocaleLowerCase('en-US');
    const slot = slots.find(([key, t]) => t === type && !result[key]);
    if (slot) {
      result[slot[0]] = toModelLink(link);
    } else {
      result.others.push(toModelLink(link));
    }
  }
  return result;
}
