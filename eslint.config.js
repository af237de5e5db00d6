// Linting for the TypeScript sources and the Astro components, and the layer rules between them;
// `npm run lint` allows no warnings.
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
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
	...tseslint.configs.recommended,
	...astro.configs.recommended,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	...layerRules,
);
