import { describe, expect, it } from 'vitest';
import { documentNo, documentPrefix, nextSequence } from '../../extensions/sales-visits/src/domain/numbering.ts';

describe('document numbers', () => {
	it('are a prefix, the year and month, and a sequence of four digits at least', () => {
		expect(documentNo('quote', '2026-12-02', 1)).toBe('QT202612-0001');
		expect(documentNo('contract', '2027-01-31', 42)).toBe('CT202701-0042');
		expect(documentNo('order', '2026-12-02', 12345)).toBe('SO202612-12345');
		expect(documentPrefix('order', '2026-12-02')).toBe('SO202612-');
	});

	it('continue after the largest number of the month, compared as numbers', () => {
		const prefix = documentPrefix('quote', '2026-12-02');
		expect(nextSequence(prefix, [])).toBe(1);
		expect(nextSequence(prefix, ['QT202612-0002', 'QT202612-0010', 'QT202612-0009'])).toBe(11);
		expect(nextSequence(prefix, ['QT202612-9999', 'QT202612-10000'])).toBe(10001);
	});

	it('skip other months, other kinds and numbers typed in another form', () => {
		const prefix = documentPrefix('quote', '2026-12-02');
		expect(nextSequence(prefix, ['QT202611-0099', 'CT202612-0050', 'QT202612-A7', 'QT202612-', 'QT202612-0003'])).toBe(
			4,
		);
	});
});
