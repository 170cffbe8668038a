// Long-running commands (serve, worker) stop on Ctrl-C (SIGINT) or SIGTERM: the first signal
// lets the running ingest job finish, a second stops at once.
import type { CommandIO } from './command.js';
import { writeLine } from './command.js';

/** Resolves with the first SIGINT or SIGTERM. */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (name: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(name);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Runs `stop` (a graceful shutdown) after saying so; another signal meanwhile exits at once. */
export async function stopGracefully(
  io: CommandIO,
  signal: NodeJS.Signals,
  stop: () => Promise<void>,
  finishing = 'a running ingest job finishes first',
): Promise<void> {
  await writeLine(io.stderr, `Received ${signal}; stopping (${finishing}; press Ctrl-C again to stop at once).`);
  const force = () => {
    io.stderr.write('Stopping at once.\n');
    process.exit(130);
  };
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  try {
    await stop();
  } finally {
    process.off('SIGINT', force);
    process.off('SIGTERM', force);
  }
}
