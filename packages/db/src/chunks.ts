/**
 * Items in chunks of 64, 32, …, 1. A statement over a list (`in (?, …)`, a multi-row insert) is one prepared
 * statement per list length; chunking keeps a batch of up to 64 items to seven shapes and at most seven statements.
 */
export function inPowerOfTwoChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  for (let size = 64; size >= 1; size /= 2) {
    while (items.length - start >= size) {
      chunks.push(items.slice(start, start + size));
      start += size;
    }
  }
  return chunks;
}
