// Typed linting for the TypeScript sources, the Astro components, and the layer rules between them
// (eslint.layers.js); `npm run lint` allows no warnings. Layout is Prettier's (`npm run format`), so
// the rules that would argue with it are turned off last.
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier/flat';
import { layerRules } from './eslint.layers.js';

export default tseslint.config(
	{
		ignores: [
			'dist/',
			'dist-harness/',
			'.astro/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			// Learner-facing programs are plain JavaScript that learners edit; fixtures are wrong on purpose.
			'labs/*/starter/',
			'labs/*/solution/',
			'labs/*/fixtures/',
			'labs/*/variants/',
			'tests/fixtures/',
			'.tmp/',
			// The session bundle is built from src/runtime by scripts/build-runtime.ts and git ignores
			// it; a stale build must not fail the linter.
			'public/runtime/',
		],
	},
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
	},
	...astro.configs.recommended,
	{
		// Astro components stay on the untyped rules: type information for the TypeScript inside a
		// .astro file would need astro-eslint-parser to hand each file to the TypeScript project
		// service as a virtual .tsx, which `astro check` (npm run typecheck) already does better.
		// The few JavaScript configuration files are outside the TypeScript project altogether.
		files: ['**/*.astro', '**/*.{js,mjs}'],
		...tseslint.configs.disableTypeChecked,
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['**/*.ts'],
		rules: {
			// node:test's test() and describe() return promises that the runner itself awaits; every
			// test file calls them at the top level without await, as Node's documentation does.
			'@typescript-eslint/no-floating-promises': [
				'error',
				{
					allowForKnownSafeCalls: [
						{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
					],
				},
			],
		},
	},
	{
		// Test doubles stand in for asynchronous code (a check's run, a machine measurement, a
		// container's boot) and stay async without awaiting anything, so that a throw inside one
		// becomes a rejection exactly as in the code it stands in for.
		files: ['tests/**/*.ts'],
		rules: { '@typescript-eslint/require-await': 'off' },
	},
	...layerRules,
	prettier,
);
