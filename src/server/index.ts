// `corroborate serve` as a library: binds the app to a host and port and closes cleanly.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { CorroborateError } from '../errors.js';
import { createApp, type AppOptions } from './app.js';
import { hostName, LOOPBACK_NAMES } from './access.js';

export { createApp, APP_DEFAULTS, CONTENT_SECURITY_POLICY, type App, type AppOptions } from './app.js';
export { openApiDocument } from './openapi.js';
export type { JobSnapshot, JobState } from '../jobs/index.js';

export interface ServerOptions extends Partial<Omit<AppOptions, 'store' | 'allowedHosts' | 'token'>> {
  readonly store: AppOptions['store'];
  /** 0 picks a free port. */
  readonly port: number;
  readonly host: string;
  /**
   * The access token requests must carry. Required when `host` is not a loopback address (other
   * machines can reach the server); on loopback, null asks for none.
   */
  readonly token?: string | null;
  /** More names the server may be reached by (a DNS name of this machine, a proxy's name), beside its own. */
  readonly allowedHosts?: readonly string[];
}

export interface RunningServer {
  /** The address to open, e.g. http://127.0.0.1:8080/ */
  readonly url: string;
  readonly port: number;
  /** The names the Host header may carry. */
  readonly allowedHosts: readonly string[];
  /** Stops accepting connections, waits for the running ingest job, closes idle sockets. */
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return [...LOOPBACK_NAMES, '::1'].includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The names this server may be reached by: the loopback names, the address it is bound to, and
 * on a non-loopback bind this machine's name and addresses; then whatever the caller adds.
 */
export function serverNames(host: string, extra: readonly string[] = []): string[] {
  const names = new Set([...LOOPBACK_NAMES, bracketed(host.toLowerCase())]);
  if (!isLoopback(host)) {
    names.add(hostname().toLowerCase());
    for (const address of Object.values(networkInterfaces()).flat()) if (address) names.add(bracketed(address.address.toLowerCase()));
  }
  for (const name of extra) names.add(hostName(bracketed(name)));
  return [...names].filter((name) => name !== '' && name !== '0.0.0.0' && name !== '[::]');
}

/** IPv6 addresses as the Host header writes them. */
function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { port, host, token = null, allowedHosts: extraHosts = [], ...appOptions } = options;
  if (!isLoopback(host) && !token) {
    throw new CorroborateError(
      'usage',
      `A server bound to ${host} can be reached from other machines, so it needs an access token.`,
      'Give one (--token, or CORROBORATE_TOKEN), or bind to 127.0.0.1.',
    );
  }
  // Only names of this server may reach it (defeats DNS rebinding), on loopback or not.
  const allowedHosts = serverNames(host, extraHosts);
  const app = createApp({ ...appOptions, allowedHosts, token });
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
    allowedHosts,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await app.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
