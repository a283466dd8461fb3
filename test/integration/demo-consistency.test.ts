/**
 * The demo company as `directus visits:demo` loaded it tells one possible story: every state machine
 * walked over the rows read back from the server (test/demo-consistency.ts; the unit test runs the
 * same check on the seeds at many anchors). Only the rows the loader wrote are read: those created
 * with the demo's last dated collection at the latest and not changed since, so that the other files'
 * rows and edits on the shared server do not count. Writes nothing (no years of its own).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoProblems, machines, type Row, type Rows } from '../demo-consistency.ts';
import { Client, targets } from './client.ts';

const collections = [
	...new Set([
		...Object.values(machines).map((m) => m.collection),
		'visit_plan_items',
		'visit_reports',
		'payments',
		'approval_log',
	]),
];

describe.each(targets)('the demo company on $name', (target) => {
	let rows: Rows;

	beforeAll(async () => {
		const admin = await Client.admin(target);
		const read = (c: string) => admin.data<Row[]>(`/items/${c}?limit=-1&fields=*&sort=id`);
		// The loader writes the appraisals last of the collections that stamp their creation.
		const [first] = await admin.data<Row[]>('/items/appraisals?limit=1&sort=date_created&fields=date_created');
		const loaded = Date.parse(first!.date_created) + 2000;
		const early = (stamp: string | null) => stamp === null || Date.parse(stamp) <= loaded;
		rows = Object.fromEntries(
			await Promise.all(
				collections.map(async (c) => {
					const all = await read(c);
					const demo =
						c === 'approval_log'
							? all.filter((l) => early(l.at))
							: all.filter((r) => early(r.date_created) && early(r.date_updated ?? null));
					return [c, demo] as const;
				}),
			),
		);
	});

	it('has rows in every state machine', () => {
		for (const m of Object.values(machines)) expect(rows[m.collection]!.length, m.collection).toBeGreaterThan(0);
	});

	it('has every row in a state its flow reaches, agreeing with its log, stamps and related rows', () => {
		expect(demoProblems(rows, new Date().toISOString())).toEqual([]);
	});
});
