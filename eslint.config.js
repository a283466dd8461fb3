// @ts-check
// ESLint for the whole tree: the recommended JavaScript, TypeScript and Vue rules (as the Directus
// core repo uses them), with formatting left to Prettier.
import eslintJs from '@eslint/js';
import eslintConfigPrettier from 'eslint-config-prettier';
import eslintPluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import typescriptEslint from 'typescript-eslint';

export default typescriptEslint.config(
	{ ignores: ['**/dist/', 'data/', 'node_modules/'] },
	{
		languageOptions: {
			ecmaVersion: 2023,
			sourceType: 'module',
			globals: { ...globals.browser, ...globals.node },
		},
	},
	eslintJs.configs.recommended,
	...typescriptEslint.configs.recommended,
	...eslintPluginVue.configs['flat/recommended'],
	{
		files: ['**/*.vue'],
		languageOptions: { parserOptions: { parser: typescriptEslint.parser } },
	},
	{
		files: ['**/*.{ts,vue}'],
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
			],
		},
	},
	{
		files: ['**/*.vue'],
		rules: {
			// The entries' components are named by the bundle's ids (visit-approval), one word is fine.
			'vue/multi-word-component-names': 'off',
			// Optional props read as undefined when not given.
			'vue/require-default-prop': 'off',
			// Panel options reach the component as props named by their fields (fixed_period).
			'vue/prop-name-casing': 'off',
		},
	},
	{
		// The tests and scripts read the API's untyped JSON; the source types its boundaries.
		files: ['test/**', 'scripts/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
	{
		files: ['**/*.cjs'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	eslintConfigPrettier,
);
