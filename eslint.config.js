import tseslint from 'typescript-eslint';

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
    // The domain is pure: no database, no I/O, no framework, no clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/db/**', '**/app/**', '**/server/**', '**/cli/**', '**/web/**', '**/jobs/**'], message: 'src/domain must not depend on outer layers.' },
          { group: ['kysely', 'better-sqlite3', 'pg', 'pg-*', 'fastify', '@fastify/*', 'node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'nodemailer', 'react', 'react-*'], message: 'src/domain is pure: no I/O, no database, no framework.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain never reads the clock: pass "today" in.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain never reads the clock: pass "today" in.' },
      ],
    },
  },
  {
    // Only src/db talks to a database driver or to Kysely.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/db/**', 'src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['better-sqlite3', 'pg', 'pg-copy-streams'] }],
    },
  },
);
