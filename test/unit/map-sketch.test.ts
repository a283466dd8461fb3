/** The check-in drawn beside its customer (visit-check-in-map/logic.ts over shared/map-sketch.ts). */
import { describe, expect, it } from 'vitest';
import { distanceM } from '../../extensions/sales-visits/src/domain/geo.ts';
import { pointOf } from '../../extensions/sales-visits/src/shared/map-sketch.ts';
import { checkInSketch } from '../../extensions/sales-visits/src/visit-check-in-map/logic.ts';

const customer = { latitude: 30.2741, longitude: 120.1551 };
/** A point `metres` east and `north` metres north of the customer. */
const offset = (east: number, north: number) => ({
	latitude: customer.latitude + north / 111_320,
	longitude: customer.longitude + east / (111_320 * Math.cos((customer.latitude * Math.PI) / 180)),
});
const gap = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('checkInSketch', () => {
	it('draws the geofence and the check-in to one scale', () => {
		const checkIn = offset(300, 400); // 500 m away, inside a 800 m fence
		const s = checkInSketch(customer, checkIn, 800, 320, 200);
		const metresPerUnit = distanceM(customer, checkIn) / gap(s.customer, s.checkIn);
		expect(s.radius * metresPerUnit).toBeCloseTo(800, -1);
		expect(gap(s.customer, s.checkIn)).toBeLessThan(s.radius);
	});

	it('puts the check-in north-east when it is north-east, and outside the circle when far', () => {
		const s = checkInSketch(customer, offset(2000, 1500), 500, 320, 200);
		expect(s.checkIn.x).toBeGreaterThan(s.customer.x);
		expect(s.checkIn.y).toBeLessThan(s.customer.y);
		expect(gap(s.customer, s.checkIn)).toBeGreaterThan(s.radius);
	});

	it('keeps the whole circle and both points in the box', () => {
		for (const [east, north] of [
			[0, 0],
			[50, -20],
			[-3000, 100],
		] as const) {
			const s = checkInSketch(customer, offset(east, north), 500, 320, 200);
			for (const p of [s.customer, s.checkIn]) {
				expect(p.x).toBeGreaterThanOrEqual(0);
				expect(p.x).toBeLessThanOrEqual(320);
				expect(p.y).toBeGreaterThanOrEqual(0);
				expect(p.y).toBeLessThanOrEqual(200);
			}
			expect(s.customer.y - s.radius).toBeGreaterThanOrEqual(0);
			expect(s.customer.y + s.radius).toBeLessThanOrEqual(200);
			expect(s.customer.x - s.radius).toBeGreaterThanOrEqual(0);
		}
	});

	it('reads positions the API returns as strings, and refuses a position out of range', () => {
		expect(pointOf({ latitude: '30.5', longitude: '120.25' })).toEqual({ latitude: 30.5, longitude: 120.25 });
		expect(pointOf({ latitude: 91, longitude: 120 })).toBeNull();
		expect(pointOf({ latitude: 30, longitude: undefined })).toBeNull();
	});
});
