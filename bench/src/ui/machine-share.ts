import { readdirSync, readFileSync } from 'node:fs';

/**
 * How busy the machine was during a step, and with whose work: this bench's own process tree (the bench, the server
 * it started, chromium) against everything else. The figures are latencies on a 2-core machine, so another
 * program's CPU shows up in them; the report says how much there was.
 */
export interface CpuSnapshot {
  /** Jiffies of the whole machine (all cores): busy and total. */
  busy: number;
  total: number;
  /** Jiffies (user + system) of this process and its descendants alive now, with their ended children's. */
  ours: number;
}

function readStat(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended meanwhile
  }
}

export function cpuSnapshot(): CpuSnapshot {
  const cpu = (readStat('/proc/stat') ?? '').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
  const busy = user + nice + system + irq + softirq + steal;

  const parentOf = new Map<number, number>();
  const jiffiesOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(`/proc/${name}/stat`);
    if (!stat) continue;
    // After the parenthesised command name: state is index 0, ppid 1, utime 11, stime 12, and the reaped
    // children's cutime 13, cstime 14 (a chromium renderer that ends moves into its parent's).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parentOf.set(Number(name), Number(fields[1]));
    jiffiesOf.set(
      Number(name),
      Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]),
    );
  }
  let ours = 0;
  for (const [pid, jiffies] of jiffiesOf) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parentOf.get(p)) {
      if (p === process.pid) {
        ours += jiffies;
        break;
      }
    }
  }
  return { busy, total: busy + idle + iowait, ours };
}

export interface CpuShare {
  /** Share of the whole machine (all cores = 100%). */
  oursPercent: number;
  othersPercent: number;
}

export function cpuShare(before: CpuSnapshot, after: CpuSnapshot): CpuShare {
  const total = after.total - before.total;
  const ours = after.ours - before.ours;
  const busy = after.busy - before.busy;
  if (total <= 0) return { oursPercent: Number.NaN, othersPercent: Number.NaN };
  return {
    oursPercent: (100 * ours) / total,
    othersPercent: (100 * Math.max(0, busy - ours)) / total,
  };
}

export const formatShare = (share: CpuShare): string =>
  `machine CPU during this step: ${share.oursPercent.toFixed(0)}% this bench (server, chromium, generator), ${share.othersPercent.toFixed(0)}% other programs`;
