/**
 * Targets in the API shell: `POST /visit-targets/split` breaks an approved target down into draft
 * children (by people, or by months), `POST /visit-flow/targets/:id/revise` makes a new draft
 * revision of an approved one, and approving a revision sets the one it replaces aside. The
 * arithmetic and the rules are domain/targets.ts'; every write is under the parent's row lock.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import type { Caller } from '../domain/approval.ts';
import { isUuid, toId } from '../domain/input.ts';
import { toCents } from '../domain/money.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { maySalesTake } from '../domain/sales-flows.ts';
import {
	amountsOf,
	columnsOf,
	defaultWeights,
	mayShareTo,
	maySplitTargets,
	monthsOf,
	periodWeights,
	sharePersonProblem,
	sharesProblem,
	splitAmounts,
	splitProblem,
	targetLevel,
	weightsProblem,
	type PeriodType,
	type SplitParent,
} from '../domain/targets.ts';
import { clearDataCache } from './cache.ts';
import type { ActionRequest, FlowContext, Row, Writer } from './context.ts';
import { asDirectusError, Refused, refusalError } from './errors.ts';
import { loadFacts } from './facts.ts';
import { loadCaller, loadPeople, loadPerson } from './people.ts';
import { readableKeys, seesAs } from './readable.ts';
import { loadSettings } from './settings.ts';
import { toDate, vendorValues } from './values.ts';
import { flowAccountability, inFlowTransaction, lockVisible } from './writer.ts';

/**
 * Last year's signed sales (orders not cancelled) of the target's person, team (the manager and
 * the people who report to them) or the whole company, per month, in cents: the default weights.
 */
async function lastYearSales(knex: Knex, parent: Row): Promise<number[]> {
	const year = Number(toDate(parent.period_start).slice(0, 4)) - 1;
	const v = vendorValues(knex);
	// Only last year's rows leave the database; SQLite keeps dates as epoch milliseconds, so months are told apart here.
	const query = knex('sales_orders')
		.whereNot('status', 'cancelled')
		.where('signed_at', '>=', v.date(`${year}-01-01`))
		.where('signed_at', '<', v.date(`${year + 1}-01-01`))
		.select('signed_at', 'amount');
	if (parent.owner) query.where('owner', parent.owner);
	else if (parent.team)
		query.whereIn('owner', (q) =>
			q.from('directus_users').where('reports_to', parent.team).orWhere('id', parent.team).select('id'),
		);
	const months = Array.from({ length: 12 }, () => 0);
	for (const order of (await query) as { signed_at: unknown; amount: unknown }[]) {
		const day = toDate(order.signed_at);
		months[Number(day.slice(5, 7)) - 1]! += toCents(order.amount) ?? 0;
	}
	return months;
}

interface SplitBody {
	parent: number;
	weights: number[] | null;
	shares: Record<string, number> | null;
}

/** The body checked: a parent id, and shares or weights (neither: the default month weights). */
function readBody(body: unknown): SplitBody | FlowRefusal {
	const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
	const parent = toId(b.parent);
	if (parent === null) return refusal(400, 'bad_request');
	const weights = b.weights ?? null;
	const shares = b.shares ?? null;
	if (weights !== null && shares !== null) return refusal(400, 'target_split_both');
	const problem =
		(weights !== null ? weightsProblem(weights) : null) ?? (shares !== null ? sharesProblem(shares) : null);
	if (problem) return problem;
	return { parent, weights: weights as number[] | null, shares: shares as Record<string, number> | null };
}

/** The children's rows: one per person named in the shares, or one per month of the parent's period. */
async function childRows(
	trx: Knex,
	parent: Row,
	split: SplitParent,
	body: SplitBody,
): Promise<Record<string, unknown>[]> {
	const amounts = amountsOf(parent);
	const base = { parent: parent.id, status: 'draft', revision: 1 };
	if (body.shares) {
		const keys = Object.keys(body.shares);
		// At most SHARES_MAX keys; one that is not a user id names nobody.
		const people = await loadPeople(trx, keys.filter(isUuid));
		for (const key of keys) {
			const problem = sharePersonProblem(split, people.get(key.toLowerCase()) ?? null, key);
			if (problem) throw new Refused(problem);
		}
		const parts = splitAmounts(
			amounts,
			keys.map((k) => body.shares![k]!),
		);
		const who = split.level === 'company' ? 'team' : 'owner';
		return keys.map((key, i) => ({
			...base,
			period_type: parent.period_type,
			period_start: toDate(parent.period_start),
			[who]: key,
			...columnsOf(parts[i]!),
		}));
	}
	const start = toDate(parent.period_start);
	const type = parent.period_type as PeriodType;
	const weights = periodWeights(type, start, body.weights ?? defaultWeights(await lastYearSales(trx, parent)));
	if ('code' in weights) throw new Refused(weights);
	const parts = splitAmounts(amounts, weights);
	return monthsOf(type, start).map((month, i) => ({
		...base,
		period_type: 'month',
		period_start: month,
		team: parent.team ?? null,
		owner: parent.owner ?? null,
		...columnsOf(parts[i]!),
	}));
}

/**
 * `POST /visit-targets/split { parent, weights?, shares? }`: the approved parent broken down into
 * draft children, whose amounts add up to the parent's to the cent. Returns them as the caller sees them.
 */
export async function splitTarget(
	ctx: FlowContext,
	accountability: Accountability | null,
	rawBody: unknown,
	acceptLanguage?: string,
): Promise<Record<string, unknown>[]> {
	const { caller, language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const body = readBody(rawBody);
	if ('code' in body) throw refusalError(body, language);
	const ids = await inFlowTransaction(ctx.database, async (trx) => {
		const schema = await ctx.getSchema({ database: trx });
		await lockVisible(ctx, trx, schema, 'sales_targets', body.parent, accountability);
		const parent: Row = await trx('sales_targets').where({ id: body.parent }).first();
		const level = targetLevel(parent);
		const subjectKey = parent.owner ?? parent.team;
		const children = await trx('sales_targets').where({ parent: parent.id }).count({ n: '*' }).first();
		const split: SplitParent = {
			level,
			period_type: parent.period_type,
			status: parent.status,
			subject: subjectKey ? await loadPerson(trx, subjectKey) : null,
			children: Number(children?.n ?? 0),
		};
		const problem = splitProblem(caller, split, body.shares !== null);
		if (problem) throw new Refused(problem);
		const rows = await childRows(trx, parent, split, body);
		const writer = new ctx.services.ItemsService('sales_targets', {
			schema,
			accountability: flowAccountability(accountability),
			knex: trx,
		});
		return writer.createMany(rows);
	}).catch(asDirectusError(language));
	await clearDataCache(ctx);
	const items = new ctx.services.ItemsService('sales_targets', {
		schema: await ctx.getSchema(),
		accountability,
		knex: ctx.database,
	});
	return items.readMany(ids, { sort: ['id'] });
}

type Stamping = Omit<ActionRequest, 'flow' | 'action'>;

/**
 * `POST /visit-flow/targets/:id/revise`: an approved target changes as a new draft (revision + 1,
 * `previous` the approved one) that goes through approval again; the approved one stays as it is
 * and counts until its revision is approved. One approval_log row, on the new revision.
 */
export async function reviseTarget(ctx: FlowContext, request: Stamping): Promise<Record<string, unknown>> {
	const { caller, language } = await loadCaller(ctx.database, request.accountability, request.acceptLanguage);
	const created = await inFlowTransaction(ctx.database, async (trx) => {
		const schema = await ctx.getSchema({ database: trx });
		await lockVisible(ctx, trx, schema, 'sales_targets', request.id, request.accountability);
		const row: Row = await trx('sales_targets').where({ id: request.id }).first();
		const settings = await loadSettings(trx);
		const { facts, approverName } = await loadFacts(
			trx,
			'target',
			row,
			settings,
			seesAs(ctx, request.accountability, trx),
		);
		const problem = maySalesTake('target', 'revise', facts, caller, approverName);
		if (problem) throw new Refused(problem);
		const writer: Writer = (collection) =>
			new ctx.services.ItemsService(collection, {
				schema,
				accountability: flowAccountability(request.accountability),
				knex: trx,
			});
		const id = await writer('sales_targets').createOne({
			period_type: row.period_type,
			period_start: toDate(row.period_start),
			team: row.team,
			owner: row.owner,
			...columnsOf(amountsOf(row)),
			parent: row.parent,
			status: 'draft',
			revision: Number(row.revision ?? 1) + 1,
			previous: row.id,
		});
		await writer('approval_log').createOne(reviseLog(id, caller, request.comment ?? null));
		return id;
	}).catch(asDirectusError(language));
	await clearDataCache(ctx);
	const items = new ctx.services.ItemsService('sales_targets', {
		schema: await ctx.getSchema(),
		accountability: request.accountability,
		knex: ctx.database,
	});
	return items.readOne(created);
}

const reviseLog = (id: string | number, caller: Caller, comment: string | null) => ({
	collection: 'sales_targets',
	item: String(id),
	from_status: 'approved',
	to_status: 'draft',
	actor: caller.id || null,
	at: new Date().toISOString(),
	comment: comment?.trim() || null,
});

/** An approved revision replaces the one it was made from: that one stays approved and stops counting. */
export async function supersedePrevious(trx: Knex, row: Row): Promise<void> {
	if (row.previous) await trx('sales_targets').where({ id: row.previous }).update({ superseded_by: row.id });
}

/** Whom a split by people may name, as the split screen lists them. */
type ShareCandidate = { id: string; first_name: string | null; last_name: string | null; email: string | null };

/**
 * `GET /visit-targets/weights?parent=<target id>`: the defaults of a split, from the same code as
 * the split, so that the Studio shows them and holds no rule of its own: the month weights a split
 * by months would use when given none (last year's signed sales, equal months without them), and
 * the active people a split by people may name (`mayShareTo`). 404 for a target the caller may not
 * read; the numbers are the caller's own sales or their team's, which they read already.
 */
export async function defaultMonthWeights(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
): Promise<{
	parent: number;
	months: string[];
	weights: number[];
	basis: 'last_year' | 'equal';
	people: ShareCandidate[];
}> {
	const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const id = toId(query.parent);
	if (id === null) throw refusalError(refusal(400, 'bad_request'), language);
	const seen = await readableKeys(ctx, accountability, ctx.database, 'sales_targets', [id]);
	if (!seen.has(String(id))) throw refusalError(refusal(404, 'not_found'), language);
	const parent: Row = await ctx.database('sales_targets').where({ id }).first();
	const start = toDate(parent.period_start);
	const type = parent.period_type as PeriodType;
	if (type === 'month') throw refusalError(refusal(409, 'target_split_month'), language);
	const subjectKey = parent.owner ?? parent.team;
	const [lastYear, subject, active] = await Promise.all([
		lastYearSales(ctx.database, parent),
		subjectKey ? loadPerson(ctx.database, subjectKey) : null,
		ctx
			.database('directus_users')
			.select('id', 'first_name', 'last_name', 'email', 'position', 'reports_to')
			.where({ status: 'active' })
			.orderBy('email'),
	]);
	const picked = periodWeights(type, start, defaultWeights(lastYear));
	const split = { level: targetLevel(parent), subject };
	return {
		parent: id,
		months: monthsOf(type, start),
		// A quarter without last year's sales in its own months: the split refuses them as all zero, shown as such.
		weights: 'code' in picked ? monthsOf(type, start).map(() => 0) : picked,
		basis: lastYear.some((c) => c > 0) ? 'last_year' : 'equal',
		people: active
			.filter((person) => mayShareTo(split, person))
			.map(({ id, first_name, last_name, email }) => ({ id, first_name, last_name, email })),
	};
}

/**
 * `GET /visit-targets/may-split`: whether the caller breaks targets down (an Administrator, a General
 * Manager, or whoever active people report to), so that the Studio shows the split screen to them only.
 */
export async function mayCallerSplit(
	ctx: FlowContext,
	accountability: Accountability | null,
	acceptLanguage?: string,
): Promise<{ split: boolean }> {
	const { caller } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const reports = caller.id
		? await ctx.database('directus_users').where({ reports_to: caller.id, status: 'active' }).count({ n: '*' }).first()
		: null;
	return { split: maySplitTargets(caller, Number(reports?.n ?? 0)) };
}
