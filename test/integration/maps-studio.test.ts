/**
 * Maps in the real Studio, as a rep: the 客户地图 bookmark opens the map layout over the customers'
 * `geo_point` and is handed a GeoJSON point for every customer of the rep's with a position (what it
 * gives MapLibre is not counted: the software WebGL of a loaded CI machine may never finish loading
 * the map, and the tiles need the internet); a checked-in visit shows the customer, the check-in
 * point, the geofence and the distance in its check-in group.
 * Needs Debian's Chromium (apt-get install -y chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { distanceM } from '../../extensions/sales-visits/src/domain/geo.ts';
import { hasChromium, launchBrowser, signIn, STUDIO_TIMEOUT } from './browser.ts';
import { Client, targets } from './client.ts';
import { backdate, closeDatabases, setColumns } from './db.ts';
import { ok } from './sales.ts';
import { yearOf } from './years.ts';

const target = targets.find((t) => t.name === 'sqlite')!;
const CUSTOMER_MAP = encodeURIComponent('客户地图');

describe.skipIf(!hasChromium)('maps in the Studio', () => {
	let browser: Browser;
	let admin: Client;
	let rep1: Client;
	let users: Record<string, string>;
	const customerAt = { latitude: 30.2741, longitude: 120.1551 };
	let customer: number;

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await Client.admin(target);
		rep1 = await Client.login(target.url, 'rep1@example.com');
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		customer = ok(
			await admin.post('/items/customers', {
				name: `地图走查客户${Date.now().toString().slice(-6)}`,
				code: `DT${Date.now().toString(36).toUpperCase()}`,
				tier: 'C',
				category: 'ordinary',
				region_scope: 'local',
				owner: users.rep1,
				...customerAt,
			}),
			'customer',
		).id;
	});
	afterAll(async () => {
		await browser?.close();
		await closeDatabases();
	});

	it('a rep opens 客户地图: the map layout is handed every customer of theirs with a point', async () => {
		const [preset] = await rep1.data(`/presets?filter[bookmark][_eq]=${CUSTOMER_MAP}&fields=id,layout`);
		expect(preset?.layout).toBe('map');
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.request.post(`${target.url}/auth/login`, {
			data: { email: 'rep1@example.com', password: 'demo-password', mode: 'session' },
		});
		const page = await context.newPage();
		try {
			const rows = page.waitForResponse(
				(r) => r.url().includes('/items/customers?') && r.url().includes('geo_point') && r.ok(),
				{ timeout: STUDIO_TIMEOUT },
			);
			await page.goto(`${target.url}/admin/content/customers?bookmark=${preset.id}`);
			const fetched: { id: number; geo_point: any }[] = (await (await rows).json()).data;
			// The layout's own query, as the rep reads it: theirs only, each with a GeoJSON point the layout draws.
			const mine: { id: number }[] = await rep1.data('/items/customers?fields=id&limit=-1');
			expect(fetched.map((r) => r.id).sort()).toEqual(mine.map((r) => r.id).sort());
			expect(fetched.find((r) => r.id === customer)?.geo_point).toEqual({
				type: 'Point',
				coordinates: [customerAt.longitude, customerAt.latitude],
			});
			for (const row of fetched)
				if (row.geo_point !== null)
					expect(row.geo_point).toMatchObject({ type: 'Point', coordinates: [expect.any(Number), expect.any(Number)] });
			// The map is drawn (its canvas; the tiles need the internet), with no "invalid geometry" notice or error.
			await page.locator('.layout-map #map-container canvas').waitFor({ timeout: STUDIO_TIMEOUT });
			expect(await page.locator('#main-content .v-notice, #main-content .v-error').count()).toBe(0);
		} finally {
			await context.close();
		}
	});

	it('a rep opens a checked-in visit: the sketch shows the customer, the check-in, the geofence and the distance', async () => {
		const year = yearOf('maps-studio.test.ts');
		const visit = ok(
			await rep1.post('/items/visits', {
				customer,
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: `${year}-03-10T02:00:00Z`,
			}),
			'visit',
		).id as number;
		// Checked in 700 m north-east of the customer, as the check-in endpoint would have written it (its time window is now, not then).
		const checkIn = {
			latitude: customerAt.latitude + 500 / 111_320,
			longitude: customerAt.longitude + 490 / (111_320 * Math.cos((customerAt.latitude * Math.PI) / 180)),
		};
		const distance = Math.round(distanceM(customerAt, checkIn) * 10) / 10;
		const settings = await admin.data('/items/visit_settings?fields=geofence_radius_m');
		const radius = Number(settings.geofence_radius_m);
		await setColumns(target, 'visits', visit, {
			status: 'in_progress',
			check_in_latitude: checkIn.latitude,
			check_in_longitude: checkIn.longitude,
			check_in_distance_m: distance,
			outside_geofence: distance > radius,
		});
		await backdate(target, 'visits', visit, 'check_in_at', new Date(`${year}-03-10T02:05:00Z`));

		const page = await signIn(browser, target.url, 'rep1@example.com', `/content/visits/${visit}`);
		try {
			await page.getByText('签到签退', { exact: true }).click({ timeout: STUDIO_TIMEOUT });
			const sketch = page.locator('[data-check-in-map]');
			await sketch.locator('[data-point="customer"]').waitFor({ timeout: STUDIO_TIMEOUT });
			await expect.poll(() => sketch.locator('[data-point="check-in"]').count()).toBe(1);
			await expect.poll(() => sketch.locator('[data-geofence]').count()).toBe(1);
			const caption = await sketch.locator('[data-distance]').innerText();
			expect(caption).toContain(`${Math.round(distance)} 米`);
			expect(caption).toContain(`${radius} 米`);
			// North-east on the drawing too: right of and above the customer.
			const at = async (point: string) => {
				const box = (await sketch.locator(`[data-point="${point}"]`).boundingBox())!;
				return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
			};
			const [c, p] = [await at('customer'), await at('check-in')];
			expect(p.x).toBeGreaterThan(c.x);
			expect(p.y).toBeLessThan(c.y);
		} finally {
			await page.context().close();
		}
	});
});
