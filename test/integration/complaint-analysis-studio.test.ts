/**
 * The complaint analysis panel (visit-complaint-analysis) in the real Studio: a fresh manager opens
 * an Insights dashboard with it on a phone and sees their team's complaints of the month by cause,
 * product, department and validity, on time, late and still open, and nothing of another team's;
 * their rep reads only their own through the same queries, and of the dashboards only 我的看板. Needs
 * Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { MY_DASHBOARD_ID } from '../../extensions/sales-visits/src/setup/dashboard.ts';
import {
	analysis,
	complaintFilter,
	complaintPeriod,
	countPath,
	DIMENSIONS,
	type Counts,
} from '../../extensions/sales-visits/src/visit-complaint-analysis/logic.ts';
import { hasChromium, launchBrowser, open, signIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, insertRow } from './db.ts';
import { yearOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const phone = { width: 390, height: 844 };
const MONTH = `${yearOf('complaint-analysis-studio.test.ts')}-0${2 + Math.floor(Math.random() * 7)}`;
const noon = (d: number) => new Date(`${MONTH}-${String(d).padStart(2, '0')}T12:00:00+08:00`);

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

describe.skipIf(!hasChromium)('the complaint analysis panel in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	let page: Page;
	const users: Record<string, string> = {};
	const emails: Record<string, string> = {};
	let dashboard: string;
	const tag = `${Date.now()}`;

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		const demo = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		// Two teams: manager ma with rep ra, manager mb with rep rb.
		const make = async (key: string, role: 'sales_manager' | 'sales_rep', reportsTo: string) => {
			emails[key] = `complaint-studio-${key}-${tag}@example.com`;
			users[key] = ok(
				await admin.post('/users', {
					email: emails[key],
					password: 'demo-password',
					role: roleByKey(role).roleId,
					position: role === 'sales_manager' ? 'manager' : 'rep',
					reports_to: reportsTo,
					first_name: key.toUpperCase(),
					last_name: '投诉走查',
					language: 'zh-CN',
				}),
				'user',
			).id;
		};
		await make('ma', 'sales_manager', demo.gm);
		await make('mb', 'sales_manager', demo.gm);
		await make('ra', 'sales_rep', users.ma!);
		await make('rb', 'sales_rep', users.mb!);
		const customer = async (who: string) =>
			ok(
				await admin.post('/items/customers', {
					name: `投诉走查客户 ${who.toUpperCase()} ${tag}`,
					code: `TZ${who}${Number(tag) % 1_000_000}`,
					tier: 'B',
					category: 'ordinary',
					relationship: 'existing',
					region_scope: 'local',
					owner: users[who],
				}),
				'customer',
			).id;
		const customers = { ra: await customer('ra'), rb: await customer('rb') };
		const rows = [
			// ra's: two delivery complaints (one on time, one late), one of service still open.
			{ who: 'ra', cause: 'delivery', department: '物流部', status: 'closed', late: false, valid: true },
			{ who: 'ra', cause: 'delivery', department: '物流部', status: 'resolved', late: true, valid: true },
			{ who: 'ra', cause: 'service', department: null, status: 'responded', late: false, valid: false },
			// rb's: three delivery complaints the first manager must not count.
			...[1, 2, 3].map(() => ({
				who: 'rb',
				cause: 'delivery',
				department: '物流部',
				status: 'closed',
				late: false,
				valid: true,
			})),
		];
		for (const [n, r] of rows.entries()) {
			const at = noon(3 + n);
			await insertRow(target, 'complaints', {
				customer: customers[r.who as 'ra' | 'rb'],
				owner: demo.service,
				received_at: at,
				description: '投诉走查',
				severity: 'medium',
				status: r.status,
				response_due_at: new Date(at.getTime() + 120 * 60_000),
				responded_at: new Date(at.getTime() + 60 * 60_000),
				response_late: false,
				resolution_due_at: new Date(at.getTime() + 1440 * 60_000),
				resolved_at: r.status === 'responded' ? null : new Date(at.getTime() + (r.late ? 2000 : 600) * 60_000),
				resolution_late: r.late,
				valid: r.valid,
				cause: r.cause,
				department: r.department,
			});
		}
		// An Administrator's dashboard with the panel for the month, made before the Studio loads its dashboards.
		dashboard = ok(await admin.post('/dashboards', { name: `投诉分析 ${tag}`, icon: 'report' }), 'dashboard').id;
		ok(
			await admin.post('/panels', {
				dashboard,
				type: 'visit-complaint-analysis',
				name: '投诉分析',
				show_header: true,
				position_x: 1,
				position_y: 1,
				width: 24,
				height: 24,
				options: { period: 'fixed', fixed_period: MONTH, scope: 'own' },
			}),
			'panel',
		);
		page = await signIn(browser, target.url, emails.ma!, '/content', { viewport: phone });
	}, 300_000);

	afterAll(async () => {
		await page?.context().close();
		await browser?.close();
		for (const key of Object.keys(users)) await admin.patch(`/users/${users[key]}`, { status: 'suspended' });
		await closeDatabases();
	});

	it('shows a manager on a phone their team’s complaints of the month, and none of another team’s', async () => {
		await open(page, target.url, `/insights/${dashboard}`);
		const panel = page.locator('.visit-complaint-analysis');
		const caption = () =>
			panel
				.locator('.caption')
				.innerText({ timeout: 1_000 })
				.catch(() => '');
		await expect.poll(caption, { timeout: STUDIO_TIMEOUT }).toContain('共 3 件投诉');
		expect(await caption()).toContain(MONTH);

		const legend = (o: string) => panel.locator(`.legend li[data-outcome="${o}"] .n`).innerText();
		expect([await legend('on_time'), await legend('late'), await legend('open')]).toEqual(['1', '1', '1']);

		const row = (dimension: string, key: string) =>
			panel.locator(`section[data-dimension="${dimension}"] li.row[data-key="${key}"]`);
		const delivery = row('cause', 'delivery');
		expect(await delivery.locator('.label').innerText()).toBe('交付');
		// ra's two, not rb's three.
		expect(await delivery.locator('.total').innerText()).toBe('2 件');
		expect(await delivery.locator('.segment[data-outcome="on_time"]').innerText()).toBe('1');
		expect(await delivery.locator('.segment[data-outcome="late"]').innerText()).toBe('1');
		expect(await delivery.locator('.segment[data-outcome="open"]').count()).toBe(0);
		expect(await row('cause', 'service').locator('.segment[data-outcome="open"]').innerText()).toBe('1');
		expect(await row('department', '物流部').locator('.total').innerText()).toBe('2 件');
		expect(await row('department', '').locator('.label').innerText()).toBe('未填写');
		expect(await row('product', '').locator('.total').innerText()).toBe('3 件');
		expect(await row('valid', 'valid').locator('.total').innerText()).toBe('2 件');
		expect(await row('valid', 'invalid').locator('.total').innerText()).toBe('1 件');

		// Nothing in the panel is wider than the phone.
		expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
		expect(await delivery.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(phone.width);
	});

	it('gives a rep only their own through the same queries', async () => {
		const filter = complaintFilter(complaintPeriod('fixed', MONTH, '2100-01-01', 'Asia/Shanghai')!)!;
		const read = async (email: string) => {
			const as = await Client.login(target.url, email);
			const counts = Object.fromEntries(
				await Promise.all(DIMENSIONS.map(async (d) => [d, await as.data(countPath(d, filter))])),
			) as Counts;
			return analysis(counts).total;
		};
		expect(await read(emails.ra!)).toEqual({ on_time: 1, late: 1, open: 1, total: 3 });
		expect(await read(emails.rb!)).toEqual({ on_time: 3, late: 0, open: 0, total: 3 });
		// A rep opens 我的看板 and no other dashboard: not the Administrator's with this panel.
		const rep = await Client.login(target.url, emails.ra!);
		expect((await rep.get(`/dashboards/${dashboard}`)).status).toBe(403);
		expect((await rep.data('/dashboards?fields=id')).map((d: { id: string }) => d.id)).toEqual([MY_DASHBOARD_ID]);
	});
});
