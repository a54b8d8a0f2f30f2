import { randomBytes } from 'node:crypto';
import { mkdir, open, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { type ByteRange, type MediaStat, type MediaStorage, normalizeMediaPath } from './storage';

/** Media on the local disk under one root directory (MEDIA_ROOT). */
export class LocalDiskStorage implements MediaStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(path: string, data: Uint8Array): Promise<void> {
    const target = this.lexical(path);
    if (!target) throw new Error(`Unsafe media path: ${path}`);
    await mkdir(dirname(target), { recursive: true });
    // Written beside its final name, then renamed over it: a reader never sees a half-written file. The hidden
    // name cannot be served (normalizeMediaPath refuses dot-files).
    const temporary = join(dirname(target), `.${randomBytes(8).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, data, { flag: 'wx' });
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async delete(path: string): Promise<void> {
    const target = this.lexical(path);
    if (!target) return;
    await unlink(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async stat(path: string): Promise<MediaStat | null> {
    const target = await this.contained(path);
    if (!target) return null;
    const info = await stat(target).catch(() => null);
    return info?.isFile() ? { size: info.size, modifiedMs: Math.floor(info.mtimeMs) } : null;
  }

  async open(path: string, range?: ByteRange): Promise<Readable | null> {
    const target = await this.contained(path);
    if (!target) return null;
    // Opened before streaming, so a file removed since `stat` is a clean "missing" rather than a stream error.
    const handle = await open(target, 'r').catch(() => null);
    if (!handle) return null;
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      return null;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  /** The absolute path for a safe relative path, by name only. */
  private lexical(path: string): string | null {
    const safe = normalizeMediaPath(path);
    if (safe === null) return null;
    const target = join(this.root, ...safe.split('/'));
    return target.startsWith(this.root + sep) ? target : null;
  }

  /** As `lexical`, and also after following symbolic links, which must stay inside the root too. */
  private async contained(path: string): Promise<string | null> {
    const target = this.lexical(path);
    if (!target) return null;
    const [real, realRoot] = await Promise.all([
      realpath(target).catch(() => null),
      realpath(this.root).catch(() => null),
    ]);
    if (!real || !realRoot || !real.startsWith(realRoot + sep)) return null;
    return real;
  }
}
