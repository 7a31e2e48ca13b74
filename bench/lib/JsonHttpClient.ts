/*
 * A small JSON client for a benchmark backend's API, authenticated as a
 * mock user.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import http from 'node:http';

export class JsonHttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly options: {
      /**
       * `false`: one connection per request. Used while a catalog is
       * ingesting: its event loop stalls for seconds while it parses a large
       * file, and a kept-alive socket that the server drops meanwhile would
       * fail a poll for reasons unrelated to what is measured. A keep-alive
       * agent for latency measurements, as a browser keeps its connection.
       */
      agent: http.Agent | false;
      /** The user the requests are made as. */
      userEntityRef?: string;
    } = { agent: false },
  ) {}

  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const token = mockCredentials.user.token(this.options.userEntityRef);
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        `${this.baseUrl}${path}`,
        {
          method,
          agent: this.options.agent,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(payload
              ? {
                  'Content-Type': 'application/json',
                  'Content-Length': Buffer.byteLength(payload),
                }
              : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(new Error(`${method} ${path}: ${status} ${text}`));
            } else {
              resolve((text ? JSON.parse(text) : undefined) as T);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
}
