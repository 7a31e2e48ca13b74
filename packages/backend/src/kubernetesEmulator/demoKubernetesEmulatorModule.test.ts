import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import demoKubernetesEmulatorModule, {
  loadOrCreateCertificates,
} from './demoKubernetesEmulatorModule';

jest.setTimeout(60_000);

// The module belongs to the mlops plugin; a stand-in plugin keeps the test
// free of the plugin's database and catalog.
const mlopsStandIn = createBackendPlugin({
  pluginId: 'mlops',
  register(reg) {
    reg.registerInit({ deps: {}, async init() {} });
  },
});

function get(url: string, ca: string, token: string) {
  return new Promise<{ status?: number; body: any }>((resolve, reject) => {
    const req = request(
      url,
      { ca, headers: { Authorization: `Bearer ${token}` } },
      res => {
        let body = '';
        res.on('data', chunk => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, body: JSON.parse(body) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('demoKubernetesEmulatorModule', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-emulator-'));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('serves the demo cluster over HTTPS with the CA it writes, and keeps the CA across restarts', async () => {
    const backend = await startTestBackend({
      features: [
        mlopsStandIn,
        demoKubernetesEmulatorModule,
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              demo: {
                kubernetesEmulator: {
                  enabled: true,
                  port: 0,
                  token: 'demo-token',
                  certificateDirectory: directory,
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const ca = fs.readFileSync(path.join(directory, 'ca.crt'), 'utf8');
      expect(loadOrCreateCertificates(directory).caCert).toBe(ca);
      expect(fs.statSync(path.join(directory, 'server.key')).mode & 0o777).toBe(
        0o600,
      );
    } finally {
      await backend.stop();
    }
  });

  it('starts nothing unless enabled', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-emulator-off-'));
    const backend = await startTestBackend({
      features: [
        mlopsStandIn,
        demoKubernetesEmulatorModule,
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              demo: {
                kubernetesEmulator: {
                  enabled: false,
                  token: 't',
                  certificateDirectory: empty,
                },
              },
            },
          },
        }),
      ],
    });
    await backend.stop();
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('answers with the seeded canary on the configured port', async () => {
    const certificates = loadOrCreateCertificates(directory);
    const port = 17443 + Math.floor(Math.random() * 1000);
    const backend = await startTestBackend({
      features: [
        mlopsStandIn,
        demoKubernetesEmulatorModule,
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              demo: {
                kubernetesEmulator: {
                  enabled: true,
                  port,
                  token: 'demo-token',
                  certificateDirectory: directory,
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const res = await get(
        `https://127.0.0.1:${port}/apis/argoproj.io/v1alpha1/namespaces/fraud-ml/rollouts/fraud-scorer`,
        certificates.caCert,
        'demo-token',
      );
      expect(res.status).toBe(200);
      expect(res.body.status).toMatchObject({
        phase: 'Paused',
        currentStepIndex: 2,
      });
    } finally {
      await backend.stop();
    }
  });
});
