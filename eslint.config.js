import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/.tsbuild/**', '**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['kiosk-client/src/**', 'staff-console/src/**', 'shared/src/client/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Front ends talk to each other only through the shared contract.
    files: ['kiosk-client/src/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/staff-console/**', '@madoguchi/server*'] }],
    },
  },
  {
    files: ['staff-console/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/kiosk-client/**', '@madoguchi/server*'] }] },
  },
  {
    // Only the media layer speaks to mediasoup.
    files: ['server/src/**'],
    ignores: ['server/src/media/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['mediasoup'] }] },
  },
  {
    // The routing core and session lifecycle never touch the transport or media layers.
    files: ['server/src/queue/**', 'server/src/sessions/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['fastify', 'socket.io', 'mediasoup'] }] },
  },
  {
    // Every database write is asynchronous: one not awaited could fail unseen.
    files: ['server/src/**/*.ts', 'server/bench/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Tests and tooling may print.
    files: ['tests/**', 'infra/**'],
    rules: { 'no-console': 'off' },
  },
);
