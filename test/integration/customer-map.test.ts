/**
 * A customer's map position (`geo_point`, GeoJSON for the Studio's map layout) follows its
 * latitude and longitude on every write path: items create and update, batch, GraphQL, import,
 * an integrator's writes and the demo seeds; it is cleared with them, and nobody writes it by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATOR_TOKEN } from '../../seeds/demo.ts';
import { Client, targets, type Response } from './client.ts';
import { importRows, ok } from './sales.ts';

/** An import answers without a body. */
const imported = (res: Response) => expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);

type Row = { id: number; latitude: unknown; longitude: unknown; geo_point: any };

/** The point the map layout reads for these coordinates, or null. */
function expectPoint(row: Row, latitude: number | null, longitude: number | null) {
	expect(row.latitude === null ? null : Number(row.latitude), `latitude of ${row.id}`).toBe(latitude);
	expect(row.longitude === null ? null : Number(row.longitude), `longitude of ${row.id}`).toBe(longitude);
	if (latitude === null || longitude === null) return expect(row.geo_point, `point of ${row.id}`).toBeNull();
	expect(row.geo_point?.type, JSON.stringify(row)).toBe('Point');
	const [lng, lat] = row.geo_point.coordinates.map(Number);
	expect(lng).toBeCloseTo(longitude, 6);
	expect(lat).toBeCloseTo(latitude, 6);
}

describe.each(targets)('customers on the map on $name', (target) => {
	let admin: Client;
	let rep1: Client;
	let users: Record<string, string>;
	const made: number[] = [];
	let n = 0;
	const code = () => `MAP${Date.now().toString(36)}${n++}`.toUpperCase();
	const base = (owner = users.rep1) => ({
		name: `地图测试客户${code()}`,
		code: code(),
		tier: 'C',
		category: 'ordinary',
		region_scope: 'local',
		owner,
	});
	const read = async (id: number): Promise<Row> =>
		admin.data(`/items/customers/${id}?fields=id,latitude,longitude,geo_point`);
	const create = async (as: Client, body: object): Promise<number> => {
		const id = ok(await as.post('/items/customers', body), 'customer').id as number;
		made.push(id);
		return id;
	};

	beforeAll(async () => {
		admin = await Client.admin(target);
		rep1 = await Client.login(target.url, 'rep1@example.com');
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
	});
	afterAll(async () => {
		if (made.length) await admin.request('DELETE', '/items/customers', made);
	});

	it('is in the navigation of every Studio role that reads customers, as the 客户地图 bookmark', async () => {
		const readers = ['rep1', 'manager1', 'gm', 'assistant', 'service', 'finance'];
		for (const who of [...readers, 'legal']) {
			const as = await Client.login(target.url, `${who}@example.com`);
			const presets: any[] = await as.data(`/presets?filter[bookmark][_eq]=${encodeURIComponent('客户地图')}`);
			if (!readers.includes(who)) {
				expect(presets, who).toEqual([]);
				continue;
			}
			expect(presets.length, who).toBe(1);
			expect(presets[0]).toMatchObject({ collection: 'customers', layout: 'map' });
			expect(presets[0].layout_options.map.geometryField).toBe('geo_point');
			// The layout accepts a json field only with the map interface (app/src/layouts/map: `meta.interface == 'map'`).
			const field = await as.data('/fields/customers/geo_point');
			expect(field).toMatchObject({ type: 'json', meta: { interface: 'map', readonly: true, hidden: true } });
		}
	});

	it('the demo customers are on the map where their coordinates say', async () => {
		const rows: Row[] = await admin.data('/items/customers?fields=id,latitude,longitude,geo_point&limit=-1');
		const demo = rows.filter((r) => r.id <= 120);
		expect(demo.length).toBeGreaterThan(100);
		for (const r of demo)
			expectPoint(
				r,
				r.latitude === null ? null : Number(r.latitude),
				r.longitude === null ? null : Number(r.longitude),
			);
		expect(demo.filter((r) => r.geo_point !== null).length).toBeGreaterThan(100);
	});

	it('follows the items API: create, change one coordinate, clear one', async () => {
		const id = await create(rep1, { ...base(), latitude: 30.2741, longitude: 120.1551 });
		expectPoint(await read(id), 30.2741, 120.1551);
		ok(await rep1.patch(`/items/customers/${id}`, { latitude: 30.5 }), 'latitude');
		expectPoint(await read(id), 30.5, 120.1551);
		ok(await rep1.patch(`/items/customers/${id}`, { longitude: null }), 'clear');
		expectPoint(await read(id), 30.5, null);
		ok(await rep1.patch(`/items/customers/${id}`, { longitude: 121 }), 'again');
		expectPoint(await read(id), 30.5, 121);
		// A customer made without coordinates is not on the map.
		expectPoint(await read(await create(rep1, base())), null, null);
	});

	it('follows batch writes: many rows with their own values, many keys with one value', async () => {
		const a = await create(admin, { ...base(), latitude: 31, longitude: 121 });
		const b = await create(admin, { ...base(), latitude: 32, longitude: 122 });
		ok(
			await admin.patch('/items/customers', [
				{ id: a, latitude: 31.25 },
				{ id: b, longitude: 122.5 },
			]),
			'batch',
		);
		expectPoint(await read(a), 31.25, 121);
		expectPoint(await read(b), 32, 122.5);
		// One latitude for both: each keeps its own longitude.
		ok(await admin.patch('/items/customers', { keys: [a, b], data: { latitude: 29.75 } }), 'keys');
		expectPoint(await read(a), 29.75, 121);
		expectPoint(await read(b), 29.75, 122.5);
		ok(await admin.patch('/items/customers', { keys: [a, b], data: { latitude: null } }), 'clear');
		expectPoint(await read(a), null, 121);
		expectPoint(await read(b), null, 122.5);
		const [c, d] = ok(
			await admin.post('/items/customers', [
				{ ...base(), latitude: 22.5, longitude: 114 },
				{ ...base(), latitude: 23, longitude: null },
			]),
			'batch create',
		).map((r: Row) => r.id);
		made.push(c, d);
		expectPoint(await read(c), 22.5, 114);
		expectPoint(await read(d), 23, null);
	});

	it('follows GraphQL', async () => {
		const created = await rep1.graphql(
			`mutation { create_customers_item(data: { name: "${base().name}", code: "${code()}", tier: "C", category: "ordinary", region_scope: "local", owner: "${users.rep1}", latitude: 39.9, longitude: 116.4 }) { id geo_point } }`,
		);
		expect(created.body.errors, JSON.stringify(created.body)).toBeUndefined();
		const id = Number(created.body.data.create_customers_item.id);
		made.push(id);
		expect(created.body.data.create_customers_item.geo_point.coordinates.map(Number)).toEqual([116.4, 39.9]);
		const updated = await rep1.graphql(
			`mutation { update_customers_item(id: ${id}, data: { longitude: 116.25 }) { id } }`,
		);
		expect(updated.body.errors, JSON.stringify(updated.body)).toBeUndefined();
		expectPoint(await read(id), 39.9, 116.25);
		const cleared = await rep1.graphql(
			`mutation { update_customers_item(id: ${id}, data: { latitude: null, longitude: null }) { id } }`,
		);
		expect(cleared.body.errors, JSON.stringify(cleared.body)).toBeUndefined();
		expectPoint(await read(id), null, null);
	});

	it('follows an import: new rows and rows updated by id', async () => {
		const id = await create(admin, { ...base(), latitude: 30, longitude: 120 });
		const fresh = { ...base(), latitude: 28.2, longitude: 112.9 };
		imported(await importRows(admin, 'customers', [{ id, latitude: 30.125 }, fresh]));
		expectPoint(await read(id), 30.125, 120);
		const [row]: Row[] = await admin.data(
			`/items/customers?filter[code][_eq]=${fresh.code}&fields=id,latitude,longitude,geo_point`,
		);
		made.push(row!.id);
		expectPoint(row!, 28.2, 112.9);
		imported(await importRows(admin, 'customers', [{ id, latitude: null }]));
		expectPoint(await read(id), null, 120);
	});

	it('follows an integrator’s (ERP) writes', async () => {
		const erp = new Client(target.url, INTEGRATOR_TOKEN);
		const id = await create(erp, { ...base(users.rep2), latitude: 24.48, longitude: 118.09 });
		expectPoint(await read(id), 24.48, 118.09);
		ok(await erp.patch(`/items/customers/${id}`, { latitude: 24.5 }), 'erp update');
		expectPoint(await read(id), 24.5, 118.09);
	});

	it('is never written by hand: a rep is refused, an Administrator’s value is put back', async () => {
		const id = await create(rep1, { ...base(), latitude: 30.3, longitude: 120.2 });
		const wrong = { type: 'Point', coordinates: [0, 0] };
		const refused = await rep1.patch(`/items/customers/${id}`, { geo_point: wrong });
		expect(refused.status, JSON.stringify(refused.body)).toBe(403);
		ok(await admin.patch(`/items/customers/${id}`, { geo_point: wrong }), 'admin');
		expectPoint(await read(id), 30.3, 120.2);
		const created = await create(admin, { ...base(), geo_point: wrong });
		expectPoint(await read(created), null, null);
	});
});
