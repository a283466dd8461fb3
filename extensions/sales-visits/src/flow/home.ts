/**
 * `GET /visit-flow/home?date=YYYY-MM-DD`: the first screen of every role (the `visit-home`
 * module). Everything is read as the caller: what waits on them across every flow (each
 * item's actions, whom it waits on and by when, as the actions endpoint answers them), their
 * visits of the day in route order, their plan of the month and the front desk's day.
 */
import type { Accountability, Filter } from '@directus/types';
import type { ItemActions } from '../domain/action-model.ts';
import { collectionFlows } from '../domain/action-routes.ts';
import { definitionOf, stateLabel, type AnyFlowKey } from '../domain/flow-table.ts';
import { inbox } from '../domain/home.ts';
import { isIsoDate, PERIOD_YEARS } from '../domain/input.ts';
import { refusal } from '../domain/refusals.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { actionReader, actionsOfRow, type ActionReader } from './actions.ts';
import { refusalError } from './errors.ts';
import { mayUseFrontDesk, receptionsToday } from './receptions.ts';
import { dayRoute } from './route.ts';
import type { FlowContext, Row } from './context.ts';

/** Rows read per collection: the newest open ones; a person has far fewer open items of one kind. */
const CANDIDATES_PER_COLLECTION = 200;
/** Visits further ahead wait on nobody yet (applications are due a day or two before). */
const VISIT_HORIZON_DAYS = 14;

export interface HomeItem extends ItemActions {
	/** Whom or what the item is about: its customer, else its owner. */
	subject: string;
}

/** The states a transition leaves from: a row in none of them waits on nobody. */
const openStates = (flow: AnyFlowKey): string[] => [
	...new Set(Object.values(definitionOf(flow).actions).flatMap((t) => t.from)),
];

/** The rows of `collection` in which any of its flows is still open. */
function openFilter(collection: string, now: Date): Filter {
	const open: Filter = {
		_or: collectionFlows[collection]!.map((flow) => ({
			[definitionOf(flow).statusField]: { _in: openStates(flow) },
		})),
	};
	if (collection !== 'visits') return open;
	const horizon = new Date(now.getTime() + VISIT_HORIZON_DAYS * 86_400_000).toISOString();
	return { _and: [open, { scheduled_start: { _lt: horizon } }] };
}

/** The subject's column: the customer's name where the item has one, else nothing (the owner's name is used). */
const SUBJECT_FIELD: Readonly<Record<string, string>> = { deliveries: 'order.customer.name' };
const subjectField = (collection: string, fields: Record<string, unknown>) =>
	SUBJECT_FIELD[collection] ?? (Object.hasOwn(fields, 'customer') ? 'customer.name' : null);

/** What waits on the caller, oldest deadline first. */
async function waitingOn(ctx: FlowContext, accountability: Accountability | null, reader: ActionReader) {
	const schema = await ctx.getSchema();
	const now = new Date();
	const all: HomeItem[] = [];
	for (const collection of Object.keys(collectionFlows)) {
		// A report's actions are its visit's, which the visits already answer.
		if (collection === 'visit_reports' || !schema.collections[collection]) continue;
		const items = new ctx.services.ItemsService<Row>(collection, { schema, accountability, knex: ctx.database });
		const read = (subject: string | null) =>
			items.readByQuery({
				filter: openFilter(collection, now),
				fields: ['id', ...(subject ? [subject] : [])],
				sort: ['-id'],
				limit: CANDIDATES_PER_COLLECTION,
			});
		const forbidden = (error: { code?: string }) => error?.code === 'FORBIDDEN';
		// Whoever may not read the customer (Legal, of a contract's) is shown the owner instead.
		let subject: string | null = subjectField(collection, schema.collections[collection]!.fields);
		const rows = await read(subject)
			.catch((error) => {
				if (!subject || !forbidden(error)) return Promise.reject(error);
				subject = null;
				return read(null);
			})
			.catch((error) => (forbidden(error) ? [] : Promise.reject(error)));
		if (!rows.length) continue;
		const full = new Map<number, Row>(
			(
				await ctx.database(collection).whereIn(
					'id',
					rows.map((r) => r.id),
				)
			).map((r: Row) => [Number(r.id), r]),
		);
		for (const r of rows) {
			const row = full.get(Number(r.id));
			if (!row) continue;
			const actions = await actionsOfRow(ctx.database, reader, collection, Number(row.id), row);
			const name = subject ? subject.split('.').reduce<unknown>((v, k) => (v as Row | null)?.[k], r) : null;
			const named = typeof name === 'string' && name ? name : await ownerName(ctx, reader, collection, row);
			all.push({ ...actions, subject: named });
		}
	}
	return inbox(all, reader.caller);
}

async function ownerName(ctx: FlowContext, reader: ActionReader, collection: string, row: Row): Promise<string> {
	const flow = collectionFlows[collection]![0]!;
	const key = row[definitionOf(flow).ownerField];
	return typeof key === 'string' ? (await reader.person(ctx.database, key)).name : '';
}

/** Whether the caller keeps a customer book, and so plans its visits (拜访计划). */
async function keepsPlans(ctx: FlowContext, accountability: Accountability): Promise<boolean> {
	const items = new ctx.services.ItemsService<Row>('customers', {
		schema: await ctx.getSchema(),
		accountability,
		knex: ctx.database,
	});
	const mine = await items
		.readByQuery({ filter: { owner: { _eq: accountability.user } }, fields: ['id'], limit: 1 })
		.catch((error: { code?: string }) => (error?.code === 'FORBIDDEN' ? [] : Promise.reject(error)));
	return mine.length > 0;
}

/** The caller's visit plan for the month of `date`, if they have one. */
async function monthPlan(ctx: FlowContext, accountability: Accountability, date: string, reader: ActionReader) {
	const items = new ctx.services.ItemsService<Row>('visit_plans', {
		schema: await ctx.getSchema(),
		accountability,
		knex: ctx.database,
	});
	const [plan] = await items
		.readByQuery({
			filter: {
				owner: { _eq: accountability.user },
				period_type: { _eq: 'month' },
				period_start: { _lte: date },
				period_end: { _gte: date },
			},
			fields: ['id', 'status', 'revision', 'period_start', 'period_end', 'coverage_short_count', 'submit_due_at'],
			sort: ['-revision', '-id'],
			limit: 1,
		})
		.catch((error: { code?: string }) => (error?.code === 'FORBIDDEN' ? [] : Promise.reject(error)));
	return plan ? { ...plan, status_label: stateLabel('plan', String(plan.status))[reader.language] } : null;
}

export async function homeFor(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const reader = await actionReader(ctx, accountability, acceptLanguage);
	if (!accountability?.user) throw refusalError(refusal(403, 'not_found'), reader.language);
	if (query.date !== undefined && !isIsoDate(query.date, PERIOD_YEARS))
		throw refusalError(refusal(400, 'day_or_today'), reader.language);
	const date = (query.date as string | undefined) ?? zonedDate(new Date(), reader.settings.timezone);
	const waiting = await waitingOn(ctx, accountability, reader);
	// Whoever reads no visits (customer service, Finance, Legal) has no route.
	const route = await dayRoute(ctx, accountability, { date }, acceptLanguage).catch((error: { code?: string }) =>
		error?.code === 'FORBIDDEN' ? { date, total_m: 0, stops: [] } : Promise.reject(error),
	);
	// Each visit of the day with its next step (check in, check out, report), as its form would offer.
	const visits = new Map<number, Row>(
		(
			await ctx.database('visits').whereIn(
				'id',
				route.stops.map((s) => s.visit),
			)
		).map((r: Row) => [Number(r.id), r]),
	);
	const stops = [];
	for (const stop of route.stops) {
		const row = visits.get(Number(stop.visit));
		stops.push({
			...stop,
			actions: row ? await actionsOfRow(ctx.database, reader, 'visits', Number(row.id), row) : null,
		});
	}
	const plan = await monthPlan(ctx, accountability, date, reader);
	const { front_desk } = await mayUseFrontDesk(ctx, accountability);
	const receptions = front_desk ? await receptionsToday(ctx, accountability, { date }, acceptLanguage) : null;
	return {
		date,
		person: { name: reader.caller.name, position: reader.caller.position },
		waiting,
		route: { ...route, stops },
		plan,
		keeps_plans: plan !== null || (await keepsPlans(ctx, accountability)),
		receptions,
		language: reader.language,
	};
}
