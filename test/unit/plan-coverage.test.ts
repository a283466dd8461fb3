/**
 * The plan form's coverage table (visit-plan-coverage) and the action panel's word after a
 * transition: the server's shortfalls worded in both languages with no key or JSON left, and
 * the server's outcome message in the panel's language.
 */
import { describe, expect, it } from 'vitest';
import type { Shortfall } from '../../extensions/sales-visits/src/domain/coverage.ts';
import { outcomeOf } from '../../extensions/sales-visits/src/shared/outcome.ts';
import {
	filledLine,
	coverageRows,
	parseShortfalls,
	planIdOf,
	sourceLine,
	summaryLine,
} from '../../extensions/sales-visits/src/visit-plan-coverage/logic.ts';

const shortfalls: Shortfall[] = [
	{
		customer: 12,
		name: '杭州精工机械有限公司',
		rule: { id: 4, name: 'A类客户每月上门拜访2次 / Tier A', min_visits: 2, period: 'month', channel: 'onsite' },
		period: { start: '2153-03-01', end: '2153-03-31' },
		required: 2,
		done: 1,
		scheduled: 0,
		planned: 0,
		short: 1,
	},
	{
		customer: 13,
		name: '宁波港务',
		rule: { id: 7, name: 'Tier A in other regions', min_visits: 1, period: 'quarter', channel: 'any' },
		period: { start: '2153-01-01', end: '2153-03-31' },
		required: 1,
		done: 0,
		scheduled: 0,
		planned: 0,
		short: 1,
	},
];

describe('the plan coverage table', () => {
	it('names the customer, the rule in the user’s words and the five numbers', () => {
		const [first, second] = coverageRows(shortfalls, 'zh-CN');
		expect(first).toEqual({
			customer: 12,
			name: '杭州精工机械有限公司',
			rule: '每月至少拜访 2 次（仅上门）',
			period: '2153-03-01 – 2153-03-31',
			numbers: [
				{ key: 'required', label: '应拜访', value: 2 },
				{ key: 'done', label: '已完成', value: 1 },
				{ key: 'scheduled', label: '已排期', value: 0 },
				{ key: 'planned', label: '本计划', value: 0 },
				{ key: 'short', label: '还差', value: 1 },
			],
		});
		expect(second!.rule).toBe('每季度至少拜访 1 次（任意方式）');
		// The rule's stored name (which may carry both languages) is not what is shown: no English word in zh-CN.
		for (const r of coverageRows(shortfalls, 'zh-CN'))
			expect([r.rule, ...r.numbers.map((n) => n.label)].join(' ')).not.toMatch(/[A-Za-z]/);
		const en = coverageRows(shortfalls, 'en-US');
		expect(en[0]!.rule).toBe('At least 2 visits a month (on site only)');
		expect(en[1]!.numbers.map((n) => n.label)).toEqual(['Required', 'Done', 'Scheduled', 'Planned', 'Short']);
	});

	it('says how many are short, that all are covered, or why there is nothing', () => {
		expect(summaryLine({ checked: true, shortfalls }, 'zh-CN')).toBe('2 位客户未满足拜访频次');
		expect(summaryLine({ checked: true, shortfalls }, 'en-US')).toBe('2 customers are left short of their visit quota');
		expect(summaryLine({ checked: true, shortfalls: shortfalls.slice(1) }, 'en-US')).toBe(
			'1 customer is left short of their visit quota',
		);
		expect(summaryLine({ checked: true, shortfalls: [] }, 'zh-CN')).toBe('所有客户均满足拜访频次');
		expect(summaryLine({ checked: false, shortfalls: null }, 'zh-CN')).toBe('只有月计划检查拜访覆盖');
		expect(summaryLine({ checked: true, shortfalls: null }, 'zh-CN')).toBe('提交后显示检查结果');
		expect(sourceLine({ live: true }, 'zh-CN')).toBe('按当前计划明细计算，提交时保存');
		// 按频次补齐's answer, in words.
		expect(filledLine({ id: 3, added: 7 }, 'zh-CN')).toBe('已添加 7 条计划明细');
		expect(filledLine({ id: 3, added: 0 }, 'en-US')).toBe('Added 0 plan items');
		expect(sourceLine({ live: false }, 'en-US')).toBe('As submitted');
		expect(sourceLine(null, 'zh-CN')).toBe('上次提交时的检查结果');
	});

	it('reads the stored value as a list or its JSON text, and nothing else', () => {
		expect(parseShortfalls(shortfalls)).toEqual(shortfalls);
		expect(parseShortfalls(JSON.stringify(shortfalls))).toEqual(shortfalls);
		expect(parseShortfalls(null)).toBeNull();
		expect(parseShortfalls('{')).toBeNull();
		expect(parseShortfalls({ a: 1 })).toBeNull();
		expect(planIdOf(3)).toBe('3');
		expect(planIdOf('17')).toBe('17');
		expect(planIdOf('+')).toBeNull();
		expect(planIdOf(undefined)).toBeNull();
	});
});

describe('the action panel’s word after a transition', () => {
	const body = {
		data: { id: 1 },
		meta: {
			outcome: {
				level: 'warning',
				message: '提交成功；11 位客户未满足拜访频次，详见“拜访覆盖检查”',
				messages: {
					'zh-CN': '提交成功；11 位客户未满足拜访频次，详见“拜访覆盖检查”',
					'en-US': 'Submitted; 11 customers are left short of their visit quota, see the coverage check',
				},
			},
		},
	};

	it('is the server’s outcome in the panel’s language, as a warning', () => {
		expect(outcomeOf(body, 'zh-CN')).toEqual({ type: 'warning', message: body.meta.outcome.messages['zh-CN'] });
		expect(outcomeOf(body, 'en-US')!.message).toMatch(/^Submitted; 11 customers/);
	});

	it('is nothing when the server said nothing more than the item', () => {
		expect(outcomeOf({ data: { id: 1 } }, 'zh-CN')).toBeNull();
		expect(outcomeOf(null, 'zh-CN')).toBeNull();
		expect(outcomeOf({ meta: { outcome: { message: 3 } } }, 'zh-CN')).toBeNull();
	});
});
