// eslint (pinned in package-lock.json) for the web map client in src/:
// `npm run lint` in web/, run by scripts/test.
import js from '@eslint/js';

const browser = {
  window: 'readonly', document: 'readonly', location: 'readonly', console: 'readonly',
};

export default [
  js.configs.recommended,
  {
    files: ['src/**/*.js'],
    languageOptions: { ecmaVersion: 2020, sourceType: 'module', globals: browser },
    rules: {
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: 'error',
      'no-implicit-globals': 'error',
    },
  },
  {
    files: ['src/error-hook.js'],
    languageOptions: { sourceType: 'script' },
  },
];
