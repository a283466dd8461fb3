/**
 * The quote form's line table (visit-quote-lines): the rows rebuilt from the stored lines and the
 * form's pending changes, the o2m change payload Directus saves them with, the preview request
 * (only once every row can be priced), amounts in the user's locale; and the preview body the
 * server reads (domain/quotes.ts readPreviewLines).
 */
import { describe, expect, it } from 'vitest';
import { PREVIEW_LINES_MAX, readPreviewLines } from '../../extensions/sales-visits/src/domain/quotes.ts';
import { explain } from '../../extensions/sales-visits/src/domain/refusals.ts';
import {
	applyChanges,
	changesOf,
	formatAmount,
	formatRate,
	fromStored,
	isComplete,
	previewBody,
	productLabel,
	type EditLine,
	type StoredLine,
} from '../../extensions/sales-visits/src/visit-quote-lines/logic.ts';

const stored: StoredLine[] = [
	{ id: 11, product: 1, quantity: '2.00', unit_price: '900.00' },
	{ id: 12, product: 2, quantity: 1, unit_price: 50 },
];
const fresh = (product: number | null, quantity: string, unit_price: string): EditLine => ({
	key: 'n1',
	id: null,
	product,
	quantity,
	unit_price,
});

describe('the quote line table', () => {
	it('leaves the value as the stock o2m does when nothing changed', () => {
		expect(changesOf(stored, stored.map(fromStored), false)).toEqual([11, 12]);
		expect(changesOf([], [], true)).toBeNull();
		// '2' is the stored '2.00': no edit.
		const rows = stored.map(fromStored);
		rows[0] = { ...rows[0]!, quantity: '2' };
		expect(changesOf(stored, rows, false)).toEqual([11, 12]);
	});

	it('emits create, update (changed fields only, by key) and delete', () => {
		const rows = stored.map(fromStored);
		rows[0] = { ...rows[0]!, unit_price: '850' };
		rows.splice(1, 1);
		rows.push(fresh(3, '4', '10.5'));
		expect(changesOf(stored, rows, false)).toEqual({
			create: [{ product: 3, quantity: '4', unit_price: '10.5' }],
			update: [{ id: 11, unit_price: '850' }],
			delete: [12],
		});
		// An emptied cell is sent as null, for the server to refuse.
		expect(changesOf([], [fresh(null, ' ', '')], true)).toEqual({
			create: [{ product: null, quantity: null, unit_price: null }],
			update: [],
			delete: [],
		});
	});

	it('rebuilds the rows from the stored lines and the form’s pending changes', () => {
		const rows = stored.map(fromStored);
		rows[1] = { ...rows[1]!, product: 5, quantity: '3' };
		rows.splice(0, 1);
		rows.push(fresh(3, '4', '10.5'));
		const value = changesOf(stored, rows, false);
		const again = applyChanges(stored, value);
		expect(again.map(({ key: _, ...r }) => r)).toEqual(rows.map(({ key: _, ...r }) => r));
		expect(changesOf(stored, again, false)).toEqual(value);
		// A product given as an object (a related item) counts by its key.
		expect(fromStored({ id: 1, product: { id: 7 } as unknown as number, quantity: 1, unit_price: 2 }).product).toBe(7);
	});

	it('asks for a preview only once every row can be priced', () => {
		expect(isComplete(fresh(1, '2', '0'))).toBe(true);
		for (const [q, p] of [
			['0', '1'],
			['', '1'],
			['1', ''],
			['-1', '1'],
			['1', '-1'],
			['1e3', '1'],
			['abc', '1'],
		] as const)
			expect(isComplete(fresh(1, q, p)), `${q} @ ${p}`).toBe(false);
		expect(isComplete(fresh(null, '1', '1'))).toBe(false);
		expect(previewBody([fresh(1, ' 2 ', '9.90')])).toEqual({
			lines: [{ product: 1, quantity: '2', unit_price: '9.90' }],
		});
		expect(previewBody([fresh(1, '2', '9.90'), fresh(null, '1', '1')])).toBeNull();
		expect(previewBody([])).toEqual({ lines: [] });
	});

	it('formats amounts in yuan and discounts in the user’s locale', () => {
		expect(formatAmount('1234.5', 'zh-CN')).toBe('¥1,234.50');
		expect(formatAmount(1234.5, 'en-US')).toBe('CN¥1,234.50');
		expect(formatAmount(null, 'en-US')).toBe('—');
		expect(formatAmount('x', 'zh-CN')).toBe('—');
		expect(formatRate(12.5, 'en-US')).toBe('12.5%');
		expect(formatRate('-3.00', 'zh-CN')).toBe('-3%');
		expect(formatRate(undefined, 'zh-CN')).toBe('—');
		expect(productLabel({ id: 1, name: '空压机', code: 'P-1' })).toBe('空压机 (P-1)');
		expect(productLabel({ id: 2, name: null, code: null })).toBe('#2');
	});
});

describe('the quote preview body', () => {
	it('reads products, quantities and prices', () => {
		expect(
			readPreviewLines({
				lines: [
					{ product: 1, quantity: 2, unit_price: '9.90' },
					{ product: '3', quantity: '0.5', unit_price: 0 },
				],
			}),
		).toEqual([
			{ product: 1, quantity: 2, unit_price: '9.90' },
			{ product: 3, quantity: '0.5', unit_price: 0 },
		]);
		expect(readPreviewLines({ lines: [] })).toEqual([]);
	});

	it('refuses anything else with a 400 naming the line', () => {
		const code = (body: unknown) => {
			const r = readPreviewLines(body);
			return 'code' in r ? `${r.status} ${r.code}` : 'read';
		};
		for (const body of [null, [], 'x', {}, { lines: {} }, { lines: [null] }, { lines: [[1]] }])
			expect(code(body), JSON.stringify(body)).toBe('400 quote_preview_body');
		expect(code({ lines: Array(PREVIEW_LINES_MAX + 1).fill({ product: 1, quantity: 1, unit_price: 1 }) })).toBe(
			'400 quote_preview_too_many',
		);
		expect(code({ lines: Array(PREVIEW_LINES_MAX).fill({ product: 1, quantity: 1, unit_price: 1 }) })).toBe('read');
		for (const product of [0, -1, '1.5', 'x', null, { id: 1 }])
			expect(code({ lines: [{ product, quantity: 1, unit_price: 1 }] })).toBe('400 quote_preview_product');
		for (const quantity of [0, '0', -1, '1e3', 1e-9, 'x', null, Infinity])
			expect(code({ lines: [{ product: 1, quantity, unit_price: 1 }] })).toBe('400 quote_preview_quantity');
		for (const unit_price of [-0.01, '-1', 'x', null, NaN, '1.1234567'])
			expect(code({ lines: [{ product: 1, quantity: 1, unit_price }] })).toBe('400 quote_preview_price');
		const r = readPreviewLines({ lines: [{ product: 1, quantity: 1, unit_price: 1 }, { product: 1 }] });
		expect('code' in r && explain(r, 'zh-CN')).toBe('第 2 行的数量须为大于 0 的数');
		expect('code' in r && explain(r, 'en-US')).toBe('The quantity of line 2 is a number above 0');
	});
});
