import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../extensions/sales-visits/src/domain/amount.ts';

describe('formatAmount', () => {
	it('groups thousands and keeps two decimals, from the API string or a number', () => {
		expect(formatAmount('125000.00', 'zh-CN')).toBe('125,000.00');
		expect(formatAmount(1590, 'en-US')).toBe('1,590.00');
		expect(formatAmount('0.5', 'zh-CN')).toBe('0.50');
		expect(formatAmount('-2300', 'zh-CN')).toBe('-2,300.00');
	});

	it('shows nothing while the value is missing, and what it got when it is no number', () => {
		expect(formatAmount(null, 'zh-CN')).toBe('');
		expect(formatAmount(undefined, 'zh-CN')).toBe('');
		expect(formatAmount('', 'zh-CN')).toBe('');
		expect(formatAmount('n/a', 'zh-CN')).toBe('n/a');
	});
});
