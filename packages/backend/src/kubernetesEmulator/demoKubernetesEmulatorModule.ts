import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  demoClusterObjects,
  EmulatorCertificates,
  generateEmulatorCertificates,
  KubernetesEmulator,
} from '@mlops-portal/kubernetes-emulator';
import fs from 'node:fs';
import path from 'node:path';

const FILES = {
  caCert: 'ca.crt',
  serverCert: 'server.crt',
  serverKey: 'server.key',
} as const;

/**
 * The demo cluster's certificates, kept in a directory so that the CA file
 * the cluster configuration names (`caFile`) stays valid across restarts.
 */
export function loadOrCreateCertificates(
  directory: string,
): EmulatorCertificates {
  const paths = Object.fromEntries(
    Object.entries(FILES).map(([key, file]) => [
      key,
      path.join(directory, file),
    ]),
  ) as Record<keyof EmulatorCertificates, string>;
  if (Object.values(paths).every(p => fs.existsSync(p))) {
    return {
      caCert: fs.readFileSync(paths.caCert, 'utf8'),
      serverCert: fs.readFileSync(paths.serverCert, 'utf8'),
      serverKey: fs.readFileSync(paths.serverKey, 'utf8'),
    };
  }
  const certificates = generateEmulatorCertificates({ validityDays: 825 });
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(paths.caCert, certificates.caCert);
  fs.writeFileSync(paths.serverCert, certificates.serverCert);
  fs.writeFileSync(paths.serverKey, certificates.serverKey, { mode: 0o600 });
  return certificates;
}

/**
 * Demo portals only: starts the Kubernetes API emulator with the demo
 * catalog's Rollouts and InferenceServices when
 * `mlops.demo.kubernetesEmulator.enabled` is true, so that the canary panel
 * has a cluster to talk to (`demo-cluster` in kubernetes.clusterLocatorMethods).
 */
export default createBackendModule({
  pluginId: 'mlops',
  moduleId: 'demo-kubernetes-emulator',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const settings = config.getOptionalConfig(
          'mlops.demo.kubernetesEmulator',
        );
        if (!settings?.getOptionalBoolean('enabled')) return;
        const port = settings.getOptionalNumber('port') ?? 7443;
        const directory = path.resolve(
          settings.getOptionalString('certificateDirectory') ??
            '../../.data/kubernetes-emulator',
        );
        const emulator = await KubernetesEmulator.start({
          token: settings.getString('token'),
          port,
          host: '127.0.0.1',
          certificates: loadOrCreateCertificates(directory),
          objects: demoClusterObjects(),
          controller: {
            intervalMs:
              settings.getOptionalNumber('controllerIntervalMs') ?? 3000,
          },
        });
        emulator.simulation.settle();
        logger.info(
          `Demo Kubernetes API emulator listening on ${emulator.url} (CA in ${directory})`,
        );
        lifecycle.addShutdownHook(() => emulator.stop());
      },
    });
  },
});
