/** Distances on the earth's surface and the day's route (行动路线). */

export interface Point {
	latitude: number;
	longitude: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine; WGS-84 coordinates, GCJ-02 shifts are far below a geofence). */
export function distanceM(a: Point, b: Point): number {
	const dLat = rad(b.latitude - a.latitude);
	const dLng = rad(b.longitude - a.longitude);
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const isCoordinate = (latitude: unknown, longitude: unknown): boolean =>
	typeof latitude === 'number' &&
	typeof longitude === 'number' &&
	Number.isFinite(latitude) &&
	Number.isFinite(longitude) &&
	Math.abs(latitude) <= 90 &&
	Math.abs(longitude) <= 180;

export interface Stop<T> {
	item: T;
	/** From the previous stop (or the start), in metres. */
	legM: number;
}

/** Orders the stops by a nearest-neighbour tour from `start`; stops without a position go last, in the order given. */
export function nearestNeighbourTour<T>(
	start: Point,
	stops: { item: T; point: Point | null }[],
): { stops: Stop<T>[]; totalM: number } {
	const left = stops.filter((s) => s.point !== null) as { item: T; point: Point }[];
	const tour: Stop<T>[] = [];
	let here = start;
	let total = 0;
	while (left.length > 0) {
		let best = 0;
		for (let i = 1; i < left.length; i++)
			if (distanceM(here, left[i]!.point) < distanceM(here, left[best]!.point)) best = i;
		const [next] = left.splice(best, 1);
		const leg = distanceM(here, next!.point);
		tour.push({ item: next!.item, legM: Math.round(leg) });
		total += leg;
		here = next!.point;
	}
	for (const s of stops) if (s.point === null) tour.push({ item: s.item, legM: 0 });
	return { stops: tour, totalM: Math.round(total) };
}
