import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../extensions/sales-visits/src/schema/snapshot.ts';
import { INDEXES } from '../../extensions/sales-visits/src/setup/indexes.ts';

const snapshot = buildSnapshot();
const hasColumn = (table: string, column: string) =>
	snapshot.fields.some((f) => f.collection === table && f.field === column && f.schema) ||
	(table === 'directus_notifications' && ['collection', 'item'].includes(column));

describe('the indexes setup adds', () => {
	it('name columns that exist, each index once, within the 63 characters Postgres keeps', () => {
		for (const index of INDEXES) {
			expect(index.name.length, index.name).toBeLessThanOrEqual(63);
			for (const column of index.columns) expect(hasColumn(index.table, column), `${index.table}.${column}`).toBe(true);
		}
		expect(new Set(INDEXES.map((i) => i.name)).size).toBe(INDEXES.length);
		expect(new Set(INDEXES.map((i) => `${i.table}(${i.columns}) ${i.where ?? ''}`)).size).toBe(INDEXES.length);
	});

	it('bound every sweep rule by a partial index over its open rows', () => {
		const partial = INDEXES.filter((i) => i.where).map((i) => `${i.table}(${i.columns}) ${i.where}`);
		expect(partial).toEqual(
			expect.arrayContaining([
				"visits(report_due_at) report_status = 'pending'",
				"visits(scheduled_start) status = 'scheduled'",
				"follow_ups(due_date) status = 'open' AND overdue = FALSE",
				"revisits(due_date) status = 'scheduled'",
				"complaints(response_due_at) status = 'open' AND response_late = FALSE",
			]),
		);
	});

	it('leave no column with a unique index and a plain one beside it', () => {
		const both = snapshot.fields.filter((f) => f.schema?.is_unique && f.schema.is_indexed);
		expect(both.map((f) => `${f.collection}.${f.field}`)).toEqual([]);
	});

	it('replace the single-column index that a composite starts with', () => {
		for (const index of INDEXES.filter((i) => i.columns.length > 1 && !i.table.startsWith('directus_'))) {
			const first = snapshot.fields.find((f) => f.collection === index.table && f.field === index.columns[0])!;
			expect(first.schema?.is_indexed, `${index.table}.${index.columns[0]}`).toBe(false);
		}
	});
});
