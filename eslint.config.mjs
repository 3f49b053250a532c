// ESLint for the whole tree (`npm run lint`, also run by `npm test`): typescript-eslint's
// recommended rules plus its type-aware ones, which catch real bugs (unawaited promises,
// promises where callbacks are expected, `any` leaking in from JSON or untyped APIs).
// Type information comes from the two TypeScript projects the build already uses.
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import local from './eslint/shownTextRule.mjs';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.cache/', 'test-artifacts/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  comments.recommended,
  {
    rules: {
      // Every exception says why: `// eslint-disable-next-line rule -- reason`.
      '@eslint-community/eslint-comments/require-description': 'error',
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The webview's own project (DOM, no Node) for media/, the test project for the rest.
        project: ['./media/tsconfig.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `const { secret: _, ...rest } = o` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Fakes and adapters implement Promise-returning ports with plain `async` methods; the bug
      // this rule hints at (a promise nobody waits for) is no-floating-promises' job.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // The layers (docs/architecture.md), each a `no-restricted-imports` block on the import as written.
  // test/unit/layers.test.ts shows each block refusing an import it forbids and taking a legal one.
  {
    files: ['src/core/**/*.ts', 'src/agent/**/*.ts', 'src/mcp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(.*/)?(vscode|studio)(/.*)?$',
              message:
                'Layers: src/core, src/agent and src/mcp run without VS Code: no vscode, src/vscode or src/studio (the Studio).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/imageVocabulary.ts', 'shared/protocol.ts', 'shared/studioStrings.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./(imageVocabulary|protocol|studioStrings)$)',
              message:
                'Layers: the vocabulary and the protocol are pure, for the webview too: they import only each other (no zod, nothing under src).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/protocolSchema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(zod/mini|\\./imageVocabulary|\\./protocol)$)',
              message: 'Layers: the protocol schema imports zod/mini, the vocabulary and the protocol only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['media/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(\\.\\./\\.\\./shared/(protocol|imageVocabulary|studioStrings)|\\./[^/]+)$)',
              message:
                'Layers: the webview imports only its own files, shared/protocol, the vocabulary and the Studio strings (no zod, nothing under src).',
            },
          ],
        },
      ],
    },
  },
  {
    // Text from a server, a model, a file or a setting reaches VS Code's renderers only through
    // shownText() (src/core/text/shownText.ts): see eslint/shownTextRule.mjs. The two port
    // implementations only pass on what their callers hand them, and the rule checks the callers.
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/vscodeUi.ts', 'src/vscode/vscodeProblems.ts'],
    plugins: { local },
    rules: { 'local/shown-text': 'error' },
  },
  {
    // The webview builds DOM from text nodes only (media/webview/dom.ts): never parsed HTML.
    files: ['media/webview/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'innerHTML',
          message: 'Untrusted text goes in as text: use el()/textContent (media/webview/dom.ts).',
        },
        {
          property: 'outerHTML',
          message: 'Untrusted text goes in as text: use el()/textContent (media/webview/dom.ts).',
        },
        {
          property: 'insertAdjacentHTML',
          message: 'Untrusted text goes in as text: use el()/textContent (media/webview/dom.ts).',
        },
        {
          property: 'createContextualFragment',
          message: 'Untrusted text goes in as text: use el()/textContent (media/webview/dom.ts).',
        },
        {
          object: 'document',
          property: 'write',
          message: 'Untrusted text goes in as text: use el()/textContent (media/webview/dom.ts).',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'DOMParser', message: 'Untrusted text goes in as text: use el()/textContent (media/webview/dom.ts).' },
      ],
    },
  },
  {
    // Node scripts in CommonJS: the build script, the l10n scanner, the e2e and demo runners.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['eslint.config.mjs', 'eslint/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
