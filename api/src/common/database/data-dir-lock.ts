import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/**
 * A lock file beside an embedded database directory (`<dir>.lock`), held by the one process that
 * may open it: PGlite has no lock of its own, and a second process writing the same files (a second
 * API, or a backup taken while the API runs) would corrupt them. A lock left by a process that is
 * gone (killed, or the machine restarted) is taken over. Returns the release function.
 */
export function holdDataDirLock(dataDir: string, holder: string): () => void {
  const path = `${dataDir}.lock`;
  const mine = JSON.stringify({ pid: process.pid, started: startTimeOf(process.pid), holder });
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const other = readLock(path);
      if (other && other.pid !== process.pid && isRunning(other)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by ${other.holder ?? 'another process'} (process ${other.pid}). Stop it first.`,
        );
      }
      unlinkSync(path);
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
}

interface LockInfo {
  pid: number;
  started?: string | null;
  holder?: string;
}

function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return Number.isInteger(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/** Alive, and (where /proc tells) the same process rather than a new one that reused the id. */
function isRunning(lock: LockInfo): boolean {
  try {
    process.kill(lock.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = startTimeOf(lock.pid);
  return !lock.started || !started || started === lock.started;
}

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks since boot (Linux). */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
