// `corroborate serve` as a library: binds the app to a host and port and closes cleanly.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CorroborateError } from '../errors.js';
import { createApp, type AppOptions } from './app.js';

export { createApp, APP_DEFAULTS, CONTENT_SECURITY_POLICY, type App, type AppOptions } from './app.js';
export { openApiDocument } from './openapi.js';
export type { JobSnapshot, JobState } from '../jobs/index.js';

export interface ServerOptions extends Partial<Omit<AppOptions, 'store' | 'allowedHosts'>> {
  readonly store: AppOptions['store'];
  /** 0 picks a free port. */
  readonly port: number;
  readonly host: string;
}

export interface RunningServer {
  /** The address to open, e.g. http://127.0.0.1:8080/ */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, waits for the running ingest job, closes idle sockets. */
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { port, host, ...appOptions } = options;
  // On loopback only local names may reach the server (defeats DNS rebinding); a server bound
  // to a public interface was asked to be reachable by any name.
  const allowedHosts = isLoopback(host) ? [...new Set([...LOOPBACK_NAMES, host.toLowerCase()])] : null;
  const app = createApp({ ...appOptions, allowedHosts });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.hono.fetch, port, hostname: host }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new CorroborateError(
          'usage',
          error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use.` : `cannot listen on ${host}:${port}: ${error.message}`,
          error.code === 'EADDRINUSE' ? 'Pick another with --port, or stop the other server.' : undefined,
        ),
      );
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await app.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
