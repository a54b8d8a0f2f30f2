import type { Dialect } from '../database';

export interface UiBenchArgs {
  dialects: Dialect[];
  /** Measured peer messages, and the gap between their sends. */
  peerMessages: number;
  peerGapMs: number;
  /** Messages in the big conversation. */
  historySize: number;
  /** Openings of the big conversation by a click in the list, and loads of its URL. */
  clickRuns: number;
  urlRuns: number;
}

export const UI_USAGE = `Usage: pnpm bench:ui [--db sqlite|mariadb|both] [--messages 50] [--gap 100] [--history 10000] [--runs 7]
  --db        database(s) (default: sqlite; MariaDB at mysql://root@127.0.0.1:3306, or BENCH_MARIADB_URL)
  --messages  peer messages timed (default 50), sent --gap ms apart (default 100)
  --history   messages in the big conversation (default 10000)
  --runs      openings of the big conversation by a click (default 7); its URL is loaded 3 times`;

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} needs a positive integer, not "${text}"`);
  return value;
}

export function parseUiArgs(argv: readonly string[]): UiBenchArgs {
  const args: UiBenchArgs = {
    dialects: ['sqlite'],
    peerMessages: 50,
    peerGapMs: 100,
    historySize: 10_000,
    clickRuns: 7,
    urlRuns: 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split('=', 2);
    const value = () => inline ?? argv[++i] ?? '';
    switch (flag) {
      case '--':
        break;
      case '--db': {
        const db = value();
        if (db === 'both') args.dialects = ['sqlite', 'mariadb'];
        else if (db === 'sqlite' || db === 'mariadb') args.dialects = [db];
        else throw new Error(`--db must be sqlite, mariadb or both, not "${db}"`);
        break;
      }
      case '--messages':
        args.peerMessages = positiveInteger(flag, value());
        break;
      case '--gap':
        args.peerGapMs = positiveInteger(flag, value());
        break;
      case '--history':
        args.historySize = positiveInteger(flag, value());
        break;
      case '--runs':
        args.clickRuns = positiveInteger(flag, value());
        break;
      case '--help':
      case '-h':
        throw new Error(UI_USAGE);
      default:
        throw new Error(`unknown option ${flag}\n${UI_USAGE}`);
    }
  }
  return args;
}
