/**
 * Test apps for synth tests. `Testing.app()` makes a new temporary output directory per call and
 * never removes it; these apps share one per test file, removed by `removeTestApps()` (afterAll).
 * Testing.synth() writes nothing there, so sharing it is safe.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, type App } from '../../provider/cdktf/bindings/runtime';

let outdir: string | undefined;

export function testApp(): App {
  outdir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kv-cdktf-synth-'));
  return Testing.app({ outdir });
}

export function removeTestApps(): void {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
}
