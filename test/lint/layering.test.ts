/**
 * The lint rules that hold the layering (eslint.config.js, docs/decisions/015) fire: each case
 * lints a small file as if it sat at a given place of the tree, and expects the rule's error, or
 * none for the allowed direction.
 */
import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: ROOT });

/** A module of another feature, as it exists today (an import must resolve to be judged). */
const otherFeature = (() => {
  const file = readdirSync(`${ROOT}src/web/features/follow-ups`, { recursive: true, encoding: 'utf8' }).find(
    (f) => /\.tsx?$/.test(f) && !f.includes('.test.'),
  );
  if (!file) throw new Error('no module in src/web/features/follow-ups');
  return `follow-ups/${file.replace(/\.tsx?$/, '')}`;
})();

async function rulesFired(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const LAYERS = 'import-x/no-restricted-paths';

describe('lint: the layering', () => {
  it.each([
    ['src/domain/probe.ts', "import { openDatabase } from '../db/connection';"],
    ['src/domain/probe.ts', "import { kpisQuerySchema } from '../contracts/kpis';"],
    ['src/contracts/probe.ts', "import { AppError } from '../app/errors';"],
    ['src/db/probe.ts', "import { AppError } from '../app/errors';"],
    ['src/app/probe.ts', "import { buildServer } from '../server/server';"],
    ['src/app/probe.ts', "import { startOutboxSender } from '../jobs/outbox-sender';"],
    ['src/jobs/probe.ts', "import { buildServer } from '../server/server';"],
    ['src/server/probe.ts', "import { main } from '../cli/main';"],
    ['src/web/lib/probe.ts', "import { AppError } from '../../app/errors';"],
    ['src/web/lib/probe.ts', "import { openDatabase } from '../../db/connection';"],
    ['src/web/ui/probe.tsx', "import { buildServer } from '../../server/server';"],
    ['src/web/features/clients/probe.ts', `import { x } from '../${otherFeature}';`],
    ['src/web/features/clients/probe.ts', "import { x } from '../../app/app';"],
    ['src/web/lib/probe.ts', `import { x } from '../features/${otherFeature}';`],
  ])('%s may not: %s', async (file, code) => {
    expect(await rulesFired(file, `${code}\n`)).toContain(LAYERS);
  });

  it.each([
    ['src/contracts/probe.ts', "import { addDays } from '../domain/dates';"],
    ['src/db/probe.ts', "import { kpisQuerySchema } from '../contracts/kpis';"],
    ['src/app/probe.ts', "import { openDatabase } from '../db/connection';"],
    ['src/cli/probe.ts', "import { buildServer } from '../server/server';"],
    ['src/server/probe.ts', "import { startOutboxSender } from '../jobs/outbox-sender';"],
    ['src/web/features/clients/probe.ts', "import { kpisQuerySchema } from '../../../contracts/kpis';"],
    ['src/web/features/clients/probe.ts', "import { x } from '../../lib/format';"],
    ['src/web/app/probe.tsx', `import { x } from '../features/${otherFeature}';`],
  ])('%s may: %s', async (file, code) => {
    expect(await rulesFired(file, `${code}\n`)).not.toContain(LAYERS);
  });

  it('imports Kysely only in src/db', async () => {
    expect(await rulesFired('src/app/probe.ts', "import { sql } from 'kysely';\nexport const s = sql;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await rulesFired('src/db/probe.ts', "import { sql } from 'kysely';\nexport const s = sql;\n")).toEqual([]);
  });

  it('keeps the rows of src/db/schema inside src/db', async () => {
    const importing = (from: string, name = 'Gig') => `import type { ${name} } from '${from}/schema';\nexport type X = ${name};\n`;
    expect(await rulesFired('src/app/probe.ts', importing('../db'))).toContain('no-restricted-imports');
    expect(await rulesFired('src/server/routes/probe.ts', importing('../../db'))).toContain('no-restricted-imports');
    expect(await rulesFired('src/app/probe.test.ts', importing('../db'))).toContain('no-restricted-imports');
    expect(await rulesFired('src/app/probe.ts', "import * as schema from '../db/schema';\nexport const s = schema;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await rulesFired('src/db/probe.ts', importing('.'))).toEqual([]);
    expect(await rulesFired('src/app/probe.ts', importing('../db', 'FollowUp'))).toContain('no-restricted-imports');
  });

  it('reads process.env only in src/app/env.ts', async () => {
    expect(await rulesFired('src/server/probe.ts', 'export const port = process.env.PORT;\n')).toContain('no-restricted-properties');
  });

  it('finds an import cycle', async () => {
    // src/domain/kpis.ts imports ./dates: a dates.ts importing ./kpis closes a cycle.
    expect(await rulesFired('src/domain/dates.ts', "import { kpisFor } from './kpis';\nexport const k = kpisFor;\n")).toContain(
      'import-x/no-cycle',
    );
  });
});
