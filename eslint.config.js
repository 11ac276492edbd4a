import { readdirSync } from 'node:fs';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The web app's features: each one may import itself, src/web/lib, src/web/ui, src/contracts and src/domain, never another feature. */
const WEB_FEATURES = readdirSync(new URL('./src/web/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The layering (docs/decisions/015), checked on resolved paths: domain ← db ← app ← server / cli /
 * jobs, where the command line starts the server and the server starts the jobs, never backwards;
 * contracts import only the domain and every layer imports them; the web imports none of the
 * server side. A zone forbids `target` files to import anything under `from`.
 */
const LAYER_ZONES = [
  {
    target: './src/domain',
    from: ['./src/contracts', './src/db', './src/app', './src/server', './src/cli', './src/jobs', './src/web'],
    message: 'src/domain is the innermost layer: it imports nothing of the others.',
  },
  {
    target: './src/contracts',
    from: ['./src/db', './src/app', './src/server', './src/cli', './src/jobs', './src/web'],
    message: 'src/contracts may import only src/domain.',
  },
  {
    target: './src/db',
    from: ['./src/app', './src/server', './src/cli', './src/jobs', './src/web'],
    message: 'src/db may import only src/domain and src/contracts.',
  },
  {
    target: './src/app',
    from: ['./src/server', './src/cli', './src/jobs', './src/web'],
    message: 'src/app (use-cases) may not import the server, the CLI, the jobs or the web.',
  },
  {
    target: './src/jobs',
    from: ['./src/server', './src/cli', './src/web'],
    message: 'src/jobs may not import the server, the CLI or the web.',
  },
  { target: './src/server', from: ['./src/cli', './src/web'], message: 'src/server may not import the CLI or the web app’s sources.' },
  { target: './src/cli', from: ['./src/web'], message: 'src/cli may not import the web app.' },
  {
    target: './src/web',
    from: ['./src/server', './src/app', './src/db', './src/cli', './src/jobs'],
    message: 'src/web talks to the server through the API only: import src/contracts or src/domain instead.',
  },
  ...WEB_FEATURES.map((feature) => ({
    target: `./src/web/features/${feature}`,
    from: './src/web/features',
    except: [`./${feature}`],
    message:
      'A web feature never imports another feature: move the shared piece to src/web/lib or src/web/ui, or compose them in src/web/app.',
  })),
  {
    target: './src/web/features',
    from: './src/web/app',
    message: 'src/web/app composes the features; a feature does not import the app shell.',
  },
  {
    target: ['./src/web/lib', './src/web/ui'],
    from: ['./src/web/features', './src/web/app'],
    message: 'src/web/lib and src/web/ui are shared pieces: they import no feature and not the app shell.',
  },
];

/**
 * Rows stay inside src/db: its modules return camelCase types, and the Kysely table types of
 * src/db/schema are imported nowhere else.
 */
const ROWS_STAY_IN_DB = {
  group: ['**/db/schema', '**/db/schema.ts'],
  message: 'src/db/schema holds the rows, which stay inside src/db: import the camelCase type its query module exports.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The layers and the absence of cycles, on the sources (tests beside the code may drive an outer layer).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/server/test-client.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The environment is read in one place, parsed with zod (src/app/env.ts).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/app/env.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment through src/app/env.ts (parseEnv).' },
      ],
    },
  },
  {
    // The domain is pure: no database, no I/O, no framework, no clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'kysely',
                'better-sqlite3',
                'pg',
                'pg-*',
                'fastify',
                '@fastify/*',
                'node:fs',
                'node:fs/*',
                'fs',
                'node:net',
                'node:http',
                'nodemailer',
                'react',
                'react-*',
              ],
              message: 'src/domain is pure: no I/O, no database, no framework.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain never reads the clock: pass "today" in.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain never reads the clock: pass "today" in.',
        },
      ],
    },
  },
  {
    // Only src/db talks to Kysely or to a database driver.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/db/**', 'src/domain/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['better-sqlite3', 'pg', 'pg-copy-streams'],
          patterns: [
            { group: ['kysely', 'kysely/*'], message: 'Kysely is imported only in src/db: call a query of src/db instead.' },
            ROWS_STAY_IN_DB,
          ],
        },
      ],
    },
  },
  {
    // A test may check the database with Kysely's `sql`, never through a driver of its own; its rows stay in src/db too.
    files: ['src/**/*.test.ts'],
    ignores: ['src/db/**', 'src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['better-sqlite3', 'pg', 'pg-copy-streams'], patterns: [ROWS_STAY_IN_DB] }],
    },
  },
);
