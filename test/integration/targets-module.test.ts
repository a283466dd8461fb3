/**
 * The target split screen's reach, over HTTP on each database: setup lists it in the Studio's module
 * bar (directus_settings.module_bar, JSON on either vendor) and GET /visit-targets/may-split tells the
 * Studio whom to show it to — a manager and a General Manager, not a rep. Makes no rows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { closeDatabases } from './db.ts';

describe.each(targets)('the split screen’s reach on $name', (target) => {
	afterAll(async () => {
		await closeDatabases();
	});

	it('is in the module bar setup wrote, before Settings', async () => {
		const admin = await Client.admin(target);
		const settings = await admin.data('/settings?fields=module_bar');
		const bar: { type: string; id: string; enabled: boolean }[] = settings.module_bar;
		const ids = bar.map((e) => e.id);
		expect(bar.find((e) => e.id === 'visit-targets-split')).toMatchObject({ type: 'module', enabled: true });
		expect(ids.indexOf('visit-targets-split')).toBeLessThan(ids.indexOf('settings'));
		expect(ids).toContain('content');
		// The home leads the bar: every sign-in lands there.
		expect(ids[0]).toBe('visit-home');
	});

	it('answers whether the caller breaks targets down', async () => {
		for (const [who, split] of [
			['gm', true],
			['manager1', true],
			['rep1', false],
			['finance', false],
		] as const) {
			const res = await (await Client.login(target.url, `${who}@example.com`)).get('/visit-targets/may-split');
			expect(res.status, who).toBe(200);
			expect(res.body.data, who).toEqual({ split });
		}
	});
});
