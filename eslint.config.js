// Lint: type-aware rules that catch real bugs (floating promises, any) and the architecture's boundaries, so a
// layering mistake fails `npm test` instead of waiting for review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** @param {object[]} patterns */
const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/results/**', 'data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    // The service worker is its own TypeScript program (WebWorker lib), so it is linted with its own tsconfig.
    files: ['src/client/sw/**'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.sw.json' } },
  },
  {
    files: ['src/shared/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['#client/*', '#server/*', '**/client/**', '**/server/**'], message: 'shared/ is pure: it imports only zod and shared/.' },
        { regex: '^(?!zod(/mini)?$|#shared/|\\.{1,2}/).*', message: 'shared/ imports only zod and other shared/ modules.' },
      ]),
    },
  },
  {
    files: ['src/client/**'],
    rules: { 'no-restricted-imports': restrict([{ group: ['#server/*', '**/server/**'], message: 'The client must not import server code.' }]) },
  },
  {
    files: ['src/server/**'],
    rules: { 'no-restricted-imports': restrict([{ group: ['#client/*', '**/client/**'], message: 'The server must not import client code.' }]) },
  },
  {
    files: ['src/client/ui/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/db/**', '**/sync/**', '**/state/**', '#client/db/*', '#client/sync/*', '#client/state/*'], message: 'ui/ is presentational: pass data in as props.' },
        { group: ['#server/*', '**/server/**'], message: 'The client must not import server code.' },
      ]),
    },
  },
  {
    files: ['src/client/features/**/*.tsx', 'src/client/app/**/*.tsx', 'src/client/ui/**/*.tsx'],
    rules: {
      // Every user-facing string comes from locales/: a bare word in JSX text is a missing translation.
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/\\p{L}/u]', message: 'User-facing text belongs in locales/; use t().' },
        { selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt)$/] > Literal', message: 'User-facing text belongs in locales/; use t().' },
      ],
    },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
