// ESLint with typescript-eslint: the type-checked recommended set on the tool's own code, the
// plain recommended set on tests and scripts (type information there costs more than it finds).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'fixtures/**', 'test/data/**', 'test/torture/**', 'test-artifacts/**', '.bench/**', 'node_modules/**'] },
  js.configs.recommended,
  {
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['test/**/*.ts', '*.config.ts'],
    extends: [tseslint.configs.recommended],
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'writable', module: 'writable', exports: 'writable', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', setTimeout: 'readonly' } },
  },
  {
    // The engine, the facts and the rules compute; only the CLI talks to the terminal.
    files: ['src/engine/**/*.ts', 'src/facts/**/*.ts', 'rules/**/*.ts', 'src/reporters/**/*.ts', 'src/review/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
