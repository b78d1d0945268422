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
  ...frontEndBoundaries('kiosk-client', 'staff-console'),
  ...frontEndBoundaries('staff-console', 'kiosk-client'),
  ...serverLayers(),
  {
    // Configuration is read from the environment in exactly one place.
    files: ['server/src/**', 'shared/src/**', 'kiosk-client/src/**', 'staff-console/src/**'],
    ignores: ['server/src/config.ts', '**/testing.ts', '**/testing/**', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read settings in server/src/config.ts' },
      ],
    },
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

/**
 * A front end's imports flow one way (shared → lib/components → features → app): it never reaches
 * the other front end or the server, a feature never reaches into app/, and the dictionaries never
 * into features. ESLint keeps one `no-restricted-imports` per file, so each folder's list repeats
 * the ones above it.
 */
function frontEndBoundaries(app, other) {
  const apart = [
    { group: [`**/${other}/**`], message: 'front ends share code only through @madoguchi/shared' },
    { group: ['@madoguchi/server*'], message: 'front ends speak to the server only over the wire' },
  ];
  const notIntoApp = { group: ['**/app/*'], message: 'app/ wires features; features do not import it' };
  const notIntoFeatures = { group: ['**/features/**'], message: 'the dictionaries do not know features' };
  return [
    { files: [`${app}/src/**`], rules: { 'no-restricted-imports': ['error', { patterns: apart }] } },
    {
      files: [`${app}/src/features/**`, `${app}/src/components/**`, `${app}/src/lib/**`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...apart, notIntoApp] }] },
    },
    {
      files: [`${app}/src/i18n/**`],
      // The console's dictionaries still name a few feature types; they move out next.
      ...(app === 'staff-console' ? { ignores: [`${app}/src/i18n/messages.ts`] } : {}),
      rules: { 'no-restricted-imports': ['error', { patterns: [...apart, notIntoApp, notIntoFeatures] }] },
    },
  ];
}

/**
 * The server's layers import downwards only: signalling/http → sessions/queue (and the services
 * beside them) → media/store. Only the media layer speaks to mediasoup.
 */
function serverLayers() {
  const notUp = (...layers) =>
    layers.map((layer) => ({ group: [`**/${layer}/**`], message: `${layer}/ is a layer above this one` }));
  const mediasoup = { name: 'mediasoup', message: 'only server/src/media speaks to mediasoup' };
  const transports = ['fastify', 'socket.io'].map((name) => ({
    name,
    message: 'the routing core and sessions know nothing of the transport',
  }));
  return [
    {
      files: ['server/src/**'],
      ignores: ['server/src/media/**'],
      rules: { 'no-restricted-imports': ['error', { paths: [mediasoup] }] },
    },
    {
      files: [
        'server/src/sessions/**',
        'server/src/queue/**',
        'server/src/captures/**',
        'server/src/catalog/**',
        'server/src/reports/**',
        'server/src/auth/**',
      ],
      rules: {
        'no-restricted-imports': [
          'error',
          { paths: [mediasoup, ...transports], patterns: notUp('http', 'signalling') },
        ],
      },
    },
    {
      files: ['server/src/media/**', 'server/src/store/**'],
      // A store's test may set up records through the services that write them.
      ignores: ['**/*.test.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: notUp('http', 'signalling', 'sessions', 'queue', 'captures', 'auth') },
        ],
      },
    },
  ];
}
