import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { chromiumArgs, chromiumExecutablePath } from './chromium';

const repoRoot = path.resolve(__dirname, '..');

/**
 * End-to-end journeys against the demo portal, in Debian's Chromium.
 * The portal is started by `scripts/start.sh` with the e2e overrides
 * (a fresh in-memory database each run); screenshots land in
 * e2e/artifacts/ as test artifacts.
 */
export default defineConfig({
  testDir: path.join(__dirname, 'tests'),
  outputDir: path.join(__dirname, 'artifacts', 'results'),
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    [
      'html',
      {
        outputFolder: path.join(__dirname, 'artifacts', 'report'),
        open: 'never',
      },
    ],
  ],
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromiumExecutablePath,
      args: chromiumArgs,
    },
  },
  webServer: {
    // Absolute paths: the backend resolves --config from its package folder.
    command: `bash scripts/start.sh --config ${path.join(
      repoRoot,
      'app-config.yaml',
    )} --config ${path.join(repoRoot, 'e2e/app-config.e2e.yaml')}`,
    cwd: repoRoot,
    url: 'http://localhost:3000',
    timeout: 420_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
