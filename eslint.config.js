import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The module shape (docs/architecture.md): only repositories and src/server/db build queries or import Kysely.
 * Services hold a `Tx` (src/server/db/transaction.ts) to run their writes in one transaction and hand it on.
 */
const QUERY_MESSAGE =
  'Queries belong in a repository (*.repository.ts) or src/server/db: call a repository method instead (docs/architecture.md).';
const TIME_MESSAGE =
  'Show a time with beijingTime() (src/domain/beijing-time.ts) or fmtTime() in the web app: every time on a page is Beijing time.';
const KYSELY_OUTSIDE_REPOSITORIES = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'kysely', message: QUERY_MESSAGE }],
      patterns: [{ group: ['kysely/*'], message: QUERY_MESSAGE }],
    },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector:
        'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]',
      message: QUERY_MESSAGE,
    },
    { selector: "TaggedTemplateExpression[tag.name='sql']", message: QUERY_MESSAGE },
    { selector: "MemberExpression[property.name='kysely']", message: QUERY_MESSAGE },
    {
      // An ISO time cut to 'YYYY-MM-DD hh:mm' is UTC shown as if local: eight hours off for Panzhihua.
      selector: "CallExpression[callee.property.name='replace'][arguments.0.value='T'][arguments.1.value=' ']",
      message: TIME_MESSAGE,
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests read JSON answers whose shape is what they assert; typing every response would add nothing.
    files: ['test/**/*.ts', 'e2e/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [
      '**/*.repository.ts',
      'src/server/db/**',
      // Tests may arrange and inspect rows directly.
      '**/*.test.ts',
      // The wiring: hands the connection to the repositories it builds, and builds nothing itself.
      'src/server/context.ts',
    ],
    rules: KYSELY_OUTSIDE_REPOSITORIES,
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
