/**
 * Long-lived secret keys kept in `<data-dir>/keys/` (mode 0600): created once, reused after.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Reads a 32-byte key from `<dir>/<name>.key`, creating it on first use. */
export async function loadOrCreateKey(dir: string, name: string): Promise<Buffer> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${name}.key`);
  try {
    const key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    if (key.length === 32) return key;
    throw new Error(`The key file ${file} is damaged (expected 32 bytes of base64). Move it away to create a new one.`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${key.toString('base64')}\n`, { mode: 0o600 });
  try {
    // link() fails if another process created the key meanwhile: then use theirs.
    await fs.link(tmp, file);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return loadOrCreateKey(dir, name);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
