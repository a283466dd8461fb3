/**
 * `GET /visit-targets/attainment?year=YYYY`: 目标达成, person × month, for the people whose
 * targets the caller may read (one permission-scoped GROUP BY of the year's month targets):
 * their approved month targets and signed sales from the counters the database keeps (as the
 * KPIs read them, not a scan of the orders). A column computed from a collection the caller may
 * not read for all of those people (a manager's Finance colleague reads targets and orders; a
 * sales assistant neither) is withheld, without numbers, as the KPI panels do.
 */
import type { Accountability } from '@directus/types';
import { COUNTERS } from '../counters/sql.ts';
import { isPeriodYear } from '../domain/input.ts';
import { refusal } from '../domain/refusals.ts';
import { attainmentLines, type AttainmentCount } from '../domain/target-attainment.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import type { FlowContext } from './context.ts';
import { refusalError } from './errors.ts';
import { loadCaller, nameOf, type UserName } from './people.ts';
import { readableCollections } from './readable.ts';
import { loadSettings } from './settings.ts';

export async function targetAttainment(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const db = ctx.database;
	const [{ caller, language }, settings] = await Promise.all([
		loadCaller(db, accountability, acceptLanguage),
		loadSettings(db),
	]);
	const year =
		query.year === undefined ? Number(zonedDate(new Date(), settings.timezone).slice(0, 4)) : Number(query.year);
	if (!isPeriodYear(year)) throw refusalError(refusal(400, 'kpi_period'), language);
	if (!caller.id && !caller.admin) throw refusalError(refusal(403, 'kpi_forbidden'), language);

	// Whose month targets of the year the caller reads: Directus decides, under their permissions.
	const targets = new ctx.services.ItemsService<{ owner: string }>('sales_targets', {
		schema: await ctx.getSchema(),
		accountability,
		knex: db,
	});
	const groups = await targets
		.readByQuery({
			filter: {
				period_type: { _eq: 'month' },
				owner: { _nnull: true },
				period_start: { _between: [`${year}-01-01`, `${year}-12-31`] },
			},
			aggregate: { count: ['*'] },
			group: ['owner'],
			limit: -1,
		})
		.catch(() => [] as { owner: string }[]);
	const owners = groups.map((g) => g.owner).filter(Boolean);
	if (owners.length === 0) return { year, withheld: { targets: false, sales: false }, people: [] };

	const [allowed, counts, people] = await Promise.all([
		readableCollections(ctx, accountability, owners, ['sales_targets', 'sales_orders']),
		db(COUNTERS)
			.whereIn('owner', owners)
			.whereIn('metric', ['target_sales', 'signed'])
			.where('month', '>=', `${year}-01`)
			.where('month', '<=', `${year}-12`)
			.select('owner', 'month', 'metric', 'n') as Promise<AttainmentCount[]>,
		db('directus_users').whereIn('id', owners).select('id', 'first_name', 'last_name', 'email') as Promise<UserName[]>,
	]);
	const withheld = { targets: !allowed.has('sales_targets'), sales: !allowed.has('sales_orders') };
	const names = new Map(people.map((u) => [u.id, nameOf(u)]));
	const sorted = [...owners].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'zh-CN'));
	return {
		year,
		withheld,
		people: attainmentLines(year, sorted, counts, withheld).map((line) => ({
			...line,
			name: names.get(line.owner) ?? line.owner,
		})),
	};
}
