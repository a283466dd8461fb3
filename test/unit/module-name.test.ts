/** Modules are named in the signed-in user's language (shared/module-name.ts), not in both at once. */
import { describe, expect, it } from 'vitest';
import { namedFor } from '../../extensions/sales-visits/src/shared/module-name.ts';
import { t } from '../../extensions/sales-visits/src/shared/texts.ts';

const user = (language: string | null) => ({ language }) as never;

describe('a module’s name', () => {
	it('follows the user’s profile when the module registers, and keeps the module’s own check', async () => {
		const module = namedFor(
			{ id: 'x', name: '首页', icon: 'home', routes: [], preRegisterCheck: async () => false },
			t('首页', 'Home'),
		);
		expect(await module.preRegisterCheck!(user('en-US'), [] as never)).toBe(false);
		expect(module.name).toBe('Home');
		await module.preRegisterCheck!(user('zh-CN'), [] as never);
		expect(module.name).toBe('首页');
	});

	it('registers a module without a check of its own', async () => {
		const module = namedFor({ id: 'x', name: '首页', icon: 'home', routes: [] }, t('首页', 'Home'));
		expect(await module.preRegisterCheck!(user('en'), [] as never)).toBe(true);
		expect(module.name).toBe('Home');
	});
});
