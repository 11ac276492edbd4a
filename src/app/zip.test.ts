import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storedZip } from './zip';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('storedZip', () => {
  it('writes a zip that Info-ZIP lists, tests and extracts byte for byte, UTF-8 names included', () => {
    dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    const at = new Date('2026-12-01T10:20:30Z');
    const files = [
      {
        name: 'relance-bar-du-port-martigues-2026-12-01.eml',
        content: Buffer.from('Subject: =?UTF-8?Q?On_se_retrouve?=\r\n\r\nBonjour 🎵\r\n'),
      },
      { name: 'relance-la-taverne-des-écrins.eml', content: Buffer.from('é'.repeat(1000)) },
      { name: 'vide.eml', content: Buffer.alloc(0) },
    ];
    const zip = join(dir, 'relances.zip');
    writeFileSync(zip, storedZip(files.map((f) => ({ ...f, modifiedAt: at }))));
    expect(execFileSync('unzip', ['-tq', zip]).toString()).toMatch(/No errors detected/);
    const listing = execFileSync('zipinfo', [zip]).toString();
    expect(listing).toContain('3 files');
    expect(listing).toContain('26-Dec-01 10:20');
    // Python's zipfile honours the UTF-8 flag (Debian's unzip 6.0 does not turn it into file names).
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, join(dir, 'out')]);
    for (const f of files) expect(readFileSync(join(dir, 'out', f.name))).toEqual(f.content);
  });

  it('refuses more files than a batch holds', () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ name: `${i}.eml`, content: Buffer.from('x'), modifiedAt: new Date() }));
    expect(() => storedZip(many)).toThrow(/too many/);
  });
});
