// One writer at a time per engine state. Two `analyze` processes (or a server's ingest job and
// a command-line run, or several workers on one PostgreSQL) that continued the stories engine at
// once would each save their own state and the last would win. A lease in the store makes the
// second wait for the first. A holder stopped by Ctrl-C or SIGTERM gives its lease up on the way
// out; one that was killed is known to be gone when it ran on this machine (its process id no
// longer runs), and its lease is taken over at once; elsewhere its lease frees itself when its
// time runs out.
import { hostname, uptime } from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';
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

/** How long a signalled process waits for the store to give its leases up before it goes anyway. */
const RELEASE_ON_SIGNAL_MS = 2_000;
/** Boot times read from the uptime within this many seconds are the same boot (uptime is whole seconds). */
const BOOT_TIME_GRAIN_S = 10;

/**
 * Who this process is, fit to show the user waiting on it: `host:pid:space:thread.nonce`. `space`
 * names the process-id space (this boot of this machine, and the container's pid namespace), so
 * that a holder whose process id no longer runs in it is known to be gone (see holderIsGone);
 * `thread` tells apart the threads of one process (holderIsThread).
 */
export function leaseHolderName(): string {
  return `${hostname()}:${process.pid}:${processSpace()}:${threadId}.${randomBytes(4).toString('hex')}`;
}

/** True when `holder` is a name that thread `thread` of this process made: a thread it ended holds nothing. */
export function holderIsThread(holder: string, thread: number): boolean {
  return holder.startsWith(`${hostname()}:${process.pid}:${processSpace()}:${thread}.`);
}

/**
 * True when `holder` (a leaseHolderName) ran in this process-id space and its process no longer
 * runs, so its lease can be taken at once. False whenever that cannot be told: another machine or
 * container, a name of another form, a process that runs (or whose id was given to another one).
 */
export function holderIsGone(holder: string): boolean {
  const parts = holder.split(':');
  if (parts.length < 4) return false;
  const [pidText, space] = parts.slice(-3, -1) as [string, string];
  const host = parts.slice(0, -3).join(':');
  const pid = Number(pidText);
  if (host !== hostname() || space !== processSpace() || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process runs as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

let space: string | null = null;

/** This boot of this machine and its pid namespace, as a short hash: process ids mean something only within it. */
function processSpace(): string {
  if (space !== null) return space;
  const read = (from: () => string) => {
    try {
      return from().trim();
    } catch {
      return '';
    }
  };
  // Linux names its boot and pid namespace; elsewhere the boot time stands for both.
  const boot = read(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
  const namespace = read(() => readlinkSync('/proc/self/ns/pid'));
  const identity = boot ? `${boot}|${namespace}` : `boot-${Math.round((Date.now() / 1000 - uptime()) / BOOT_TIME_GRAIN_S)}`;
  space = createHash('sha256').update(identity).digest('hex').slice(0, 8);
  return space;
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
  // Listening before the lease is taken and until it is given up: a signal between the two would
  // otherwise end the process as signals do by default, with the lease still held.
  const entry = watchForStopSignals(store, name, holder);
  try {
    await acquireOrWait(store, name, holder, settings);
  } catch (error) {
    entry.unwatch();
    throw error;
  }

  let lost = false;
  let renewedAt = Date.now();
  const every = Math.max(1, Math.floor(settings.ttlMs / RENEWALS_PER_TTL));
  const renewOnce = async (): Promise<void> => {
    const at = Date.now();
    if (lost || entry.stopping) return;
    if (await store.acquireLease(name, holder, settings.ttlMs)) renewedAt = at;
    else lost = true;
  };
  const renew = setInterval(() => void renewOnce().catch(() => undefined), every);
  const lease: HeldLease = {
    async confirm() {
      await stopIfSignalled(entry);
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
    await stopIfSignalled(entry);
    if (!lost) await store.releaseLease(name, holder).catch(() => undefined);
    entry.unwatch();
  }
}

/** Takes the lease `name` for `holder`, waiting while another holder has it (see withLease). */
async function acquireOrWait(store: Store, name: string, holder: string, settings: LeaseOptions): Promise<void> {
  const giveUpAt = Date.now() + settings.waitMs;
  let announced = false;
  while (!(await store.acquireLease(name, holder, settings.ttlMs))) {
    const other = await store.leaseHolder(name);
    // A holder that died on this machine (killed, or its machine's power cut) waits for nobody.
    if (other && holderIsGone(other.holder) && (await store.takeOverLease(name, other.holder, holder, settings.ttlMs))) return;
    if (other && !announced) {
      settings.onWait?.(other.holder, other.expires);
      announced = true;
    }
    if (Date.now() >= giveUpAt) {
      throw new CorroborateError(
        'store',
        `Another analysis (${other?.holder ?? 'unknown'}) has been writing to this database for over ${Math.round(settings.waitMs / 1000)} s.`,
        'Wait for it to finish and run again; a process that died frees the database at once on its own machine, within two minutes elsewhere.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, settings.pollMs));
  }
}

// Ctrl-C (SIGINT) or SIGTERM while a lease is held gives it up before the process ends as the
// signal would end it, so the next run does not wait for the lease to run out. Only when nothing
// else listens for the signal: a program that handles it (serve, worker) stops its own way, and
// its work gives the lease up when it ends. Signals reach only the main thread, and only when its
// event loop turns: SQLite's calls do not turn it, so confirm() does, and a signal that comes
// during one story's analysis takes effect before the next.

interface WatchedLease {
  readonly store: Store;
  readonly name: string;
  readonly holder: string;
  /** Set when a signal is stopping the process: write nothing more. */
  stopping: boolean;
  unwatch(): void;
}

/** The leases this process holds, given up if a signal stops it. */
const held = new Set<WatchedLease>();
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function watchForStopSignals(store: Store, name: string, holder: string): WatchedLease {
  const entry: WatchedLease = {
    store,
    name,
    holder,
    stopping: false,
    unwatch() {
      held.delete(entry);
      if (held.size === 0) for (const signal of STOP_SIGNALS) process.off(signal, onStopSignal);
    },
  };
  if (!isMainThread) return entry;
  held.add(entry);
  if (held.size === 1) for (const signal of STOP_SIGNALS) process.on(signal, onStopSignal);
  return entry;
}

/**
 * Lets a signal that came during synchronous work be handled now (it waits for the event loop's
 * next turns; one is not always enough), and waits for the end of the process if it came.
 */
async function stopIfSignalled(entry: WatchedLease): Promise<void> {
  if (isMainThread) await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  if (entry.stopping) await new Promise(() => undefined);
}

function onStopSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  for (const stop of STOP_SIGNALS) process.off(stop, onStopSignal);
  const releases = [...held].map((entry) => {
    entry.stopping = true;
    return entry.store.releaseLease(entry.name, entry.holder).catch(() => undefined);
  });
  held.clear();
  const timeout = new Promise((resolve) => setTimeout(resolve, RELEASE_ON_SIGNAL_MS));
  // The signal again, with no listener left: the process ends as the signal ends it (status 128 + n).
  void Promise.race([Promise.all(releases), timeout]).then(() => process.kill(process.pid, signal));
}
