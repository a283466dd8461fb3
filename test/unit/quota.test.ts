import { describe, expect, it } from 'vitest';
import { applicableRule, periodOf, standing, type QuotaRule } from '../../extensions/sales-visits/src/domain/quota.ts';
import { quotaRules } from '../../seeds/demo/rules.ts';

const rules = quotaRules as unknown as QuotaRule[];
const rule = (name: string) => rules.find((r) => r.name.startsWith(name))!.name;
const pick = (c: Partial<{ tier: string; category: string; region_scope: string; owner_position: string }>) =>
	applicableRule(rules, { tier: null, category: null, region_scope: null, owner_position: 'rep', ...c })?.name ?? null;

describe('quota rule matching', () => {
	it('takes the region rules of the policy when nothing more specific applies', () => {
		expect(pick({ tier: 'C', category: 'ordinary', region_scope: 'local' })).toBe(rule('本市客户'));
		expect(pick({ tier: 'C', category: 'ordinary', region_scope: 'province' })).toBe(rule('本省客户'));
		expect(pick({ tier: 'C', category: 'ordinary', region_scope: 'other' })).toBe(rule('其它地区客户'));
	});

	it('prefers the rule naming more conditions, then the higher priority', () => {
		// Tier A and region "other" both match: the rule naming both wins.
		expect(pick({ tier: 'A', region_scope: 'other' })).toBe(rule('外地A类客户'));
		// Tier A (priority 40) against local (10), both one condition: priority decides.
		expect(pick({ tier: 'A', region_scope: 'local' })).toBe(rule('A类客户每月'));
		expect(pick({ tier: 'B', category: 'key', region_scope: 'province' })).toBe(rule('B类客户'));
		expect(pick({ tier: 'C', category: 'key', region_scope: 'province' })).toBe(rule('重点客户'));
		// The position counts as a condition: a manager's key customer.
		expect(pick({ tier: 'C', category: 'key', region_scope: 'local', owner_position: 'manager' })).toBe(
			rule('销售经理重点客户'),
		);
	});

	it('ignores inactive rules and has no rule where none matches', () => {
		expect(pick({ tier: 'C', category: 'potential', region_scope: null as unknown as string })).toBeNull();
		const base = {
			id: 1,
			name: 'x',
			tier: null,
			category: null,
			region_scope: null,
			position: null,
			min_visits: 1,
			period: 'month' as const,
			channel: 'any' as const,
			priority: 1,
			active: true,
		};
		const tie = [
			{ ...base, id: 2 },
			{ ...base, id: 1 },
		];
		expect(applicableRule(tie, { tier: 'A', category: null, region_scope: null, owner_position: null })!.id).toBe(1);
	});
});

describe('quota periods', () => {
	it('are calendar-aligned', () => {
		expect(periodOf('month', '2026-02-14')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
		expect(periodOf('month', '2028-02-29')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
		expect(periodOf('quarter', '2026-11-26')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
		expect(periodOf('quarter', '2026-01-01')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
		expect(periodOf('half_year', '2026-06-30')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
		expect(periodOf('half_year', '2026-07-01')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
		expect(periodOf('year', '2027-05-05')).toEqual({ start: '2027-01-01', end: '2027-12-31' });
	});
});

describe('a customer’s standing', () => {
	const period = { end: '2026-11-30' };
	it('is met, missed, on track or at risk', () => {
		expect(standing(2, 2, period, '2026-11-10', 10, 2, 5).status).toBe('met');
		expect(standing(2, 3, period, '2026-12-01', 0, 2, 5)).toEqual({
			required: 2,
			done: 3,
			remaining: 0,
			status: 'met',
		});
		expect(standing(2, 1, period, '2026-12-01', 0, 2, 5)).toEqual({
			required: 2,
			done: 1,
			remaining: 1,
			status: 'missed',
		});
		expect(standing(2, 1, period, '2026-11-20', 6, 2, 5).status).toBe('on_track');
		// More visits owed than working days left.
		expect(standing(3, 0, period, '2026-11-27', 2, 5, 3).status).toBe('at_risk');
		// The owner's whole backlog does not fit at their pace.
		expect(standing(1, 0, period, '2026-11-20', 6, 0.5, 10).status).toBe('at_risk');
	});
});
