/**
 * The role × collection × action matrix as the server reports it to each logged-in
 * user (GET /permissions/me), against the contract's role table: F = all rows,
 * P = row-filtered (own / team), - = none; the letters are create, read, update, delete.
 */
import { describe, expect, it } from 'vitest';
import { flowOwnedFields } from '../../extensions/sales-visits/src/domain/flow-fields.ts';
import { Client, targets } from './client.ts';

const REFERENCE = { visit_quota_rules: '-F--', work_calendar: '-F--', visit_settings: '-F--' };

const fieldWork = {
	contacts: 'FPPP',
	visit_plans: 'FPPP',
	visit_plan_items: 'FPPP',
	visits: 'FPP-',
	visit_reports: 'FPP-',
	follow_ups: 'FPP-',
	daily_reports: 'FPP-',
	revisits: '-P--',
	complaints: '-P--',
	sales_orders: 'FPP-',
	expense_requests: 'FPPP',
	sales_targets: '-P--',
	approval_log: '-P--',
	lead_grade_changes: '-P--',
};

const expected: Record<string, Record<string, string>> = {
	'rep1@example.com': { ...REFERENCE, ...fieldWork, customers: 'FPP-' },
	'manager1@example.com': { ...REFERENCE, ...fieldWork, customers: 'FPP-' },
	'gm@example.com': {
		...REFERENCE,
		customers: 'FFF-',
		contacts: 'FFFF',
		visit_plans: 'FFPP',
		visit_plan_items: 'FFPP',
		visits: 'FFP-',
		visit_reports: 'FFP-',
		follow_ups: 'FFF-',
		daily_reports: 'FFP-',
		revisits: '-F--',
		complaints: '-F--',
		sales_orders: 'FFF-',
		expense_requests: 'FFPP',
		sales_targets: 'FFFF',
		approval_log: '-F--',
		lead_grade_changes: '-F--',
	},
	'assistant@example.com': {
		...REFERENCE,
		customers: '-F--',
		contacts: '-F--',
		visit_plans: '-F--',
		visit_plan_items: '-F--',
		visits: '-F--',
		approval_log: '-P--',
		lead_grade_changes: '-F--',
	},
	'service@example.com': {
		...REFERENCE,
		customers: '-F--',
		contacts: '-F--',
		sales_orders: '-F--',
		revisits: 'FFF-',
		complaints: 'FFF-',
		approval_log: '-P--',
		lead_grade_changes: '-F--',
	},
};

const DOMAIN = [...Object.keys(REFERENCE), 'customers', ...Object.keys(fieldWork)];
const ACTIONS = ['create', 'read', 'update', 'delete'] as const;
const letter = { full: 'F', partial: 'P', none: '-' } as const;

type Access = Record<string, Record<string, { access: keyof typeof letter; fields?: string[] }>>;

describe.each(targets)('permissions on $name', (target) => {
	it.each(Object.keys(expected))('%s has exactly the contract’s access', async (email) => {
		const me = await (await Client.login(target.url, email)).data<Access>('/permissions/me');
		const actual = Object.fromEntries(
			DOMAIN.map((collection) => [
				collection,
				ACTIONS.map((a) => letter[me[collection]?.[a]?.access ?? 'none']).join(''),
			]),
		);
		const wanted = Object.fromEntries(DOMAIN.map((collection) => [collection, expected[email]![collection] ?? '----']));
		expect(actual).toEqual(wanted);
	});

	it.each(Object.keys(expected))('%s may not write any flow-owned field', async (email) => {
		const me = await (await Client.login(target.url, email)).data<Access>('/permissions/me');
		for (const [collection, owned] of Object.entries(flowOwnedFields)) {
			for (const action of ['create', 'update'] as const) {
				const fields = me[collection]?.[action]?.fields ?? [];
				expect(fields, `${collection}.${action}`).not.toContain('*');
				expect(
					fields.filter((f) => (owned as readonly string[]).includes(f)),
					`${collection}.${action}`,
				).toEqual([]);
			}
		}
	});
});
