/*
 * A benchmark backend: the real catalog plugin with the MLOps catalog module,
 * on bench databases, plus whatever features a benchmark adds. Also the
 * scratch directory for catalog files, and clean-up on exit or Ctrl-C.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleMLOpsEntityModel from '@mlops-portal/catalog-backend-module-mlops';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allowFileLocations } from './allowFileLocations';
import {
  BenchDatabase,
  benchDatabaseServiceFactory,
  BenchDatabaseKind,
  createBenchDatabase,
} from './benchDatabase';
import { log } from './runTools';

export interface BenchCatalog {
  database: BenchDatabase;
  /** Scratch directory for the catalog files the benchmark registers. */
  dir: string;
  /** `http://localhost:<port>` of the backend. */
  origin: string;
  stop(): Promise<void>;
}

export async function startBenchCatalog(options: {
  db: BenchDatabaseKind;
  /** `catalog.processingInterval` in minutes: keeps re-processing out of the measured window. */
  processingIntervalMinutes: number;
  features?: BackendFeature[];
  /** More configuration beside `catalog` (e.g. `mlops`). */
  config?: Record<string, unknown>;
}): Promise<BenchCatalog> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-bench-'));
  const database = await createBenchDatabase(options.db);
  const cleanUp = async () => {
    await database.drop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: dropping the benchmark databases`);
      cleanUp().finally(() => process.exit(130));
    });
  }
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          catalog: {
            processingInterval: { minutes: options.processingIntervalMinutes },
            rules: [
              {
                allow: [
                  'Group',
                  'System',
                  'Resource',
                  'Component',
                  'Location',
                  'MLModel',
                ],
              },
            ],
          },
        },
      }),
      benchDatabaseServiceFactory(database),
      catalogPlugin,
      catalogModuleMLOpsEntityModel,
      allowFileLocations,
      ...(options.features ?? []),
    ],
  });
  return {
    database,
    dir,
    origin: `http://localhost:${backend.server.port()}`,
    async stop() {
      await backend.stop();
      await cleanUp();
    },
  };
}
