import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate authority and a server certificate it signed, all PEM. */
export interface EmulatorCertificates {
  /** The CA certificate clients must trust (kubeconfig `certificate-authority-data`, base64 of this). */
  caCert: string;
  serverCert: string;
  serverKey: string;
}

/**
 * Generates a throw-away CA and a server certificate for `localhost` and
 * `127.0.0.1` with the `openssl` binary. Node's crypto can make key pairs but
 * not X.509 certificates, and the emulator takes no dependencies; the
 * certificates live only for the process, so a fresh pair per start is fine.
 */
export function generateEmulatorCertificates(
  options: {
    hostnames?: string[];
    ipAddresses?: string[];
    validityDays?: number;
  } = {},
): EmulatorCertificates {
  const hostnames = options.hostnames ?? ['localhost'];
  const ipAddresses = options.ipAddresses ?? ['127.0.0.1', '::1'];
  const days = String(options.validityDays ?? 2);
  const dir = mkdtempSync(join(tmpdir(), 'k8s-emulator-'));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) =>
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      days,
      '-subj',
      '/CN=kubernetes-emulator-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.crt'),
    ]);
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-subj',
      '/CN=kube-apiserver',
      '-keyout',
      file('server.key'),
      '-out',
      file('server.csr'),
    ]);
    const altNames = [
      ...hostnames.map(h => `DNS:${h}`),
      ...ipAddresses.map(ip => `IP:${ip}`),
    ].join(',');
    writeFileSync(
      file('server.ext'),
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        `subjectAltName=${altNames}`,
      ].join('\n'),
    );
    openssl([
      'x509',
      '-req',
      '-sha256',
      '-days',
      days,
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-extfile',
      file('server.ext'),
      '-out',
      file('server.crt'),
    ]);
    return {
      caCert: readFileSync(file('ca.crt'), 'utf8'),
      serverCert: readFileSync(file('server.crt'), 'utf8'),
      serverKey: readFileSync(file('server.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
