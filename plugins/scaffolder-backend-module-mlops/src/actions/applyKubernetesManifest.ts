import { RootConfigService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { ApiException, KubernetesObject } from '@kubernetes/client-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { MLOPS_STABLE_MODEL_VERSION_ANNOTATION } from '@mlops-portal/plugin-mlops-common';
import {
  ConfiguredKubernetesCluster as KubernetesClusterTarget,
  KubernetesClusters,
  objectApiFor,
} from '@mlops-portal/plugin-mlops-node';
import { applyKubernetesManifestExamples } from './applyKubernetesManifest.examples';
import { readWorkspaceYamlDocuments } from './workspaceFiles';

/** Action id of {@link createApplyKubernetesManifestAction}. @public */
export const APPLY_KUBERNETES_MANIFEST_ACTION_ID = 'mlops:kubernetes:apply';

/** The workloads whose first revision may start as a canary of a stable version. */
const CANARY_KINDS = new Set(['Rollout', 'InferenceService']);

const DNS_1123_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** One object of the manifest, as created (JSON, so the checkpoint can store it). */
type AppliedObject = {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
};

type ManifestObject = KubernetesObject & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; [key: string]: unknown };
};

function describe(object: ManifestObject) {
  return `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
}

/**
 * Checks every document before anything is sent: a manifest that is half
 * valid must not leave half its objects in the cluster.
 */
function manifestObjects(documents: unknown[], path: string): ManifestObject[] {
  const objects = documents.filter(doc => doc !== null && doc !== undefined);
  if (objects.length === 0) {
    throw new InputError(`${path} holds no Kubernetes object`);
  }
  const seen = new Set<string>();
  return objects.map((doc, index) => {
    const where = `${path} document ${index + 1}`;
    const object = doc as Partial<ManifestObject>;
    if (typeof object !== 'object' || Array.isArray(object)) {
      throw new InputError(`${where} is not a Kubernetes object`);
    }
    if (typeof object.apiVersion !== 'string' || !object.apiVersion) {
      throw new InputError(`${where}: apiVersion is required`);
    }
    if (typeof object.kind !== 'string' || !object.kind) {
      throw new InputError(`${where}: kind is required`);
    }
    const { name, namespace } = (object.metadata ?? {}) as Partial<
      ManifestObject['metadata']
    >;
    if (typeof name !== 'string' || !DNS_1123_NAME.test(name)) {
      throw new InputError(
        `${where} (${
          object.kind
        }): metadata.name must be a lowercase DNS name (got ${JSON.stringify(
          name,
        )})`,
      );
    }
    if (typeof namespace !== 'string' || !DNS_1123_NAME.test(namespace)) {
      throw new InputError(
        `${where} (${object.kind} ${name}): metadata.namespace is required, so that the object lands where the model's spec.deployment.kubernetes points`,
      );
    }
    const key = `${object.apiVersion} ${object.kind} ${namespace}/${name}`;
    if (seen.has(key)) {
      throw new InputError(`${where}: ${key} appears twice`);
    }
    seen.add(key);
    return structuredClone(object) as ManifestObject;
  });
}

function statusMessage(error: ApiException<unknown>): string | undefined {
  let body = error.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return body ? String(body) : undefined;
    }
  }
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

function causeOf(error: unknown, cluster: KubernetesClusterTarget): string {
  if (error instanceof ApiException) {
    const detail = statusMessage(error);
    return `HTTP ${error.code}${detail ? `: ${detail}` : ''}`;
  }
  const name = (error as { name?: unknown })?.name;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return `the Kubernetes API at ${cluster.name} (${
      cluster.url
    }) did not answer within ${cluster.timeoutMs / 1000} s`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Creates the objects of a generated manifest (`deploy/rollout.yaml`,
 * `deploy/inferenceservice.yaml`) in a cluster of
 * `kubernetes.clusterLocatorMethods`: a template's first deploy, for
 * portals without a GitOps controller. All or nothing: if any object
 * already exists nothing is created, and if a create fails the objects
 * created before it are deleted again. It never updates an existing object.
 * @public
 */
export function createApplyKubernetesManifestAction(options: {
  config: RootConfigService;
}) {
  const clusters = new KubernetesClusters(options.config);
  return createTemplateAction({
    id: APPLY_KUBERNETES_MANIFEST_ACTION_ID,
    description:
      "Creates the objects of a generated Kubernetes manifest in a cluster configured in kubernetes.clusterLocatorMethods (all or nothing; never overwrites). Leave it out when Argo CD or Flux syncs the repository's manifests.",
    examples: applyKubernetesManifestExamples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .min(1)
            .describe(
              'Name of a cluster in kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount)',
            ),
        manifestPath: z =>
          z
            .string()
            .min(1)
            .describe(
              'Workspace path of the manifest, one or more YAML documents, each with metadata.namespace',
            ),
        stableModelVersion: z =>
          z
            .string()
            .regex(
              /^([A-Za-z0-9][-A-Za-z0-9_.+]*)?$/,
              'must be a version string (letters, digits, - _ . +)',
            )
            .optional()
            .describe(
              `The model version already serving this traffic, if any (empty: none): set as the ${MLOPS_STABLE_MODEL_VERSION_ANNOTATION} annotation on Rollouts and InferenceServices, so that the canary panel (and the demo cluster's emulator) shows the new version as a canary against it`,
            ),
      },
      output: {
        cluster: z =>
          z.string().describe('The cluster the objects were created in'),
        objects: z =>
          z
            .array(
              z.object({
                apiVersion: z.string(),
                kind: z.string(),
                namespace: z.string(),
                name: z.string(),
                uid: z.string().optional(),
                resourceVersion: z.string().optional(),
              }),
            )
            .describe(
              'The objects created (on a dry run, the objects that would be)',
            ),
      },
    },
    async handler(ctx) {
      const { manifestPath, stableModelVersion } = ctx.input;
      const cluster = clusters.get(ctx.input.cluster);
      const objects = manifestObjects(
        await readWorkspaceYamlDocuments(ctx.workspacePath, manifestPath),
        manifestPath,
      );
      if (stableModelVersion) {
        for (const object of objects.filter(o => CANARY_KINDS.has(o.kind))) {
          object.metadata.annotations = {
            ...(object.metadata.annotations as Record<string, string>),
            [MLOPS_STABLE_MODEL_VERSION_ANNOTATION]: stableModelVersion,
          };
        }
      }
      const planned: AppliedObject[] = objects.map(o => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
      }));

      if (ctx.isDryRun) {
        for (const object of objects) {
          ctx.logger.info(
            `Dry run: would create ${describe(object)} on cluster ${
              cluster.name
            } (${cluster.url})`,
          );
        }
        ctx.output('cluster', cluster.name);
        ctx.output('objects', planned);
        return;
      }

      // A resumed task gets the stored result: the objects are not created
      // twice. The JSON round trip drops undefined fields the store cannot keep.
      const applied = (await ctx.checkpoint({
        key: `kubernetes-apply:${cluster.name}:${manifestPath}`,
        fn: async () =>
          JSON.parse(
            JSON.stringify(
              await createAll(cluster, objects, message =>
                ctx.logger.info(message),
              ),
            ),
          ),
      })) as AppliedObject[];
      ctx.output('cluster', cluster.name);
      ctx.output('objects', applied);
    },
  });
}

async function createAll(
  cluster: KubernetesClusterTarget,
  objects: ManifestObject[],
  log: (message: string) => void,
): Promise<AppliedObject[]> {
  const api = objectApiFor(cluster);
  const header = (object: ManifestObject) => ({
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
    },
  });

  const existing: string[] = [];
  for (const object of objects) {
    try {
      await api.read(header(object));
      existing.push(describe(object));
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) continue;
      throw new Error(
        `Could not check whether ${describe(object)} exists on cluster ${
          cluster.name
        }; nothing was created: ${causeOf(error, cluster)}`,
      );
    }
  }
  if (existing.length > 0) {
    throw new ConflictError(
      `${existing.join(', ')} already ${
        existing.length === 1 ? 'exists' : 'exist'
      } on cluster ${
        cluster.name
      }; nothing was created. The action never overwrites a running workload: choose another name or namespace, or delete the old objects first`,
    );
  }

  const created: Array<{ object: ManifestObject; result: AppliedObject }> = [];
  for (const object of objects) {
    try {
      const result = await api.create(
        object,
        undefined,
        undefined,
        'mlops-portal',
      );
      created.push({
        object,
        result: {
          apiVersion: object.apiVersion,
          kind: object.kind,
          namespace: object.metadata.namespace,
          name: object.metadata.name,
          uid: result.metadata?.uid,
          resourceVersion: result.metadata?.resourceVersion,
        },
      });
      log(`Created ${describe(object)} on cluster ${cluster.name}`);
    } catch (error) {
      const cause =
        error instanceof ApiException && error.code === 409
          ? `${describe(object)} was created by someone else meanwhile`
          : causeOf(error, cluster);
      const rolledBack: string[] = [];
      const leftOver: string[] = [];
      for (const done of [...created].reverse()) {
        try {
          await api.delete(header(done.object));
          rolledBack.push(describe(done.object));
        } catch (deleteError) {
          leftOver.push(
            `${describe(done.object)} (${causeOf(deleteError, cluster)})`,
          );
        }
      }
      let undo = `deleted again what was created before it: ${rolledBack.join(
        ', ',
      )}`;
      if (created.length === 0) undo = 'nothing was created';
      if (leftOver.length > 0) {
        undo = `could not delete what was created before it, delete it by hand: ${leftOver.join(
          ', ',
        )}`;
      }
      const message = `Creating ${describe(object)} on cluster ${
        cluster.name
      } failed (${cause}); ${undo}`;
      throw error instanceof ApiException && error.code === 409
        ? new ConflictError(message)
        : new Error(message);
    }
  }
  return created.map(c => c.result);
}
