import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from './database';
import type { ExplainEntry } from './explain';
import type { Figure } from './measure';
import { RESULTS_DIR } from './paths';
import { loadAverage } from './proc';

/** One line of the results table. */
export interface ResultRow {
  scenario: string;
  db: Dialect;
  case: string;
  value: number;
  unit: string;
  p50?: number;
  p99?: number;
  serverCores?: number;
  generatorCores?: number;
  /** The aim for this figure, as text (e.g. "≥ 5,000, p99 < 50 ms"). */
  aim?: string;
  note?: string;
  figure?: Figure;
}

export function rowFromFigure(
  base: Omit<ResultRow, 'value' | 'p50' | 'p99' | 'serverCores' | 'generatorCores' | 'figure'>,
  figure: Figure,
): ResultRow {
  const errors = figure.errors ? `${figure.errors} errors` : '';
  return {
    ...base,
    value: figure.rate,
    p50: figure.p50,
    p99: figure.p99,
    serverCores: figure.serverCores,
    generatorCores: figure.generatorCores,
    note: [base.note, errors].filter(Boolean).join('; ') || undefined,
    figure,
  };
}

const number = (v: number | undefined, digits = 0) =>
  v === undefined || !Number.isFinite(v)
    ? '–'
    : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percent = (cores: number | undefined) =>
  cores === undefined || !Number.isFinite(cores) ? '–' : `${Math.round(cores * 100)}%`;
const ms = (v: number | undefined) => (v === undefined ? '–' : number(v, v < 10 ? 1 : 0));

/** The results as an aligned text table (CPU in % of one core: 200% = both cores). */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = [
    'scenario',
    'db',
    'case',
    'figure',
    'p50 ms',
    'p99 ms',
    'server CPU',
    'gen CPU',
    'aim',
    'note',
  ];
  const lines = rows.map((r) => [
    r.scenario,
    r.db,
    r.case,
    `${number(r.value, r.value < 100 ? 1 : 0)} ${r.unit}`,
    ms(r.p50),
    ms(r.p99),
    percent(r.serverCores),
    percent(r.generatorCores),
    r.aim ?? '',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 3 || i === 4 || i === 5 || i === 6 || i === 7
          ? c.padStart(widths[i] ?? 0)
          : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  profile: string;
  argv: string[];
  machine: {
    cpus: number;
    model: string;
    node: string;
    loadAverageAtStart: string;
    loadAverageAtEnd: string;
  };
  rows: ResultRow[];
  explain: Array<{ db: Dialect } & ExplainEntry>;
}

/** Writes the report as `bench-results/bench-<time>.json` and `bench-results/latest.json`; returns the first path. */
export function writeReport(report: BenchReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `bench-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(path, json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  return path;
}

export function machineInfo(loadAverageAtStart: string): BenchReport['machine'] {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
  };
}
