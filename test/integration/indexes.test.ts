/**
 * The indexes of setup/indexes.ts exist on every database after setup, no table has the same
 * index twice (visit_reports.visit had its unique index and a plain one), and on SQLite a
 * schema change that rebuilds a table keeps them (Knex copies the indexes to the new table).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { INDEXES } from '../../extensions/sales-visits/src/setup/indexes.ts';
import { Client, targets } from './client.ts';
import { closeDatabases, indexesOf } from './db.ts';

const ours = (table: string) => INDEXES.filter((i) => i.table === table).map((i) => i.name);

describe.each(targets)('indexes on $name', (target) => {
	afterAll(closeDatabases);

	it('has every index of the setup, partial ones with their WHERE', async () => {
		const present = await indexesOf(target);
		for (const index of INDEXES) {
			const found = present.find((p) => p.name === index.name);
			expect(found, index.name).toMatchObject({ table: index.table, columns: index.columns.join(',') });
			expect(found!.where !== null, `${index.name} is partial`).toBe(index.where !== undefined);
		}
	});

	it('has no index twice', async () => {
		const present = await indexesOf(target);
		const seen = new Map<string, string>();
		const twice: string[] = [];
		for (const p of present) {
			const key = `${p.table}(${p.columns}) ${p.where ?? ''}`;
			if (seen.has(key)) twice.push(`${seen.get(key)} = ${p.name}`);
			seen.set(key, p.name);
		}
		expect(twice).toEqual([]);
		expect(present.filter((p) => p.table === 'visit_reports' && p.columns === 'visit').map((p) => p.unique)).toEqual([
			true,
		]);
	});

	it('keeps them through a schema change that rebuilds the table', async () => {
		const admin = await Client.admin(target);
		expect((await admin.post('/fields/follow_ups', { field: 'test_rebuild', type: 'string' })).status).toBe(200);
		expect((await admin.delete('/fields/follow_ups/test_rebuild')).status).toBe(204);
		const names = (await indexesOf(target)).filter((p) => p.table === 'follow_ups').map((p) => p.name);
		expect(names).toEqual(expect.arrayContaining(ours('follow_ups')));
	});
});
