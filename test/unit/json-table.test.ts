/** A JSON field as a table (visit-json-table/logic.ts): lists and maps, labels, both languages. */
import { describe, expect, it } from 'vitest';
import { cell, tableRows } from '../../extensions/sales-visits/src/visit-json-table/logic.ts';

const tiers = {
	columns: [
		{ key: 'from', label: ['起点（元）', 'From (CNY)'] as [string, string], format: 'amount' as const },
		{ key: 'rate', label: ['提成比例', 'Rate'] as [string, string], format: 'percent' as const },
	],
};

describe('a JSON field as a table', () => {
	it('gives a list one row per object, numbers formatted, in the reader’s language', () => {
		expect(
			tableRows(
				[
					{ from: 0, rate: 1 },
					{ from: 100000, rate: 2 },
				],
				tiers,
				'zh-CN',
			),
		).toEqual([
			['0.00', '1%'],
			['100,000.00', '2%'],
		]);
		expect(tableRows('[{"from":"46500.00","rate":1}]', tiers, 'en-US')).toEqual([['46,500.00', '1%']]);
	});

	it('gives a map one row per key, the key shown by its choice label', () => {
		const stages = {
			map: true,
			columns: [
				{ key: 'key', label: ['阶段', 'Stage'] as [string, string], choices: 'opportunityStages' },
				{ key: 'value', label: ['赢单概率', 'Win probability'] as [string, string], format: 'percent' as const },
			],
		};
		const rows = tableRows({ lead: 10, won: 100 }, stages, 'zh-CN')!;
		expect(rows.map((r) => r[1])).toEqual(['10%', '100%']);
		expect(rows[0]![0]).not.toBe('lead');
		expect(rows[0]![0]).toMatch(/[\u4e00-\u9fff]/);
	});

	it('shows text in both languages as the reader’s, and blanks as a dash', () => {
		const column = { key: 'consequence', label: ['结果', 'Consequence'] as [string, string] };
		expect(cell({ 'zh-CN': '晋升', 'en-US': 'Promotion' }, column, 'zh-CN')).toBe('晋升');
		expect(cell({ 'zh-CN': '晋升', 'en-US': 'Promotion' }, column, 'en-US')).toBe('Promotion');
		expect(cell(null, column, 'zh-CN')).toBe('—');
	});

	it('answers null for a value of another shape, and an empty table for none', () => {
		expect(tableRows('{not json', tiers, 'zh-CN')).toBeNull();
		expect(tableRows([1, 2], tiers, 'zh-CN')).toBeNull();
		expect(tableRows(null, tiers, 'zh-CN')).toEqual([]);
	});
});
