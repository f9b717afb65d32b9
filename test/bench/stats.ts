import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../../src/runtime/SeededRandom';

/** Latencies of one measured series (milliseconds) and the wall time it took. */
export interface Series {
  label: string;
  count: number;
  /** Wall time of the whole series, ms (what the rate is computed from). */
  wallMs: number;
  latenciesMs: number[];
  /** CPU other processes used meanwhile, % of the machine (see othersCpuPct). */
  othersCpuPct?: number;
}

export interface Summary {
  label: string;
  count: number;
  wallMs: number;
  perSecond: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  othersCpuPct: number;
}

/** Nearest-rank percentile (p in 0..100) of an unsorted list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(series: Series): Summary {
  const l = series.latenciesMs;
  return {
    label: series.label,
    count: series.count,
    wallMs: series.wallMs,
    perSecond: series.count / (series.wallMs / 1000),
    meanMs: l.reduce((a, b) => a + b, 0) / Math.max(1, l.length),
    p50Ms: percentile(l, 50),
    p95Ms: percentile(l, 95),
    p99Ms: percentile(l, 99),
    maxMs: l.length ? Math.max(...l) : NaN,
    othersCpuPct: series.othersCpuPct ?? NaN,
  };
}

/** Runs `op(i)` n times one after the other, timing each call and the whole series. */
export async function measure(label: string, n: number, op: (i: number) => Promise<void>): Promise<Series> {
  const latenciesMs: number[] = [];
  const cpu = cpuSnapshot();
  const wallMs = await timeEach(op, 0, n, latenciesMs);
  return { label, count: n, wallMs, latenciesMs, othersCpuPct: othersCpuPct(cpu) };
}

/** `op(i)` for i in [from, to), one after the other, each one's latency added to `latencies`; returns the wall time. */
async function timeEach(op: (i: number) => Promise<void>, from: number, to: number, latencies: number[]): Promise<number> {
  const start = performance.now();
  for (let i = from; i < to; i++) {
    const t = performance.now();
    await op(i);
    latencies.push(performance.now() - t);
  }
  return performance.now() - start;
}

/**
 * Two operations measured in turns, `block` of one then `block` of the other, `n` of each: this VM's speed
 * moves by up to 2× between runs seconds apart, so a ratio of two series measured one after the other says
 * as much about the moment as about the code. Only for operations that do not write (a write on one
 * connection would empty the other's page cache). Each series' wall time is the sum of its own blocks.
 */
export async function measureInTurns(
  labels: [string, string],
  n: number,
  ops: [(i: number) => Promise<void>, (i: number) => Promise<void>],
  block = 10,
): Promise<[Series, Series]> {
  const latencies: [number[], number[]] = [[], []];
  const wallMs = [0, 0];
  const cpu = cpuSnapshot();
  for (let first = 0; first < n; first += block) {
    for (const k of [0, 1] as const) wallMs[k] += await timeEach(ops[k], first, Math.min(n, first + block), latencies[k]);
  }
  const others = othersCpuPct(cpu);
  const series = (k: 0 | 1): Series => ({ label: labels[k], count: n, wallMs: wallMs[k], latenciesMs: latencies[k], othersCpuPct: others });
  return [series(0), series(1)];
}

interface CpuSnapshot {
  /** Busy and total jiffies of the whole machine (Linux /proc/stat), or null elsewhere. */
  machine: { busy: number; total: number } | null;
  self: NodeJS.CpuUsage;
}

function readProcStat(): { busy: number; total: number } | null {
  try {
    const first = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = first.reduce((a, b) => a + b, 0);
    return { busy: total - first[3] - first[4], total };
  } catch {
    return null;
  }
}

export function cpuSnapshot(): CpuSnapshot {
  return { machine: readProcStat(), self: process.cpuUsage() };
}

/**
 * CPU used by other processes since `from`, as a share of the whole machine
 * (all cores): a benchmark figure taken while something else ran is not
 * comparable. NaN where /proc/stat is not available.
 */
export function othersCpuPct(from: CpuSnapshot): number {
  const now = readProcStat();
  if (!from.machine || !now) return NaN;
  const total = now.total - from.machine.total;
  if (total <= 0) return NaN;
  const self = process.cpuUsage(from.self);
  const selfJiffies = (self.user + self.system) / 1e4; // USER_HZ = 100
  const others = now.busy - from.machine.busy - selfJiffies;
  return Math.max(0, (100 * others) / total);
}

/**
 * Waits until other processes use less than `thresholdPct` of the machine's
 * CPU over a 3-second window (or `maxMs` passed); returns the time waited.
 * For shared machines (`--wait-quiet`); a no-op where /proc/stat is missing.
 */
export async function waitForQuiet(maxMs: number, thresholdPct = 5, windowMs = 3000): Promise<{ waitedMs: number; quiet: boolean }> {
  const start = performance.now();
  for (;;) {
    const snap = cpuSnapshot();
    await new Promise((r) => setTimeout(r, windowMs));
    const others = othersCpuPct(snap);
    if (!Number.isFinite(others) || others < thresholdPct) return { waitedMs: performance.now() - start, quiet: true };
    if (performance.now() - start > maxMs) return { waitedMs: performance.now() - start, quiet: false };
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - t };
}

export function ms(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v < 1) return `${v.toFixed(3)} ms`;
  if (v < 100) return `${v.toFixed(2)} ms`;
  return `${v.toFixed(0)} ms`;
}

export function seconds(msValue: number): string {
  return `${(msValue / 1000).toFixed(1)} s`;
}

export function int(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

export function rate(v: number): string {
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

export function pct(v: number): string {
  return Number.isFinite(v) ? `${v.toFixed(0)}%` : 'n/a';
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export interface MachineFacts {
  date: string;
  /** 1-minute load average when the run started (other work on the machine skews the figures). */
  loadAverage: string;
  cpuModel: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  typeorm: string;
}

export function machineFacts(sqliteVersion: string): MachineFacts {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: sqliteVersion,
    betterSqlite3: packageVersion('better-sqlite3'),
    typeorm: packageVersion('typeorm'),
  };
}

/** A dependency's installed version (read from its package.json; some packages do not export it). */
function packageVersion(name: string): string {
  try {
    let dir = path.dirname(require.resolve(name));
    while (dir !== path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) return pkg.version;
      }
      dir = path.dirname(dir);
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

/** Small seeded PRNG (mulberry32, src/runtime/SeededRandom.ts): the same data on every run. */
export class Rng {
  private readonly draw: () => number;
  constructor(seed: number) {
    this.draw = mulberry32(seed);
  }
  next(): number {
    return this.draw();
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
}

/** A fixed-width table for the console, also valid Markdown. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
