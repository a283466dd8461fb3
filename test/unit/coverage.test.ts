import { describe, expect, it } from 'vitest';
import {
	coverageShortfalls,
	endsInMonth,
	shortfallNote,
	submittedShort,
	type CoverageFacts,
} from '../../extensions/sales-visits/src/domain/coverage.ts';
import { awaitingText } from '../../extensions/sales-visits/src/domain/notices.ts';
import type { QuotaRule } from '../../extensions/sales-visits/src/domain/quota.ts';
import { quotaRules } from '../../seeds/demo/rules.ts';

const rules = quotaRules as unknown as QuotaRule[];
const customer = (id: number, c: Partial<CoverageFacts>): CoverageFacts => ({
	id,
	name: `c${id}`,
	tier: 'C',
	category: 'ordinary',
	region_scope: 'local',
	owner_position: 'rep',
	counts: {},
	planned: 0,
	...c,
});
const shortOf = (month: string, ...customers: CoverageFacts[]) =>
	Object.fromEntries(coverageShortfalls(month, rules, customers).map((s) => [s.customer, s.short]));

describe('plan coverage shortfalls', () => {
	it('knows which periods end in the plan month', () => {
		expect(['month', 'quarter', 'half_year', 'year'].filter((p) => endsInMonth(p as any, '2031-03-01'))).toEqual([
			'month',
			'quarter',
		]);
		expect(['month', 'quarter', 'half_year', 'year'].filter((p) => endsInMonth(p as any, '2031-12-01'))).toEqual([
			'month',
			'quarter',
			'half_year',
			'year',
		]);
		expect(['month', 'quarter', 'half_year', 'year'].filter((p) => endsInMonth(p as any, '2031-02-01'))).toEqual([
			'month',
		]);
	});

	it('counts done, scheduled and planned visits against the required number', () => {
		// Tier A local: twice a month on site.
		const a = customer(1, { tier: 'A', counts: { month_onsite: { done: 0, scheduled: 0 } }, planned: 1 });
		const [line] = coverageShortfalls('2031-02-01', rules, [a]);
		expect(line).toEqual({
			customer: 1,
			name: 'c1',
			rule: expect.objectContaining({
				name: expect.stringContaining('A类客户每月'),
				min_visits: 2,
				period: 'month',
				channel: 'onsite',
			}),
			period: { start: '2031-02-01', end: '2031-02-28' },
			required: 2,
			done: 0,
			scheduled: 0,
			planned: 1,
			short: 1,
		});
		expect(
			shortOf(
				'2031-02-01',
				customer(1, { tier: 'A', counts: { month_onsite: { done: 1, scheduled: 0 } }, planned: 1 }),
			),
		).toEqual({});
		expect(
			shortOf(
				'2031-02-01',
				customer(1, { tier: 'A', counts: { month_onsite: { done: 0, scheduled: 1 } }, planned: 1 }),
			),
		).toEqual({});
		expect(shortOf('2031-02-01', customer(1, { tier: 'A' }))).toEqual({ 1: 2 });
	});

	it('counts visits by the rule’s channel: a call does not cover an on-site rule', () => {
		const calls = { month_any: { done: 1, scheduled: 0 }, month_onsite: { done: 0, scheduled: 0 } };
		// Local C: monthly on site; tier B: monthly any channel.
		expect(shortOf('2031-02-01', customer(1, { counts: calls }), customer(2, { tier: 'B', counts: calls }))).toEqual({
			1: 1,
		});
	});

	it('leaves periods that end after the plan month to later plans', () => {
		// Tier A in another region: quarterly on site; half-yearly for D there.
		const otherA = customer(1, { tier: 'A', region_scope: 'other' });
		const otherD = customer(2, { tier: 'D', region_scope: 'other' });
		expect(shortOf('2031-02-01', otherA, otherD)).toEqual({});
		expect(shortOf('2031-03-01', otherA, otherD)).toEqual({ 1: 1 });
		expect(shortOf('2031-06-01', otherA, otherD)).toEqual({ 1: 1, 2: 1 });
		expect(
			shortOf(
				'2031-06-01',
				customer(1, { tier: 'A', region_scope: 'other', counts: { quarter_onsite: { done: 1, scheduled: 0 } } }),
			),
		).toEqual({});
	});

	it('are named in the approver’s notice', () => {
		const owner = { id: 'u', name: '王明', position: 'rep', reports_to: 'm' };
		expect(awaitingText('plan', 7, owner, 'zh-CN', 3).message).toBe('本计划有 3 个客户未满足拜访频次要求');
		expect(awaitingText('plan', 7, owner, 'en-US', 3).message).toBe(
			'The plan leaves 3 customers short of their visit quota',
		);
		expect(awaitingText('plan', 7, owner, 'en-US').message).toBeNull();
	});

	it('tell the owner at submit, in both languages, and only when some customer is short', () => {
		expect(submittedShort(11)).toEqual({
			'zh-CN': '提交成功；11 位客户未满足拜访频次，详见“拜访覆盖检查”',
			'en-US': 'Submitted; 11 customers are left short of their visit quota, see the coverage check',
		});
		expect(submittedShort(1)!['en-US']).toMatch(/^Submitted; 1 customer is left short/);
		expect(submittedShort(0)).toBeNull();
	});

	it('are a note beside a submitted plan’s state, not beside a draft’s', () => {
		expect(shortfallNote('submitted', 11, 'zh-CN')).toEqual({
			key: 'plan.coverage',
			label: '未满足频次的客户',
			value: '11',
		});
		expect(shortfallNote('approved', 2, 'en-US')).toEqual({
			key: 'plan.coverage',
			label: 'Customers left short',
			value: '2',
		});
		// A draft's count is its last submission's: the table shows the check as it stands now.
		expect(shortfallNote('draft', 11, 'zh-CN')).toBeNull();
		expect(shortfallNote('submitted', 0, 'zh-CN')).toBeNull();
	});

	it('skips customers without an applicable rule', () => {
		expect(coverageShortfalls('2031-02-01', [], [customer(1, {})])).toEqual([]);
	});
});
