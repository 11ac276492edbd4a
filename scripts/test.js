#!/usr/bin/env node
// `npm test`: every suite this machine allows, saying which ran. With CI=true, a suite whose
// requirement is missing (PostgreSQL through TEST_DATABASE_URL, Chromium at /usr/bin/chromium)
// fails the run instead of being skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = '/usr/bin/chromium';
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
const hasBrowserSuite = existsSync('test/e2e') && readdirSync('test/e2e').some((f) => f.endsWith('.test.ts'));
const hasChromium = existsSync(chromium);

const missing = [];
if (!hasPostgres) missing.push('PostgreSQL (TEST_DATABASE_URL is not set)');
if (hasBrowserSuite && !hasChromium) missing.push(`browser (${chromium} is missing)`);
if (ci && missing.length > 0) {
  console.error(`CI=true and a required suite cannot run: ${missing.join('; ')}`);
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), 'djbooker-vitest-'));
let passed = 0;
let failed = 0;
let ok = true;
const ran = [];

function vitest(name, args) {
  const file = join(out, `${name.replace(/\W+/g, '-')}.json`);
  const r = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
    stdio: 'inherit',
    env: process.env,
  });
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numTotalTestSuites > 0 && report.numTotalTests === 0 ? 1 : 0);
  }
  if (r.status !== 0) ok = false;
  ran.push(name);
}

vitest(hasPostgres ? 'unit + integration (SQLite and PostgreSQL)' : 'unit + integration (SQLite)', []);
if (hasBrowserSuite && hasChromium) vitest('browser (Playwright, Chromium)', ['--config', 'test/e2e/vitest.config.ts']);

console.log('\nSuites run: ' + ran.join('; '));
for (const m of missing) console.log(`Suite not run: ${m}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
