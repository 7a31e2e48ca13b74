import {
  MLModelEntityV1alpha1,
  MLModelVersion,
} from '@mlops-portal/plugin-mlops-common';
import { sortVersionsNewestFirst } from '../components/EntityMLModelVersionsCard/versionDisplay';
import { ReviewOverview } from '../api/types';
import { blocksNewReview } from './reviewStatusPresentation';

/** Which versions of a model a new readiness review can be opened for. */
export interface VersionChoice {
  /** Versions without a review in progress or approved, newest first. */
  candidates: MLModelVersion[];
  /** The suggestion: the newest candidate that is not in production. */
  suggested?: string;
  /** Versions left out, with the review that holds them. */
  taken: Array<{ version: string; review: ReviewOverview }>;
}

/**
 * The versions in `spec.versions` that can be put up for review: the
 * backend refuses a second review of a version while one is open, has
 * changes requested or is approved (expired, stale and withdrawn reviews
 * do not hold a version). The suggestion skips the production version,
 * which is usually already approved and rarely the one people mean.
 */
export function versionsOpenForReview(
  model: MLModelEntityV1alpha1,
  reviews: ReviewOverview[],
): VersionChoice {
  const declared = Array.isArray(model.spec.versions)
    ? model.spec.versions.filter(
        (v): v is MLModelVersion =>
          !!v && typeof v.version === 'string' && v.version !== '',
      )
    : [];
  const taken: VersionChoice['taken'] = [];
  const candidates: MLModelVersion[] = [];
  for (const version of sortVersionsNewestFirst(declared)) {
    const review = reviews.find(
      r => r.version === version.version && blocksNewReview(r.status),
    );
    if (review) taken.push({ version: version.version, review });
    else candidates.push(version);
  }
  const production = model.spec.version;
  const suggested =
    candidates.find(v => v.version !== production)?.version ??
    candidates[0]?.version;
  return { candidates, taken, ...(suggested ? { suggested } : {}) };
}
