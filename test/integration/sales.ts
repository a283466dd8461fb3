/**
 * What the sales-cycle tests share (quotes, contracts, receivables, the walk through the whole
 * cycle): a successful answer's data, the approval log of an item, a customer of the test's own,
 * and the refusals of a write by GraphQL and by import.
 */
import { expect } from 'vitest';
import type { Client, Response } from './client.ts';

/** `data` of a 200 answer, failing with the answer otherwise. */
export const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** An item's approval_log rows, oldest first, as `from→to`. */
export const transitions = async (admin: Client, collection: string, id: number): Promise<string[]> =>
	(await logRows(admin, collection, id)).map((l) => `${l.from_status}→${l.to_status}`);

/** An item's approval_log rows, oldest first. */
export const logRows = (admin: Client, collection: string, id: number): Promise<Record<string, any>[]> =>
	admin.data(`/items/approval_log?filter[collection][_eq]=${collection}&filter[item][_eq]=${id}&sort=id&limit=-1`);

/** A customer of `owner`'s with its own credit terms, so that no other test's orders count against it. */
export const newCustomer = async (
	admin: Client,
	owner: string,
	creditLimit: number,
	creditDays: number | null = null,
): Promise<number> =>
	ok(
		await admin.post('/items/customers', {
			name: `销售测试客户${Date.now()}${Math.random()}`.slice(0, 60),
			code: `XS${Date.now() % 1_000_000}${Math.floor(Math.random() * 10_000)}`,
			tier: 'B',
			category: 'ordinary',
			region_scope: 'local',
			owner,
			credit_limit: creditLimit,
			credit_days: creditDays,
		}),
		'customer',
	).id as number;

/** Imports `rows` into `collection` as a JSON file (an import upserts by id). */
export const importRows = (client: Client, collection: string, rows: readonly object[]): Promise<Response> =>
	client.upload(
		`/utils/import/${collection}`,
		new Blob([JSON.stringify(rows)], { type: 'application/json' }),
		`${collection}.json`,
	);

/** A GraphQL answer that refused with this reason (the flow's refusal, not a schema or permission error). */
export function graphqlRefusedWith(res: Response, reason: string) {
	expect(res.body.errors?.[0]?.extensions?.reason, JSON.stringify(res.body)).toBe(reason);
	expect(res.body.errors[0].message.length).toBeGreaterThan(5);
}
