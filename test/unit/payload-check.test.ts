import { describe, expect, it } from 'vitest';
import { payloadProblem } from '../../extensions/sales-visits/src/flow/payload-check.ts';
import { demoData } from '../../seeds/demo.ts';
import { collections } from '../../extensions/sales-visits/src/schema/collections.ts';

const reason = (collection: string, payload: unknown, keys?: unknown[]) =>
	payloadProblem(collection, payload, keys)?.field['en-US'] ?? null;

describe('the items payload check', () => {
	it('passes the demo company, every row of every business collection', () => {
		const data = demoData(new Date('2026-11-26T02:00:00Z')) as unknown as Record<string, Record<string, unknown>[]>;
		let rows = 0;
		for (const { collection } of collections) {
			for (const row of data[collection] ?? []) {
				expect(payloadProblem(collection, row), `${collection} ${JSON.stringify(row).slice(0, 200)}`).toBeNull();
				rows++;
			}
		}
		expect(rows).toBeGreaterThan(500);
	});

	it('passes what clients send: ids as numbers or digits, nested objects, ISO dates and moments, times, nulls', () => {
		expect(
			payloadProblem('visits', {
				customer: '12',
				plan_item: null,
				scheduled_start: '2026-12-01T09:00:00+08:00',
				purpose: 'relationship',
			}),
		).toBeNull();
		expect(payloadProblem('contacts', { customer: { name: '新客户' }, birthday: '1980-05-04' })).toBeNull();
		expect(payloadProblem('sales_orders', { amount: '999999999999.99', paid_amount: 0 })).toBeNull();
		expect(
			payloadProblem('customers', {
				latitude: 30.2741,
				longitude: -120.15,
				owner: '5e1d0000-0000-4000-8000-000000000004',
			}),
		).toBeNull();
		expect(payloadProblem('visit_settings', { daily_report_due_time: '18:30' }, [1])).toBeNull();
		expect(payloadProblem('directus_users', { anything: '\u0000' })).toBeNull();
	});

	it('refuses what the database would choke on, naming the field', () => {
		expect(reason('sales_orders', { amount: 1e20 })).toMatch(/^Amount/);
		expect(reason('expense_requests', { amount: 1e308 })).toMatch(/^Amount/);
		expect(reason('visits', { customer: 'abc' })).toBe('Customer');
		expect(reason('visits', { customer: 2147483648 })).toBe('Customer');
		expect(reason('visits', { owner: 'not-a-uuid' })).toBe('Owner');
		expect(reason('visits', { scheduled_start: 'tomorrow' })).not.toBeNull();
		expect(reason('follow_ups', { due_date: '2026-02-30' })).not.toBeNull();
		expect(reason('follow_ups', { description: 'a\u0000b' })).not.toBeNull();
		expect(reason('customers', { code: 'x'.repeat(256) })).not.toBeNull();
		expect(reason('customers', { latitude: 1000 })).not.toBeNull();
		expect(reason('visit_settings', { daily_report_due_time: '25:00' })).not.toBeNull();
		expect(reason('visit_settings', { geofence_radius_m: 2 ** 31 })).not.toBeNull();
		expect(reason('customers', { name: '客户' }, ['1e3'])).toBe('id');
	});
});
