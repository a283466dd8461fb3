import { describe, expect, it } from 'vitest';
import { handoverProblem, notOwned, readCustomerList } from '../../extensions/sales-visits/src/domain/handover.ts';
import { checkInTimeProblem } from '../../extensions/sales-visits/src/domain/visit-rules.ts';

const TZ = 'Asia/Shanghai';

describe('checkInTimeProblem (不得擅自更改拜访计划)', () => {
	const start = '2030-03-05T01:00:00.000Z'; // 09:00 in Shanghai
	it('accepts the scheduled day in the company’s zone, and the window around the start', () => {
		expect(checkInTimeProblem(start, new Date('2030-03-05T15:30:00Z'), TZ, 2)).toBeNull(); // 23:30 the same day
		expect(checkInTimeProblem(start, new Date('2030-03-04T23:30:00Z'), TZ, 2)).toBeNull(); // 07:30 the same day
		expect(checkInTimeProblem(start, new Date('2030-03-04T15:30:00Z'), TZ, 12)).toBeNull(); // the evening before, in the window
	});
	it('refuses days ahead or after, and lets anything through without a window', () => {
		expect(checkInTimeProblem(start, new Date('2030-03-02T01:00:00Z'), TZ, 12)?.code).toBe('check_in_window');
		expect(checkInTimeProblem(start, new Date('2030-03-06T16:30:00Z'), TZ, 12)?.code).toBe('check_in_window');
		expect(checkInTimeProblem(start, new Date('2030-03-04T15:30:00Z'), TZ, 2)?.code).toBe('check_in_window');
		expect(checkInTimeProblem(start, new Date('2031-01-01T00:00:00Z'), TZ, null)).toBeNull();
	});
});

describe('handoverProblem (离职交接)', () => {
	const manager = { id: 'm', name: 'M', position: 'manager', reports_to: 'gm', admin: false };
	const admin = { id: 'a', name: 'A', position: null, reports_to: null, admin: true };
	const rep = (id: string, reports_to = 'm', status = 'active') => ({ id, reports_to, status });
	it('lets a manager hand over within their team and an Administrator within any team', () => {
		expect(handoverProblem(manager, rep('r1'), rep('r2'))).toBeNull();
		expect(handoverProblem(admin, rep('r4', 'm2'), rep('r5', 'm2'))).toBeNull();
	});
	it('refuses others, another team, an inactive or missing person', () => {
		expect(handoverProblem({ ...manager, position: 'rep' }, rep('r1'), rep('r2'))?.code).toBe('handover_not_manager');
		expect(handoverProblem(manager, rep('r1'), rep('r4', 'm2'))?.code).toBe('handover_not_manager');
		expect(handoverProblem(admin, rep('r1'), rep('r4', 'm2'))?.code).toBe('handover_team');
		expect(handoverProblem(manager, rep('r1'), rep('r2', 'm', 'suspended'))?.code).toBe('handover_inactive');
		expect(handoverProblem(manager, rep('r1'), null)?.code).toBe('handover_people');
		expect(handoverProblem(manager, rep('r1'), rep('r1'))?.code).toBe('handover_people');
	});
	it('reads the customer list and names the ones not owned', () => {
		expect(readCustomerList(undefined)).toBe('all');
		expect(readCustomerList([3, '4', 3])).toEqual([3, 4]);
		expect(readCustomerList(['x'])).toBeNull();
		expect(readCustomerList([])).toBeNull();
		expect(notOwned([1, 2, 3], new Set([1, 3]))).toEqual([2]);
	});
});
