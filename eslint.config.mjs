// Lint rules that back STYLE.md: the layer rule, no swallowed errors, no stray any.
import js from '@eslint/js';
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';
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
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['web/**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] },
      globals: { ...globals.browser },
    },
    rules: {
      // Prettier owns layout; these rules would fight it.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The portal reaches the backend only through web/src/api/client.ts.
    files: ['web/src/**/*.ts', 'web/src/**/*.vue'],
    ignores: ['web/src/api/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'call the backend through web/src/api/client.ts' },
        { name: 'XMLHttpRequest', message: 'call the backend through web/src/api/client.ts' },
      ],
    },
  },
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
    files: ['miniprogram/pages/**/*.ts', 'miniprogram/package-*/pages/**/*.ts'],
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
