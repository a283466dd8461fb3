/**
 * Positions drawn to scale without a map: the home's route of the day and the check-in beside its
 * customer on the visit. Pure, so that both are unit-tested and neither needs map tiles.
 */
import { isCoordinate, type Point } from '../domain/geo.ts';

export type { Point };

/**
 * The points with a position, placed in a `width`×`height` box with `pad` around, north up and
 * to one scale on both axes (a degree of longitude shrinks with the cosine of the latitude).
 */
export function placeOnMap(
	points: readonly (Point | null)[],
	width: number,
	height: number,
	pad = 16,
): ({ x: number; y: number } | null)[] {
	const known = points.filter((p): p is Point => p !== null);
	if (!known.length) return points.map(() => null);
	const lat0 = known.reduce((s, p) => s + p.latitude, 0) / known.length;
	const k = Math.cos((lat0 * Math.PI) / 180);
	const xs = known.map((p) => p.longitude * k);
	const ys = known.map((p) => p.latitude);
	const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
	const span = Math.max(maxX - minX, maxY - minY) || 1;
	const scale = Math.min(width - 2 * pad, height - 2 * pad) / span;
	const offX = (width - (maxX - minX) * scale) / 2;
	const offY = (height - (maxY - minY) * scale) / 2;
	return points.map((p) =>
		p ? { x: offX + (p.longitude * k - minX) * scale, y: height - (offY + (p.latitude - minY) * scale) } : null,
	);
}

/** A position from the API (decimals may come as strings; a customer or a visit's check-in), or null. */
export function pointOf(row: { latitude?: unknown; longitude?: unknown } | null | undefined): Point | null {
	if (!row || row.latitude == null || row.longitude == null) return null;
	const latitude = Number(row.latitude);
	const longitude = Number(row.longitude);
	return isCoordinate(latitude, longitude) ? { latitude, longitude } : null;
}
