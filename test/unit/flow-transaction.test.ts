import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { inFlowTransaction } from '../../extensions/sales-visits/src/flow/writer.ts';

/** A knex whose transactions fail with `codes` in turn, then run the work. */
function knexFailing(...codes: string[]) {
	let calls = 0;
	const knex = {
		transaction: async <T>(work: (trx: Knex.Transaction) => Promise<T>) => {
			const code = codes[calls++];
			if (code) throw Object.assign(new Error(`failed with ${code}`), { code });
			return work({} as Knex.Transaction);
		},
	} as unknown as Knex;
	return { knex, calls: () => calls };
}

describe('a flow transaction', () => {
	it('runs again when Postgres broke a deadlock or a serialization conflict by rolling it back', async () => {
		const db = knexFailing('40P01', '40001');
		expect(await inFlowTransaction(db.knex, async () => 'done')).toBe('done');
		expect(db.calls()).toBe(3);
	});

	it('gives up after three attempts, and never runs again on any other error', async () => {
		const stuck = knexFailing('40P01', '40P01', '40P01', '40P01');
		await expect(inFlowTransaction(stuck.knex, async () => 'done')).rejects.toMatchObject({ code: '40P01' });
		expect(stuck.calls()).toBe(3);
		const refused = knexFailing('23505');
		await expect(inFlowTransaction(refused.knex, async () => 'done')).rejects.toMatchObject({ code: '23505' });
		expect(refused.calls()).toBe(1);
	});
});
