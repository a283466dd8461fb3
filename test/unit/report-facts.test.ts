/**
 * The report form's figures table (visit-report-facts): the figures named in both languages,
 * counts and amounts in the user's locale, and the line saying where they come from.
 */
import { describe, expect, it } from 'vitest';
import {
	factRows,
	formatFact,
	parseFacts,
	reportIdOf,
	sourceLine,
} from '../../extensions/sales-visits/src/visit-report-facts/logic.ts';

const facts = {
	visits: 1234,
	new_customers: 1,
	orders: 2,
	order_amount: '1234567.5',
	collections: '0.00',
	opportunities_moved: 0,
};

describe('the report figures table', () => {
	it('reads the figures as an object or as JSON text, and nothing else', () => {
		expect(parseFacts(facts)).toEqual(facts);
		expect(parseFacts(JSON.stringify(facts))).toEqual(facts);
		for (const bad of [null, undefined, '', 'nope', '[1]', [1], 3]) expect(parseFacts(bad)).toBeNull();
	});

	it('formats counts and amounts in the user’s locale', () => {
		expect(formatFact(1234, false, 'en-US')).toBe('1,234');
		expect(formatFact('1234567.5', true, 'en-US')).toBe('CN¥1,234,567.50');
		expect(formatFact('1234567.5', true, 'zh-CN')).toBe('¥1,234,567.50');
		expect(formatFact('0.00', true, 'zh-CN')).toBe('¥0.00');
		for (const missing of [null, undefined, '', 'x']) expect(formatFact(missing, true, 'zh-CN')).toBe('—');
	});

	it('names each figure in the user’s language, in a fixed order', () => {
		const zh = factRows(facts, 'zh-CN');
		expect(zh.map((r) => [r.key, r.label, r.value])).toEqual([
			['visits', '完成拜访', '1,234'],
			['new_customers', '新增客户', '1'],
			['orders', '签约订单', '2'],
			['order_amount', '订单金额', '¥1,234,567.50'],
			['collections', '回款金额', '¥0.00'],
			['opportunities_moved', '商机推进', '0'],
		]);
		expect(factRows(JSON.stringify(facts), 'en-US').map((r) => r.label)).toEqual([
			'Completed visits',
			'New customers',
			'Orders signed',
			'Order amount',
			'Collections',
			'Opportunities moved',
		]);
		// A figure the stored JSON lacks shows as missing, not as 0.
		expect(factRows({ visits: 3 }, 'en-US').find((r) => r.key === 'orders')?.value).toBe('—');
		expect(factRows(null, 'en-US')).toEqual([]);
	});

	it('says whether the figures are live or as submitted', () => {
		const at = new Date('2121-03-04T05:06:00Z');
		expect(sourceLine('live', 'en-US', at)).toMatch(/^Live figures as of \d\d:\d\d/);
		expect(sourceLine('live', 'zh-CN', at)).toMatch(/^实时数据（截至 \d\d:\d\d）/);
		expect(sourceLine('submitted', 'zh-CN')).toBe('提交时的数据');
		expect(sourceLine('submitted', 'en-US')).toBe('As submitted');
		expect(sourceLine('unsaved', 'en-US')).toMatch(/once the report is saved/);
	});

	it('asks the route only for a saved report', () => {
		expect(reportIdOf(12)).toBe('12');
		expect(reportIdOf('12')).toBe('12');
		for (const none of ['+', '', null, undefined, 1.5, '1e3']) expect(reportIdOf(none)).toBeNull();
	});
});
