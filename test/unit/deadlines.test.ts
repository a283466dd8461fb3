import { describe, expect, it } from 'vitest';
import { reportDueAt } from '../../extensions/sales-visits/src/domain/deadlines.ts';
import { distanceM, isCoordinate, nearestNeighbourTour } from '../../extensions/sales-visits/src/domain/geo.ts';
import { workCalendar } from '../../extensions/sales-visits/src/setup/work-calendar.ts';

const calendar = new Map(workCalendar.map((d) => [d.date, d.is_workday]));
const shanghai = { timezone: 'Asia/Shanghai', report_deadline_hours: 48, report_deadline_workdays: null };
const workdays = (n: number, timezone = 'Asia/Shanghai') => ({
	timezone,
	report_deadline_hours: 48,
	report_deadline_workdays: n,
});
/** A Shanghai wall-clock time as an instant. */
const cst = (local: string) => new Date(`${local}+08:00`);
const due = (checkOut: Date, settings: Parameters<typeof reportDueAt>[1]) =>
	reportDueAt(checkOut, settings, calendar).toISOString();

describe('report deadlines', () => {
	it('count hours straight through nights, weekends and holidays', () => {
		expect(due(cst('2026-09-30T16:00:00'), shanghai)).toBe(cst('2026-10-02T16:00:00').toISOString());
		expect(due(cst('2026-11-26T10:00:00'), { ...shanghai, report_deadline_hours: 24 })).toBe(
			cst('2026-11-27T10:00:00').toISOString(),
		);
	});

	it('count working days at the same local time, across month ends and weekends', () => {
		// Friday → Tuesday.
		expect(due(cst('2026-11-27T16:30:00'), workdays(2))).toBe(cst('2026-12-01T16:30:00').toISOString());
		// Month end: Monday 30 Nov → Wednesday 2 Dec.
		expect(due(cst('2026-11-30T09:15:00'), workdays(2))).toBe(cst('2026-12-02T09:15:00').toISOString());
	});

	it('skip the National Day week and count its 调休 Saturday', () => {
		// Wednesday 30 Sep: 1–7 Oct are off, Thursday 8 Oct is the first workday, Saturday 10 Oct is worked.
		expect(due(cst('2026-09-30T17:00:00'), workdays(1))).toBe(cst('2026-10-08T17:00:00').toISOString());
		expect(due(cst('2026-09-30T17:00:00'), workdays(2))).toBe(cst('2026-10-09T17:00:00').toISOString());
		expect(due(cst('2026-09-30T17:00:00'), workdays(3))).toBe(cst('2026-10-10T17:00:00').toISOString());
		// Sunday 20 Sep is a make-up workday: a check-out on Saturday 19 Sep is due then.
		expect(due(cst('2026-09-19T11:00:00'), workdays(1))).toBe(cst('2026-09-20T11:00:00').toISOString());
	});

	it('skip Spring Festival and count from a check-out on a holiday', () => {
		// A check-out on 春节 (16 Feb, a holiday): the holiday block runs to 23 Feb, 24 Feb is a workday.
		expect(due(cst('2026-02-16T10:00:00'), workdays(1))).toBe(cst('2026-02-24T10:00:00').toISOString());
	});

	it('keep the local time in a zone with daylight saving time', () => {
		const berlin = (local: string, offset: string) => new Date(`${local}${offset}`);
		// Friday 23 Oct 2026 (summer time, +02:00) → Tuesday 27 Oct (winter time, +01:00), 17:00 local both.
		expect(
			reportDueAt(berlin('2026-10-23T17:00:00', '+02:00'), workdays(2, 'Europe/Berlin'), new Map()).toISOString(),
		).toBe(berlin('2026-10-27T17:00:00', '+01:00').toISOString());
		// Hours stay hours across the change: 48 h later is 16:00 local.
		expect(
			reportDueAt(
				berlin('2026-10-24T17:00:00', '+02:00'),
				{ ...shanghai, timezone: 'Europe/Berlin' },
				new Map(),
			).toISOString(),
		).toBe(berlin('2026-10-26T16:00:00', '+01:00').toISOString());
	});
});

describe('geography', () => {
	const westLake = { latitude: 30.2431, longitude: 120.1502 };
	const hangzhouEast = { latitude: 30.2905, longitude: 120.2126 };
	const shanghaiBund = { latitude: 31.24, longitude: 121.49 };

	it('measures great-circle distances', () => {
		expect(distanceM(westLake, westLake)).toBe(0);
		expect(distanceM(westLake, shanghaiBund) / 1000).toBeCloseTo(169, 0);
		expect(distanceM({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(111_195, -1);
	});

	it('checks coordinates', () => {
		expect(isCoordinate(30.2, 120.1)).toBe(true);
		expect(isCoordinate(91, 120)).toBe(false);
		expect(isCoordinate(30, -181)).toBe(false);
		expect(isCoordinate('30', 120)).toBe(false);
		expect(isCoordinate(Number.NaN, 120)).toBe(false);
	});

	it('orders the day by the nearest next stop, positionless stops last', () => {
		const { stops, totalM } = nearestNeighbourTour(westLake, [
			{ item: 'bund', point: shanghaiBund },
			{ item: 'phone', point: null },
			{ item: 'east', point: hangzhouEast },
		]);
		expect(stops.map((s) => s.item)).toEqual(['east', 'bund', 'phone']);
		expect(stops[0]!.legM).toBe(Math.round(distanceM(westLake, hangzhouEast)));
		expect(totalM).toBe(Math.round(distanceM(westLake, hangzhouEast) + distanceM(hangzhouEast, shanghaiBund)));
		expect(nearestNeighbourTour(westLake, [])).toEqual({ stops: [], totalM: 0 });
	});
});
