import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  parseLocationRef,
} from '@backstage/catalog-model';
import {
  MLModelEntityV1alpha1,
  MLModelSlo,
  MLOPS_ANNOTATIONS,
  parseOpenSloDocuments,
} from '@mlops-portal/plugin-mlops-common';
import { parseAllDocuments } from 'yaml';

/** The SLOs of a model and where they were defined. */
export interface ResolvedSloDefinitions {
  source: 'entity' | 'openslo-file' | 'none';
  slos: MLModelSlo[];
}

/** The OpenSLO file named by a model could not be used. */
export class OpenSloFileError extends Error {
  name = 'OpenSloFileError';
}

/** Bigger files are not SLO definitions. */
const MAX_FILE_BYTES = 512 * 1024;

/**
 * The URL of the OpenSLO file: the annotation is a path relative to the
 * entity's file (its `managed-by-location`, else its `source-location`).
 * The annotation is untrusted: absolute URLs and paths that climb out of
 * the entity's directory are refused, so that a catalog file cannot make
 * the backend fetch arbitrary URLs.
 */
export function openSloFileUrl(
  model: MLModelEntityV1alpha1,
  path: string,
): string {
  const annotation = MLOPS_ANNOTATIONS.openSloFile;
  if (
    /^[a-z][a-z0-9+.-]*:/i.test(path) ||
    path.startsWith('/') ||
    path.startsWith('\\')
  ) {
    throw new OpenSloFileError(
      `${annotation} must be a path relative to the entity file, such as slo/openslo.yaml (got ${JSON.stringify(
        path,
      )})`,
    );
  }
  if (path.split(/[\\/]/).includes('..')) {
    throw new OpenSloFileError(
      `${annotation} must not leave the entity file's directory (got ${JSON.stringify(
        path,
      )})`,
    );
  }
  const annotations = model.metadata.annotations ?? {};
  for (const key of [ANNOTATION_LOCATION, ANNOTATION_SOURCE_LOCATION]) {
    const ref = annotations[key];
    if (!ref) continue;
    const location = (() => {
      try {
        return parseLocationRef(ref);
      } catch {
        return undefined;
      }
    })();
    if (location?.type === 'url')
      return new URL(path, location.target).toString();
  }
  throw new OpenSloFileError(
    `${annotation} needs the entity to come from a URL location (its ${ANNOTATION_LOCATION} is ${JSON.stringify(
      annotations[ANNOTATION_LOCATION] ?? null,
    )}); register it from its repository, or put the SLOs in spec.slos`,
  );
}

/**
 * The SLOs of a model: `spec.slos`, or the OpenSLO file named by the
 * `mlops-portal.io/openslo-file` annotation, read through the URL reader
 * (so the portal's integrations and their credentials apply).
 */
export async function resolveSloDefinitions(
  model: MLModelEntityV1alpha1,
  urlReader: Pick<UrlReaderService, 'readUrl'>,
): Promise<ResolvedSloDefinitions> {
  const file = model.metadata.annotations?.[MLOPS_ANNOTATIONS.openSloFile];
  if (file) {
    const url = openSloFileUrl(model, file);
    let text: string;
    try {
      const response = await urlReader.readUrl(url);
      const buffer = await response.buffer();
      if (buffer.length > MAX_FILE_BYTES) {
        throw new OpenSloFileError(
          `${url} is larger than ${MAX_FILE_BYTES} bytes`,
        );
      }
      text = buffer.toString('utf8');
    } catch (error) {
      if (error instanceof OpenSloFileError) throw error;
      throw new OpenSloFileError(
        `The OpenSLO file ${url} could not be read: ${
          (error as Error).message
        }`,
      );
    }
    const documents = parseAllDocuments(text);
    const broken = documents.findIndex(d => d.errors.length > 0);
    if (broken >= 0) {
      throw new OpenSloFileError(
        `The OpenSLO file ${url} is not valid YAML (document ${broken + 1}): ${
          documents[broken].errors[0].message
        }`,
      );
    }
    try {
      return {
        source: 'openslo-file',
        slos: parseOpenSloDocuments(documents.map(d => d.toJS())),
      };
    } catch (error) {
      throw new OpenSloFileError(
        `The OpenSLO file ${url}: ${(error as Error).message}`,
      );
    }
  }
  const slos = Array.isArray(model.spec.slos) ? model.spec.slos : [];
  return { source: slos.length ? 'entity' : 'none', slos };
}
