import { describe, expect, it } from 'vitest';
import { own, team } from '../../extensions/sales-visits/src/access/filters.ts';
import { roles } from '../../extensions/sales-visits/src/access/policies.ts';
import {
	isKey,
	relatedKey,
	relationsOf,
	roleScopes,
	scopeOf,
	withinScope,
	writableRelations,
} from '../../extensions/sales-visits/src/domain/ownership.ts';

describe('writableRelations', () => {
	it('lists every many-to-one a person writes, and no flow-owned or read-only one', () => {
		expect(writableRelations.map((r) => `${r.collection}.${r.field}→${r.related}`).sort()).toEqual(
			[
				'customers.owner→directus_users',
				'contacts.customer→customers',
				'visit_plans.owner→directus_users',
				'visit_plan_items.plan→visit_plans',
				'visit_plan_items.customer→customers',
				'visits.owner→directus_users',
				'visits.customer→customers',
				'visit_reports.visit→visits',
				'follow_ups.visit→visits',
				'opportunities.customer→customers',
				'opportunities.owner→directus_users',
				'quote_lines.product→products',
				'quote_lines.quote→quotes',
				'quotes.customer→customers',
				'quotes.opportunity→opportunities',
				'quotes.owner→directus_users',
				'contracts.customer→customers',
				'contracts.opportunity→opportunities',
				'contracts.owner→directus_users',
				'contracts.quote→quotes',
				'deliveries.order→sales_orders',
				'payment_schedules.contract→contracts',
				'follow_ups.customer→customers',
				'follow_ups.owner→directus_users',
				'daily_reports.owner→directus_users',
				'periodic_reports.owner→directus_users',
				'revisits.contact→contacts',
				'revisits.customer→customers',
				'revisits.owner→directus_users',
				'revisits.source_order→sales_orders',
				'revisits.source_complaint→complaints',
				'complaints.customer→customers',
				'complaints.owner→directus_users',
				'complaints.product→products',
				'sales_orders.customer→customers',
				'sales_orders.owner→directus_users',
				'expense_requests.requester→directus_users',
				'expense_requests.visit→visits',
				'expense_requests.plan_item→visit_plan_items',
				'sales_targets.owner→directus_users',
				'sales_targets.team→directus_users',
				'appraisal_items.scheme→appraisal_schemes',
				'expense_requests.reception→receptions',
				'reception_escorts.reception→receptions',
				'reception_escorts.user→directus_users',
				'receptions.customer→customers',
				'receptions.host→directus_users',
			].sort(),
		);
	});

	it('hands rows to people only through owner, requester, a target’s team and a reception’s host', () => {
		expect(new Set(writableRelations.filter((r) => r.kind === 'user').map((r) => r.field))).toEqual(
			new Set(['owner', 'requester', 'team', 'host']),
		);
		expect(relationsOf('visits').map((r) => r.field)).toEqual(['owner', 'customer']);
		expect(relationsOf('visit_settings')).toEqual([]);
	});
});

describe('scopes', () => {
	const me = 'me';
	it('a rep: themself; a manager: themself and their reports; a General Manager: anyone', () => {
		const self = { id: me, reports_to: 'boss' };
		const report = { id: 'r', reports_to: me };
		const stranger = { id: 's', reports_to: 'other' };
		expect([self, report, stranger].map((p) => withinScope(roleScopes.sales_rep, me, p))).toEqual([true, false, false]);
		expect([self, report, stranger].map((p) => withinScope(roleScopes.sales_manager, me, p))).toEqual([
			true,
			true,
			false,
		]);
		expect([self, report, stranger].map((p) => withinScope(roleScopes.general_manager, me, p))).toEqual([
			true,
			true,
			true,
		]);
		expect(withinScope(roleScopes.customer_service, me, stranger)).toBe(true);
		expect(scopeOf(null)).toBe('own');
	});

	it('are the scopes the roles’ permissions are written from', () => {
		const customersRead = (key: string) =>
			roles.find((r) => r.key === key)!.permissions.find((p) => p.collection === 'customers' && p.action === 'read')!
				.permissions;
		expect(customersRead('sales_rep')).toEqual(own('owner'));
		expect(customersRead('sales_manager')).toEqual(team('owner'));
		expect(customersRead('general_manager')).toBeNull();
	});
});

describe('relatedKey and isKey', () => {
	it('reads the key a value names, or none for a new or cleared row', () => {
		expect([5, '5', { id: 7, name: 'x' }, { name: 'new' }, null, undefined].map(relatedKey)).toEqual([
			5,
			'5',
			7,
			null,
			null,
			null,
		]);
		// Arrays and other shapes name no row anyone may use.
		expect(isKey('row', relatedKey([5])!)).toBe(false);
		expect(isKey('row', relatedKey(true)!)).toBe(false);
	});

	it('takes only keys written the way the database stores them', () => {
		expect([5, '5', 2_147_483_647].map((k) => isKey('row', k))).toEqual([true, true, true]);
		expect([0, -1, 1.5, '5.0', ' 5', '0x1F', '1e3', '05', 2_147_483_648, 'abc'].map((k) => isKey('row', k))).toEqual(
			Array(10).fill(false),
		);
		expect(isKey('user', '6f1c2a10-0000-4000-8000-000000000001')).toBe(true);
		expect(['not-a-uuid', 5].map((k) => isKey('user', k))).toEqual([false, false]);
	});
});
