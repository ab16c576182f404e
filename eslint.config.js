import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * `no-restricted-imports` sees only static imports and exports; a dynamic `import('…')` with a
 * literal address is refused by the same kinds of address (esquery regexes cannot hold a `/`:
 * \x2F is one).
 */
const dynamicImportOf = (sources, message) => ({
  'no-restricted-syntax': [
    'error',
    ...sources.map((source) => ({
      selector: `ImportExpression[source.value=${source}]`,
      message,
    })),
  ],
});

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'test-output',
      'bench-results',
      'eslint.config.js',
      '.ci/node24',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  layer(
    ['src/domain/**'],
    [
      '**/protocol/**',
      '**/server/**',
      '**/client/**',
      '**/ui/**',
      'node:*',
      'react',
      'dexie',
      'socket.io*',
      'kysely',
      'better-sqlite3',
    ],
    'src/domain is pure: it imports nothing of ours but itself, and no I/O.',
  ),
  layer(
    ['src/protocol/**'],
    ['**/server/**', '**/client/**', '**/ui/**', 'react', 'dexie', 'kysely'],
    'src/protocol imports only domain.',
  ),
  layer(
    ['src/server/**'],
    ['**/client/**', '**/ui/**', 'react', 'dexie'],
    'src/server imports only protocol and domain.',
  ),
  layer(
    ['src/client/**'],
    ['**/server/**', '**/ui/**', 'react', 'react-dom', 'kysely', 'better-sqlite3'],
    'src/client never imports React or the server.',
  ),
  layer(
    ['src/ui/**'],
    ['**/server/**', 'socket.io*', 'kysely', 'better-sqlite3'],
    'The UI never opens a socket or touches the server.',
  ),
  {
    // The kiosk shell talks to the page only through its IPC contract, and to the server only
    // over HTTP: it never imports React, the server, or the UI's modules (STYLE.md's house).
    // Its tests may read the UI's settings module, to prove both sides read one shape.
    ...layer(
      ['electron/**'],
      [
        'react',
        'react-dom',
        'react/*',
        'react-dom/*',
        '**/src/server/**',
        '**/src/ui/**',
        '**/server/**',
        '**/ui/**',
        'fastify',
        '@fastify/*',
        'socket.io',
        'kysely',
        'better-sqlite3',
      ],
      'electron/ imports only its own modules, zod and Electron: never React, the server or the UI.',
    ),
    ignores: ['electron/**/*.test.ts'],
  },
  {
    files: ['electron/**'],
    ignores: ['electron/**/*.test.ts'],
    rules: dynamicImportOf(
      [
        '/^react(-dom)?(\\x2F|$)/',
        '/(^|\\x2F)(server|ui)\\x2F/',
        '/^(fastify|@fastify\\x2F.*|socket\\.io|kysely|better-sqlite3)$/',
      ],
      'electron/ imports only its own modules, zod and Electron: never React, the server or the UI.',
    ),
  },
  {
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
