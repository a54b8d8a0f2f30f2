import type { Dialect } from '../database';
import type { CpuShare } from './machine-share';

/** Issue 14's budgets for the web UI (printed against the figures, never asserted). */
export const BUDGETS = {
  /** First-load JavaScript of the chat page, gzipped, in KB of 1,000 bytes (as Next.js prints sizes). */
  firstLoadJsKb: 250,
  /** A peer's message on screen, p50, on loopback. */
  peerMessageP50Ms: 50,
  /** A conversation of 10,000 messages shows its newest page. */
  openConversationMs: 300,
} as const;

export interface BudgetLine {
  db: Dialect;
  figure: string;
  /** The value compared with the budget, and how it is shown. */
  value: number;
  shown: string;
  budget: number;
  budgetShown: string;
  /** Other figures of the same measurement (tails, spread). */
  detail: string;
  /** Whose CPU the machine spent during the measurement. */
  cpu: CpuShare;
}

export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
export const ms = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : '–';

export const verdict = (line: BudgetLine): string =>
  Number.isFinite(line.value) ? (line.value <= line.budget ? 'OK' : 'OVER') : 'NO FIGURE';

export function formatBudgetTable(lines: readonly BudgetLine[]): string {
  const header = ['db', 'figure', 'value', 'budget', '', 'others CPU', 'detail'];
  const rows = lines.map((l) => [
    l.db,
    l.figure,
    l.shown,
    l.budgetShown,
    verdict(l),
    Number.isFinite(l.cpu.othersPercent) ? `${l.cpu.othersPercent.toFixed(0)}%` : '–',
    l.detail,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 || i === 3 || i === 5 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}
