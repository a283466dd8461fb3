/**
 * What the check-in sketch (`visit-check-in-map`) draws, kept out of the Vue file so that it is
 * type-checked and unit-tested: the customer, the geofence around them and the check-in point,
 * to one scale, and its words in both languages. The distance is the server's (check_in_distance_m).
 */
import type { Label } from '../domain/choices.ts';
import { placeOnMap, type Point } from '../shared/map-sketch.ts';
import { t } from '../shared/texts.ts';

export const texts = {
	customer: t('客户位置', 'Customer'),
	checkIn: t('签到位置', 'Check-in'),
	caption: t(
		'签到距客户 {distance} 米，签到范围 {radius} 米',
		'Checked in {distance} m from the customer; geofence {radius} m',
	),
	outside: t('超出签到范围', 'Outside the geofence'),
	inside: t('在签到范围内', 'Inside the geofence'),
	notCheckedIn: t('尚未签到', 'Not checked in yet'),
	noCustomerPosition: t(
		'客户未设置坐标，无法对照签到位置',
		'The customer has no coordinates to compare the check-in with',
	),
	noCheckInPosition: t('本次签到没有位置', 'This check-in has no position'),
} satisfies Record<string, Label>;

const METRES_PER_DEGREE = 111_320;

export interface Sketch {
	customer: { x: number; y: number };
	checkIn: { x: number; y: number };
	/** The geofence's radius in the drawing's units. */
	radius: number;
}

/**
 * The customer at the centre of their geofence and the check-in point, fitted together into a
 * `width`×`height` box: the circle's north, south, east and west ends are placed with them.
 */
export function checkInSketch(customer: Point, checkIn: Point, radiusM: number, width: number, height: number): Sketch {
	const dLat = radiusM / METRES_PER_DEGREE;
	const dLng = radiusM / (METRES_PER_DEGREE * Math.cos((customer.latitude * Math.PI) / 180));
	const rim = [
		{ latitude: customer.latitude + dLat, longitude: customer.longitude },
		{ latitude: customer.latitude - dLat, longitude: customer.longitude },
		{ latitude: customer.latitude, longitude: customer.longitude + dLng },
		{ latitude: customer.latitude, longitude: customer.longitude - dLng },
	];
	const [c, p, north] = placeOnMap([customer, checkIn, ...rim], width, height, 24) as { x: number; y: number }[];
	return { customer: c!, checkIn: p!, radius: Math.abs(c!.y - north!.y) };
}
