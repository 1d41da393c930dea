// Lint rules that back STYLE.md: the layer rule, no swallowed errors, no stray any.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.data/',
      'web/dist/',
      'web/components.d.ts',
      'cloudfunctions/api/index.js',
      'miniprogram/miniprogram_npm/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The domain knows nothing of where it runs: no SDKs, no adapters, no local server.
    files: ['backend/domain/**/*.ts', 'backend/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['wx-server-sdk', '@cloudbase/*', 'better-sqlite3'], message: 'use a port' },
            { group: ['**/adapters/**', '**/local/**', '**/transports/**'], message: 'layer rule' },
          ],
        },
      ],
    },
  },
  {
    // Pages reach the backend only through the service layer.
    files: ['miniprogram/pages/**/*.ts'],
    languageOptions: { globals: { wx: 'readonly', Component: 'readonly', Page: 'readonly' } },
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'wx', property: 'cloud', message: 'call the backend through services/' },
        { object: 'wx', property: 'request', message: 'call the backend through services/' },
      ],
    },
  },
  {
    files: ['miniprogram/**/*.ts'],
    languageOptions: {
      globals: {
        wx: 'readonly',
        Component: 'readonly',
        Page: 'readonly',
        getApp: 'readonly',
        App: 'readonly',
        getCurrentPages: 'readonly',
      },
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
