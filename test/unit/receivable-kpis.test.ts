import { describe, expect, it } from 'vitest';
import { dayKey } from '../../extensions/sales-visits/src/counters/periods.ts';
import { AGING_BUCKETS, AGING_DAYS, agingDueDates } from '../../extensions/sales-visits/src/domain/receivable-kpis.ts';
import { agingBucket } from '../../extensions/sales-visits/src/domain/receivables.ts';
import { addDays } from '../../extensions/sales-visits/src/domain/zoned-time.ts';

describe('receivables aging for the KPIs', () => {
	const today = '2027-03-01';

	it('holds the same days in each bucket as agingBucket', () => {
		for (let late = -5; late <= 200; late++) {
			const due = addDays(today, -late);
			const mine = AGING_BUCKETS.find((b) => {
				const [least, most] = AGING_DAYS[b];
				return late >= least && (most === null || late <= most);
			});
			expect(mine ?? null, `${late} days late`).toBe(agingBucket(due, today));
		}
	});

	it('turns a bucket into the due dates it holds as of today, across a month and a leap day', () => {
		expect(agingDueDates('d0_30', today)).toEqual({ from: '2027-01-30', to: '2027-02-28' });
		expect(agingDueDates('d31_60', today)).toEqual({ from: '2026-12-31', to: '2027-01-29' });
		expect(agingDueDates('d61_90', '2028-03-01')).toEqual({ from: '2027-12-02', to: '2027-12-31' });
		expect(agingDueDates('over_90', today)).toEqual({ from: null, to: '2026-11-30' });
		// Every due date in a bucket ages into it.
		for (const b of AGING_BUCKETS) {
			const { from, to } = agingDueDates(b, today);
			expect(agingBucket(to, today)).toBe(b);
			if (from) expect(agingBucket(from, today)).toBe(b);
			if (from) expect(agingBucket(addDays(from, -1), today)).not.toBe(b);
			expect(agingBucket(addDays(to, 1), today)).not.toBe(b);
		}
	});
});

describe('day keys of the counters', () => {
	it('are seven characters, sort as the days do, and apart from months and the stock', () => {
		expect(dayKey('2000-01-01')).toBe('D00000');
		expect(dayKey('2000-03-01')).toBe('D00060');
		expect(dayKey('2199-12-31T00:00:00Z')).toBe('D73048');
		const days = ['2026-12-31', '2027-01-01', '2027-02-28', '2028-02-29', '2100-03-01', '2199-12-31'];
		const keys = days.map(dayKey);
		expect([...keys].sort()).toEqual(keys);
		for (const k of keys) {
			expect(k.length).toBeLessThanOrEqual(7);
			// Above every month key (digits first), below the stock's.
			expect(k > '2199-12' && k < 'stock').toBe(true);
		}
	});
});
