import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

/** The example's lines, with the import of the package as a user writes it, the ordering of imports aside. */
function normalized(code: string): string[] {
  return code
    .replaceAll("'../src'", "'@chatapp/client'")
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('//'))
    .sort();
}

describe('the README', () => {
  it('shows the example that typecheck compiles (test/readme-example.ts)', () => {
    const readme = readFileSync(join(here, '../README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(normalized(block)).toEqual(normalized(readFileSync(join(here, 'readme-example.ts'), 'utf8')));
  });
});
