import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A port nothing listens on (right after this resolves). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalPrometheus {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real Prometheus (the `prometheus` binary on the PATH) on a free port,
 * scraping nothing, on an empty or given TSDB directory. A missing binary
 * fails with the spawn error.
 */
export async function startLocalPrometheus(
  options: { dataDir?: string } = {},
): Promise<LocalPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-prometheus-'));
  const data = options.dataDir ?? path.join(dir, 'data');
  fs.mkdirSync(data, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    'global:\n  evaluation_interval: 1m\n',
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const prometheus: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      // The default 15 days would delete backfilled history at start-up.
      '--storage.tsdb.retention.time=90d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.once('error', error => (output += `${error}\n`));
  prometheus.stdout?.on('data', d => (output += d));
  prometheus.stderr?.on('data', d => (output += d));
  const stop = async () => {
    if (prometheus.exitCode === null && prometheus.signalCode === null) {
      const exited = new Promise(resolve => prometheus.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (prometheus.exitCode !== null || /ENOENT/.test(output)) {
      await stop();
      throw new Error(
        `prometheus exited with ${prometheus.exitCode}:\n${output}`,
      );
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready:\n${output}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return { url, stop };
}
