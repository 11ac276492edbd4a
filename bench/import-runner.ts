/** Runs bench/import-child.ts in a process of its own and reads its outcome. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ImportJob, ImportOutcome } from './import-child';

const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../', import.meta.url));

export interface ImportRun extends ImportOutcome {
  /** Wall time of the whole process: start-up, migrations check, import, exit. */
  processMs: number;
}

export async function runImportProcess(job: ImportJob): Promise<ImportRun> {
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(job)], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const processMs = performance.now() - start;
  if (code !== 0) throw new Error(`import of ${job.path} failed (exit ${code})`);
  const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ImportOutcome;
  return { ...outcome, processMs };
}
