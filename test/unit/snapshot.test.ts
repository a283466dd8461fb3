import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../extensions/sales-visits/src/schema/snapshot.ts';
import { flowOwnedFields } from '../../extensions/sales-visits/src/domain/flow-fields.ts';
import { contractFields } from '../contract.ts';

const committed = JSON.parse(readFileSync(new URL('../../schema/snapshot.json', import.meta.url), 'utf8'));
const snapshot = buildSnapshot();
const field = (collection: string, name: string) =>
	snapshot.fields.find((f) => f.collection === collection && f.field === name)!;

describe('schema snapshot', () => {
	it('is what the extension’s schema/ builds (run `npm run schema:export` after changing it)', () => {
		expect(committed).toEqual(JSON.parse(JSON.stringify(snapshot)));
	});

	it('has every field of the contract', () => {
		for (const [collection, names] of Object.entries(contractFields)) {
			for (const name of names) expect(field(collection, name), `${collection}.${name}`).toBeDefined();
		}
	});

	it('gives every relation a field and every m2o a relation', () => {
		for (const relation of snapshot.relations) expect(field(relation.collection, relation.field)).toBeDefined();
		for (const f of snapshot.fields.filter((f) => (f.meta.special as string[] | null)?.includes('m2o'))) {
			expect(
				snapshot.relations.some((r) => r.collection === f.collection && r.field === f.field),
				`${f.collection}.${f.field}`,
			).toBe(true);
		}
	});

	it('never nulls a required reference on delete', () => {
		for (const relation of snapshot.relations) {
			const column = field(relation.collection, relation.field).schema!;
			if (column.is_nullable === false)
				expect(relation.schema.on_delete, `${relation.collection}.${relation.field}`).not.toBe('SET NULL');
		}
	});

	it('shows flow-owned fields read-only in the Studio', () => {
		for (const [collection, names] of Object.entries(flowOwnedFields)) {
			for (const name of names) expect(field(collection, name).meta.readonly, `${collection}.${name}`).toBe(true);
		}
	});

	it('limits coordinates and amounts', () => {
		const latitude = JSON.stringify(field('customers', 'latitude').meta.validation);
		expect(latitude).toContain('"_gte":-90');
		expect(latitude).toContain('"_lte":90');
		expect(JSON.stringify(field('expense_requests', 'amount').meta.validation)).toContain('_gte');
	});
});
