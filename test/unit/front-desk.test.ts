/**
 * The front-desk view's helpers (visit-front-desk/logic.ts): hosts named as the directory writes
 * them, statuses in the schema's words, times on the company's clocks, the day's as `HH:mm`.
 */
import { describe, expect, it } from 'vitest';
import { receptionStatuses } from '../../extensions/sales-visits/src/domain/choices.ts';
import { personName, statusLabel, texts, timeOn } from '../../extensions/sales-visits/src/visit-front-desk/logic.ts';

describe('the front-desk view', () => {
	it('names the host family name first, a dash for nobody', () => {
		expect(personName({ first_name: '伟', last_name: '王' })).toBe('王伟');
		expect(personName({ first_name: 'Ann', last_name: null })).toBe('Ann');
		expect(personName(null)).toBe('—');
		expect(personName('0b5c…')).toBe('—');
	});

	it('words every status in both languages, as the schema does', () => {
		for (const status of Object.keys(receptionStatuses)) {
			expect(statusLabel(status, 'zh-CN')).toBe(receptionStatuses[status as 'approved']['zh-CN']);
			expect(statusLabel(status, 'en-US')).toBe(receptionStatuses[status as 'approved']['en-US']);
		}
		expect(statusLabel('arrived', 'zh-CN')).toBe('已到访');
		expect(statusLabel('odd', 'en-US')).toBe('odd');
	});

	it('shows a time of the day as HH:mm on the company’s clocks, another day’s with its date', () => {
		// 02:00 UTC is 10:00 in Shanghai; 20:00 UTC is the next day there.
		expect(timeOn('2150-03-04T02:00:00.000Z', '2150-03-04', 'zh-CN', 'Asia/Shanghai')).toBe('10:00');
		expect(timeOn('2150-03-03T20:00:00.000Z', '2150-03-04', 'en-US', 'Asia/Shanghai')).toBe('04:00');
		const other = timeOn('2150-03-05T02:00:00.000Z', '2150-03-04', 'en-US', 'Asia/Shanghai');
		expect(other).toMatch(/3\/5\/50/);
		expect(other).toMatch(/10:00/);
		expect(timeOn(null, '2150-03-04', 'zh-CN', 'Asia/Shanghai')).toBe('—');
		expect(timeOn('soon', '2150-03-04', 'zh-CN', 'Asia/Shanghai')).toBe('—');
	});

	it('has every word in zh-CN and en-US', () => {
		for (const [key, label] of Object.entries(texts)) {
			expect(label['zh-CN'], key).toMatch(/\S/);
			expect(label['en-US'], key).toMatch(/\S/);
			expect(label['zh-CN'], key).not.toBe(label['en-US']);
		}
	});
});
