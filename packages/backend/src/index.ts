import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in. The demo lets a visitor choose which catalog user to be
// (auth.providers.demo in app-config.yaml; see src/auth).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('./auth/demoUsersModule'));

// Catalog, with the MLModel kind and the failed-entities endpoint that the
// Models page uses to show models that did not pass validation.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(import('@mlops-portal/catalog-backend-module-mlops'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
// Golden-path actions (mlops:*), and the portal's own git server that the
// templates publish to when no GitHub or GitLab integration is configured.
backend.add(import('@mlops-portal/scaffolder-backend-module-mlops'));
backend.add(import('./localGitUrlReader'));

// The suite: readiness reviews, the deploy gate and their audit trail.
backend.add(import('@mlops-portal/plugin-mlops-backend'));
// Demo only: a Kubernetes API emulator for the canary panel (mlops.demo.kubernetesEmulator).
backend.add(import('./kubernetesEmulator/demoKubernetesEmulatorModule'));

// Permissions: a real policy, not allow-all (see src/permissions).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions/module'));

backend.start();
