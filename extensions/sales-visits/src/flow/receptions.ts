/**
 * 前台来访登记: `GET /visit-flow/receptions/today` lists a day's expected visitors (approved
 * receptions planned that day) and arrived ones (arrived that day), on the company's calendar,
 * read as the caller: a rep sees their own, a manager the team's, the assistant (front desk) and
 * a General Manager every one. `GET /visit-flow/receptions/front-desk` says whether the caller reads
 * receptions at all, so that the Studio lists the front-desk view to those only.
 */
import type { Accountability, Filter } from '@directus/types';
import { isIsoDate, PERIOD_YEARS } from '../domain/input.ts';
import { refusal } from '../domain/refusals.ts';
import { addDays, zonedDate, zonedInstant } from '../domain/zoned-time.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';

const FIELDS = [
	'id',
	'status',
	'planned_at',
	'arrived_at',
	'left_at',
	'location',
	'visitors',
	'visitor_count',
	'purpose',
	'customer.id',
	'customer.name',
	'host.id',
	'host.first_name',
	'host.last_name',
];

export interface VisitorLog {
	date: string;
	/** Approved, not arrived yet, planned for the day. */
	expected: Record<string, unknown>[];
	/** Arrived during the day (still here, held or reported since). */
	arrived: Record<string, unknown>[];
}

export async function receptionsToday(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
): Promise<VisitorLog> {
	const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	if (!accountability || (query.date !== undefined && !isIsoDate(query.date, PERIOD_YEARS)))
		throw refusalError(refusal(accountability ? 400 : 403, accountability ? 'day_or_today' : 'not_found'), language);
	const { timezone } = await loadSettings(ctx.database);
	const date = (query.date as string | undefined) ?? zonedDate(new Date(), timezone);
	const day = {
		_gte: zonedInstant(date, timezone).toISOString(),
		_lt: zonedInstant(addDays(date, 1), timezone).toISOString(),
	};
	// Read as the caller: permissions decide whose receptions come back (none for a role without any).
	const items = new ctx.services.ItemsService('receptions', {
		schema: await ctx.getSchema(),
		accountability,
		knex: ctx.database,
	});
	const read = (filter: Filter, sort: string) =>
		items
			.readByQuery({ filter, fields: FIELDS, sort: [sort], limit: -1 })
			.catch((error: { code?: string }) => (error?.code === 'FORBIDDEN' ? [] : Promise.reject(error)));
	const [expected, arrived] = await Promise.all([
		read({ status: { _eq: 'approved' }, planned_at: day }, 'planned_at'),
		read({ status: { _in: ['arrived', 'held', 'reported'] }, arrived_at: day }, 'arrived_at'),
	]);
	return { date, expected, arrived };
}

/**
 * Whether the caller may use the front-desk view: whoever the permissions let read receptions
 * (a host their own, a manager the team's, the front desk and a General Manager every one), as
 * Directus itself answers a read of one row; customer service, Finance and Legal do not.
 */
export async function mayUseFrontDesk(
	ctx: FlowContext,
	accountability: Accountability | null,
): Promise<{ front_desk: boolean }> {
	if (!accountability?.user) return { front_desk: false };
	const items = new ctx.services.ItemsService('receptions', {
		schema: await ctx.getSchema(),
		accountability,
		knex: ctx.database,
	});
	const front_desk = await items.readByQuery({ fields: ['id'], limit: 1 }).then(
		() => true,
		(error: { code?: string }) => (error?.code === 'FORBIDDEN' ? false : Promise.reject(error)),
	);
	return { front_desk };
}
