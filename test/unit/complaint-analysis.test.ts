/**
 * The complaint analysis panel's pure parts (visit-complaint-analysis): its period on the company's
 * clocks, its scope, the aggregate paths it asks the items API for, and how it folds the groups
 * (PostgreSQL's counts as strings, SQLite's booleans as 0/1) into on time, late and still open.
 */
import { describe, expect, it } from 'vitest';
import {
	analysis,
	complaintFilter,
	complaintPeriod,
	countPath,
	groupRows,
	outcomeOf,
	productIds,
	productsPath,
	splitBy,
	type CountGroup,
} from '../../extensions/sales-visits/src/visit-complaint-analysis/logic.ts';

const SH = 'Asia/Shanghai';

describe('the complaint analysis period and scope', () => {
	it('turns the period option into instants on the company’s clocks', () => {
		expect(complaintPeriod('this_month', null, '2026-03-15', SH)).toEqual({
			key: '2026-03',
			from: '2026-02-28T16:00:00.000Z',
			to: '2026-03-31T16:00:00.000Z',
		});
		expect(complaintPeriod('this_year', null, '2026-03-15', SH)).toMatchObject({
			key: '2026',
			from: '2025-12-31T16:00:00.000Z',
			to: '2026-12-31T16:00:00.000Z',
		});
		expect(complaintPeriod('fixed', '2026-Q2', '2030-01-01', 'UTC')).toMatchObject({
			from: '2026-04-01T00:00:00.000Z',
			to: '2026-07-01T00:00:00.000Z',
		});
		expect(complaintPeriod('last_month', null, '2026-01-10', SH)!.key).toBe('2025-12');
		expect(complaintPeriod('fixed', '2026-13', '2026-01-10', SH)).toBeNull();
		expect(complaintPeriod('fixed', null, '2026-01-10', SH)).toBeNull();
	});

	it('leaves own and company to the reader’s permissions, and takes a given team’s or person’s customers’ complaints and those they handle', () => {
		const period = complaintPeriod('fixed', '2026-03', '2026-01-01', SH)!;
		const dates = [{ received_at: { _gte: period.from } }, { received_at: { _lt: period.to } }];
		expect(complaintFilter(period)).toEqual({ _and: dates });
		expect(complaintFilter(period, 'company')).toEqual({ _and: dates });
		expect(complaintFilter(period, 'rep', { key: 'u1', collection: 'directus_users' })).toEqual({
			_and: [...dates, { _or: [{ customer: { owner: { _eq: 'u1' } } }, { owner: { _eq: 'u1' } }] }],
		});
		expect(complaintFilter(period, 'team', 'm1')).toEqual({
			_and: [
				...dates,
				{
					_or: [
						{ customer: { owner: { _eq: 'm1' } } },
						{ customer: { owner: { reports_to: { _eq: 'm1' } } } },
						{ owner: { _eq: 'm1' } },
						{ owner: { reports_to: { _eq: 'm1' } } },
					],
				},
			],
		});
		expect(complaintFilter(period, 'team', null)).toBeNull();
	});

	it('asks for every group of one dimension by status and the late flag, and the products’ names', () => {
		const url = new URL(countPath('department', { a: 1 }), 'http://x');
		expect(url.pathname).toBe('/items/complaints');
		expect(url.searchParams.get('aggregate[count]')).toBe('id');
		expect(url.searchParams.getAll('groupBy[]')).toEqual(['department', 'status', 'resolution_late']);
		expect(url.searchParams.get('limit')).toBe('-1');
		expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ a: 1 });

		expect(productsPath([])).toBeNull();
		const products = new URL(productsPath([3, 7])!, 'http://x');
		expect(products.pathname).toBe('/items/products');
		expect(JSON.parse(products.searchParams.get('filter')!)).toEqual({ id: { _in: [3, 7] } });
		expect(products.searchParams.get('limit')).toBe('2');
	});
});

describe('the complaint analysis figures', () => {
	it('calls a flagged complaint late, a resolved or closed one on time, the rest open', () => {
		expect(outcomeOf('closed', false)).toBe('on_time');
		expect(outcomeOf('resolved', 0)).toBe('on_time');
		expect(outcomeOf('resolved', true)).toBe('late');
		expect(outcomeOf('open', 1)).toBe('late');
		expect(outcomeOf('responded', '1')).toBe('late');
		expect(outcomeOf('responded', false)).toBe('open');
		expect(outcomeOf('open', 'false')).toBe('open');
		expect(outcomeOf(null, null)).toBe('open');
	});

	it('folds the groups per value, counts as numbers or strings', () => {
		const groups: CountGroup[] = [
			{ cause: 'service', status: 'closed', resolution_late: false, count: { id: '3' } },
			{ cause: 'service', status: 'resolved', resolution_late: 1, count: { id: 1 } },
			{ cause: 'service', status: 'open', resolution_late: 0, count: { id: 2 } },
			{ cause: null, status: 'open', resolution_late: true, count: { id: '4' } },
			{ cause: 'price', status: 'closed', resolution_late: false, count: 0 },
		];
		const { by, total } = splitBy('cause', groups);
		expect(by.get('service')).toEqual({ on_time: 3, late: 1, open: 2, total: 6 });
		expect(by.get('')).toEqual({ on_time: 0, late: 4, open: 0, total: 4 });
		expect(by.has('price')).toBe(false);
		expect(total).toEqual({ on_time: 3, late: 5, open: 2, total: 10 });
	});

	it('keeps the causes’ order, names them in both languages, none given last, bars against the largest row', () => {
		const rows = groupRows('cause', [
			{ cause: null, status: 'open', resolution_late: false, count: { id: 1 } },
			{ cause: 'service', status: 'closed', resolution_late: false, count: { id: 2 } },
			{ cause: 'product_quality', status: 'closed', resolution_late: true, count: { id: 1 } },
			{ cause: 'product_quality', status: 'closed', resolution_late: false, count: { id: 3 } },
		]);
		expect(rows.map((r) => r.key)).toEqual(['product_quality', 'service', '']);
		expect(rows[0]!.label).toEqual({ 'zh-CN': '产品质量', 'en-US': 'Product quality' });
		expect(rows[2]!.label['zh-CN']).toBe('未填写');
		expect(rows[0]!.segments).toEqual([
			{ outcome: 'on_time', count: 3, width: 75 },
			{ outcome: 'late', count: 1, width: 25 },
		]);
		expect(rows[1]!.segments).toEqual([{ outcome: 'on_time', count: 2, width: 50 }]);
	});

	it('lists products and departments the most complained of first, by name, and folds the rest', () => {
		const products = [
			{ id: 1, name: '阀门', code: 'V1' },
			{ id: 2, name: '泵', code: null },
		];
		const groups: CountGroup[] = [
			{ product: 1, status: 'open', resolution_late: false, count: { id: 1 } },
			{ product: 2, status: 'open', resolution_late: false, count: { id: 2 } },
			{ product: 9, status: 'closed', resolution_late: false, count: { id: 1 } },
			{ product: null, status: 'closed', resolution_late: false, count: { id: 5 } },
		];
		expect(productIds(groups)).toEqual([1, 2, 9]);
		const rows = groupRows('product', groups, products);
		expect(rows.map((r) => [r.key, r.label['en-US'], r.split.total])).toEqual([
			['2', '泵', 2],
			['9', '#9', 1],
			['1', '阀门 (V1)', 1],
			['', 'Not given', 5],
		]);
		// At most three rows: the third folds the rest.
		const folded = groupRows('product', groups, products, 3);
		expect(folded.map((r) => [r.key, r.label['en-US'], r.split])).toEqual([
			['2', '泵', { on_time: 0, late: 0, open: 2, total: 2 }],
			['9', '#9', { on_time: 1, late: 0, open: 0, total: 1 }],
			['*', '2 more', { on_time: 5, late: 0, open: 1, total: 6 }],
		]);
		expect(folded[2]!.label['zh-CN']).toBe('其他 2 项');

		const departments = groupRows('department', [
			{ department: ' 质量部 ', status: 'closed', resolution_late: false, count: { id: 1 } },
			{ department: '质量部', status: 'open', resolution_late: true, count: { id: 1 } },
			{ department: '物流部', status: 'closed', resolution_late: false, count: { id: 1 } },
		]);
		expect(departments.map((r) => [r.key, r.split.total])).toEqual([
			['质量部', 2],
			['物流部', 1],
		]);
	});

	it('splits valid and not valid, and totals the period from them', () => {
		const counts = {
			valid: [
				{ valid: 1, status: 'closed', resolution_late: 0, count: { id: '2' } },
				{ valid: false, status: 'open', resolution_late: true, count: { id: '1' } },
				{ valid: true, status: 'responded', resolution_late: false, count: { id: '1' } },
			],
		};
		const result = analysis(counts);
		expect(result.total).toEqual({ on_time: 2, late: 1, open: 1, total: 4 });
		const validity = result.sections.find((s) => s.dimension === 'valid')!;
		expect(validity.rows.map((r) => [r.key, r.label['zh-CN'], r.split.total])).toEqual([
			['valid', '有效投诉', 3],
			['invalid', '无效投诉', 1],
		]);
		expect(result.sections.map((s) => s.dimension)).toEqual(['cause', 'product', 'department', 'valid']);
		expect(result.sections[0]!.rows).toEqual([]);
		expect(analysis({}).total.total).toBe(0);
	});
});
