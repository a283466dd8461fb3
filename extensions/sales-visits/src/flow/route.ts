/** The day's route (行动路线): a rep's visits of one day, ordered by a nearest-neighbour tour. */
import type { Accountability } from '@directus/types';
import { isCoordinate, nearestNeighbourTour, type Point } from '../domain/geo.ts';
import { isIsoDate, isUuid, PERIOD_YEARS, toNumber } from '../domain/input.ts';
import { refusal } from '../domain/refusals.ts';
import { addDays, zonedInstant } from '../domain/zoned-time.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';

interface RouteVisit {
	id: number;
	scheduled_start: string;
	status: string;
	channel: string;
	customer: {
		id: number;
		name: string;
		address: string | null;
		latitude: number | string | null;
		longitude: number | string | null;
	} | null;
}

/** Null when the customer has no position, or when the caller may not read the customer (Directus then gives null). */
const pointOf = (c: RouteVisit['customer']): Point | null =>
	!c || c.latitude === null || c.longitude === null
		? null
		: { latitude: Number(c.latitude), longitude: Number(c.longitude) };

/**
 * `date` (required), `owner` (default: the caller; others only as far as the caller may read
 * their visits), `from=lat,lng` (default: the first visit of the day with a position).
 * Phone and video visits and customers without coordinates come last.
 */
export async function dayRoute(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const from =
		query.from === undefined ? null : typeof query.from === 'string' ? query.from.split(',').map(toNumber) : [];
	if (!isIsoDate(query.date, PERIOD_YEARS) || (from && (from.length !== 2 || !isCoordinate(from[0], from[1]))))
		throw refusalError(refusal(400, 'route_date'), language);
	if (query.owner !== undefined && !isUuid(query.owner)) throw refusalError(refusal(400, 'owner_invalid'), language);
	const owner = query.owner ?? accountability?.user;
	const { timezone } = await loadSettings(ctx.database);

	// Read as the caller: permissions decide whose visits come back.
	const items = new ctx.services.ItemsService<RouteVisit>('visits', {
		schema: await ctx.getSchema(),
		accountability,
		knex: ctx.database,
	});
	const visits = await items.readByQuery({
		filter: {
			owner: { _eq: owner },
			status: { _neq: 'cancelled' },
			scheduled_start: {
				_gte: zonedInstant(query.date, timezone).toISOString(),
				_lt: zonedInstant(addDays(query.date, 1), timezone).toISOString(),
			},
		},
		fields: [
			'id',
			'scheduled_start',
			'status',
			'channel',
			'customer.id',
			'customer.name',
			'customer.address',
			'customer.latitude',
			'customer.longitude',
		],
		sort: ['scheduled_start'],
		limit: -1,
	});
	const stops = visits.map((v) => ({ item: v, point: v.channel === 'onsite' ? pointOf(v.customer) : null }));
	const start = from ? { latitude: from[0]!, longitude: from[1]! } : (stops.find((s) => s.point)?.point ?? null);
	const tour = start
		? nearestNeighbourTour(start, stops)
		: { stops: stops.map((s) => ({ item: s.item, legM: 0 })), totalM: 0 };
	return {
		date: query.date,
		owner,
		start,
		total_m: tour.totalM,
		stops: tour.stops.map(({ item, legM }, n) => ({
			order: n + 1,
			leg_m: legM,
			visit: item.id,
			scheduled_start: item.scheduled_start,
			status: item.status,
			channel: item.channel,
			customer: item.customer,
		})),
	};
}
