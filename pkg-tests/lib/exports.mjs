// Reads exported CSV / iCalendar text with third-party readers (Python's csv module and the
// icalendar package, see pkg-tests/helpers/read_exports.py) and returns what they saw.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HELPER = fileURLToPath(new URL('../helpers/read_exports.py', import.meta.url));

export function readExport(kind, text) {
  const dir = mkdtempSync(join(tmpdir(), 'hotpatch-'));
  const file = join(dir, `export.${kind}`);
  writeFileSync(file, text, 'utf8');
  try {
    return JSON.parse(execFileSync('python3', [HELPER, kind, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
