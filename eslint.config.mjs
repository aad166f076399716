// Lint that means something: type-aware rules that catch lost promises and unhandled cases.
// Keep these on; a safeguard switched off quietly is worse than none.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Services talk through events and HTTP, never through each other's code: a file under apps/<a>/
// may not import from apps/<b>/ (shared code lives in libs/). Tests under test/ and scripts may.
const appsDir = path.join(import.meta.dirname, 'apps');
const appOf = (file) => {
  const rel = path.relative(appsDir, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep)[0];
};
const boundaries = {
  rules: {
    'no-cross-app-imports': {
      meta: {
        type: 'problem',
        messages: { crossApp: 'apps/{{from}} may not import from apps/{{to}}: share it through libs/ or talk through an event or HTTP' },
      },
      create(context) {
        const from = appOf(context.filename);
        if (!from) return {};
        const check = (node) => {
          const source = node.source?.value;
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = appOf(path.resolve(path.dirname(context.filename), source));
          if (to && to !== from) context.report({ node, messageId: 'crossApp', data: { from, to } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { boundaries },
    rules: {
      'boundaries/no-cross-app-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest decorators and class-validator DTOs use classes without runtime references.
      '@typescript-eslint/no-extraneous-class': 'off',
      // Tests assert on parsed JSON bodies.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
    },
  },
);
