// One writer at a time per engine state. Two `analyze` processes (or a server's ingest job and
// a command-line run, or several workers on one PostgreSQL) that continued the stories engine at
// once would each save their own state and the last would win. A lease in the store makes the
// second wait for the first; a holder that dies frees it when its time runs out.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { CorroborateError } from '../errors.js';
import type { Store } from '../store/types.js';

export interface LeaseOptions {
  /** How long a lease lasts unless renewed; a crashed holder blocks others at most this long. */
  readonly ttlMs: number;
  /** How long to wait for another holder before giving up with an error. */
  readonly waitMs: number;
  /** Pause between attempts while another process holds the lease. */
  readonly pollMs: number;
  /** Called once when the lease is held by someone else and this run starts waiting. */
  readonly onWait?: (holder: string, expires: string) => void;
}

export const LEASE_DEFAULTS = {
  // Long enough for the longest stretch between two confirm() calls (one large story's analysis).
  ttlMs: 120_000,
  // A long analysis of another writer is worth waiting for; a stuck one is not.
  waitMs: 30 * 60_000,
  pollMs: 250,
} satisfies LeaseOptions;

/** Renew this many times per lease period, so one late timer never lets the lease lapse. */
const RENEWALS_PER_TTL = 3;

/** Who this process is, fit to show the user waiting on it. */
export function leaseHolderName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** What `work` gets: a way to make sure the lease is still its own before it writes. */
export interface HeldLease {
  /**
   * Renews the lease and throws if another holder took it meanwhile. Call it before each write
   * that must not race: timers cannot renew while synchronous work (SQLite, analysis) holds the
   * event loop, so a long stretch of it can outlast the lease.
   */
  confirm(): Promise<void>;
}

/**
 * Runs `work` while holding the lease `name` in `store`, renewing it in the background; waits
 * while another holder has it. Gives the lease up when `work` ends, whether it resolves or throws.
 */
export async function withLease<T>(
  store: Store,
  name: string,
  work: (lease: HeldLease) => Promise<T>,
  options: Partial<LeaseOptions> = {},
): Promise<T> {
  const settings = { ...LEASE_DEFAULTS, ...options } satisfies LeaseOptions;
  const holder = leaseHolderName();
  const giveUpAt = Date.now() + settings.waitMs;
  let announced = false;
  while (!(await store.acquireLease(name, holder, settings.ttlMs))) {
    const other = await store.leaseHolder(name);
    if (other && !announced) {
      settings.onWait?.(other.holder, other.expires);
      announced = true;
    }
    if (Date.now() >= giveUpAt) {
      throw new CorroborateError(
        'store',
        `Another analysis (${other?.holder ?? 'unknown'}) has been writing to this database for over ${Math.round(settings.waitMs / 1000)} s.`,
        'Wait for it to finish and run again; a process that died frees the database within a minute or two.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, settings.pollMs));
  }

  let lost = false;
  let renewedAt = Date.now();
  const every = Math.max(1, Math.floor(settings.ttlMs / RENEWALS_PER_TTL));
  const renewOnce = async (): Promise<void> => {
    const at = Date.now();
    if (lost) return;
    if (await store.acquireLease(name, holder, settings.ttlMs)) renewedAt = at;
    else lost = true;
  };
  const renew = setInterval(() => void renewOnce().catch(() => undefined), every);
  const lease: HeldLease = {
    async confirm() {
      // Renewed within the last period, the lease is ours for at least two more: no write needed.
      if (Date.now() - renewedAt >= every) await renewOnce();
      if (lost) {
        throw new CorroborateError(
          'store',
          `Another analysis took over this database while this one was busy for over ${Math.round(settings.ttlMs / 1000)} s; nothing more of this run was written.`,
          'Run again: the articles of this run are stored, and the next run adds them to their stories.',
        );
      }
    },
  };
  try {
    return await work(lease);
  } finally {
    clearInterval(renew);
    if (!lost) await store.releaseLease(name, holder).catch(() => undefined);
  }
}
