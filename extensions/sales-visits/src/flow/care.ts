/**
 * Customer care on the database: the revisits the server schedules (after a sale, after a
 * complaint, every period for active buyers and key accounts) and a complaint's response
 * deadline. Every scheduled revisit carries a unique `schedule_key` and is inserted with
 * ON CONFLICT DO NOTHING, so a trigger that fires twice, or two instances at once, add it once;
 * the periodic ones select only the keys not there yet, so a sweep with nothing to schedule
 * takes no id from the sequence.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import {
	complaintRevisitDue,
	firstRevisitDue,
	periodOf,
	responseDueAt,
	scheduleKey,
	type Period,
} from '../domain/care.ts';
import type { ItemFacts } from '../domain/approval.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { MARKS, PERIODIC_REVISITS } from '../setup/sweep-marks.ts';
import { clearDataCache } from './cache.ts';
import { loadSettings, type VisitSettings } from './settings.ts';
import type { FlowContext, Row } from './context.ts';
import { toDate, toInstant, toIso, vendorValues } from './values.ts';
import { flowAccountability, inFlowTransaction } from './writer.ts';

interface NewRevisit {
	customer: number;
	kind: 'first_after_sale' | 'complaint';
	channel: 'phone';
	due_date: string;
	owner: string;
	schedule_key: string;
	source_order?: number;
	source_complaint?: number;
}

/** One multi-row INSERT of the rows whose key is not there yet (a conflict would still take an id on Postgres); returns how many. */
async function insertRevisits(knex: Knex, all: NewRevisit[], now: Date): Promise<number> {
	const existing = new Set(
		all.length === 0
			? []
			: await knex('revisits')
					.whereIn(
						'schedule_key',
						all.map((r) => r.schedule_key),
					)
					.pluck('schedule_key'),
	);
	const rows = all.filter((r) => !existing.has(r.schedule_key));
	if (rows.length === 0) return 0;
	const v = vendorValues(knex);
	const inserted = await knex('revisits')
		.insert(
			rows.map((r) => ({ ...r, due_date: v.date(r.due_date), status: 'scheduled', date_created: v.instant(now) })),
			['id'],
		)
		.onConflict('schedule_key')
		.ignore();
	return inserted.length;
}

/** 产品售出一个月内首次回访: each non-cancelled order gets its first revisit, by the order's owner. */
export async function scheduleFirstRevisits(ctx: FlowContext, orderIds: (number | string)[]): Promise<void> {
	const settings = await loadSettings(ctx.database);
	const orders: { id: number; customer: number; owner: string | null; signed_at: unknown }[] = await ctx
		.database('sales_orders')
		.whereIn('id', orderIds)
		.whereNot('status', 'cancelled')
		.whereNotNull('owner')
		.whereNotNull('signed_at')
		.select('id', 'customer', 'owner', 'signed_at');
	const added = await insertRevisits(
		ctx.database,
		orders.map((o) => ({
			customer: o.customer,
			kind: 'first_after_sale',
			channel: 'phone',
			due_date: firstRevisitDue(toDate(o.signed_at), settings.first_revisit_days),
			owner: o.owner!,
			schedule_key: scheduleKey.firstAfterSale(o.id),
			source_order: o.id,
		})),
		new Date(),
	);
	if (added > 0) await clearDataCache(ctx);
}

/** 处理投诉后及时回访: the revisit of a complaint being resolved, in the resolving transaction, by the complaint's owner. */
export async function scheduleComplaintRevisit(
	trx: Knex.Transaction,
	complaint: Row,
	settings: VisitSettings,
	now: Date,
): Promise<void> {
	await insertRevisits(
		trx,
		[
			{
				customer: complaint.customer,
				kind: 'complaint',
				channel: 'phone',
				due_date: complaintRevisitDue(zonedDate(now, settings.timezone), settings.complaint_revisit_days),
				owner: complaint.owner,
				schedule_key: scheduleKey.complaint(complaint.id),
				source_complaint: complaint.id,
			},
		],
		now,
	);
}

/** What the complaint flow needs beside the status: its deadline, resolution and the state of its revisit. */
export async function complaintFacts(trx: Knex, row: Row): Promise<Partial<ItemFacts>> {
	const revisit = await trx('revisits')
		.where({ schedule_key: scheduleKey.complaint(row.id) })
		.first('status');
	return {
		response_due_at: toIso(row.response_due_at),
		resolution: row.resolution ?? null,
		revisit_status: revisit?.status ?? null,
	};
}

/** An open complaint's response deadline follows its received_at (later changes to the setting do not move it), and so does its late flag. */
export async function deriveResponseDue(
	ctx: FlowContext,
	accountability: Accountability | null,
	ids: (number | string)[],
): Promise<void> {
	const { complaint_response_minutes: minutes } = await loadSettings(ctx.database);
	const rows: { id: number; received_at: unknown; response_due_at: unknown }[] = await ctx
		.database('complaints')
		.whereIn('id', ids)
		.where('status', 'open')
		.select('id', 'received_at', 'response_due_at');
	for (const row of rows) {
		const received = toInstant(row.received_at);
		if (!received) continue;
		const due = responseDueAt(received, minutes);
		if (toIso(row.response_due_at) === due.toISOString()) continue;
		await inFlowTransaction(ctx.database, async (trx) => {
			const items = new ctx.services.ItemsService('complaints', {
				schema: await ctx.getSchema({ database: trx }),
				accountability: flowAccountability(accountability),
				knex: trx,
			});
			// A deadline moved into the future is not missed (yet); one in the past is left for the sweep to flag and tell.
			await items.updateOne(row.id, {
				response_due_at: due.toISOString(),
				...(due > new Date() ? { response_late: false } : {}),
			});
		});
	}
}

/**
 * The periodic revisits of the current period, one INSERT … SELECT per rule: a phone call to
 * every active customer with an order (常规电话回访), a visit on site to key accounts (大客户现场回访),
 * more often to the largest (特大型客户). Due by the end of the period, with the customer's owner.
 */
export async function schedulePeriodicRevisits(
	trx: Knex.Transaction,
	today: string,
	settings: VisitSettings,
	now: Date,
): Promise<number> {
	const threshold = settings.largest_account_annual_purchase;
	const buyers = (q: Knex.QueryBuilder) =>
		q.whereExists((o) =>
			o.select(trx.raw('1')).from('sales_orders as o').whereRaw('o.customer = c.id').whereNot('o.status', 'cancelled'),
		);
	const largest = (q: Knex.QueryBuilder) => q.where('c.annual_purchase', '>=', threshold);
	const key = (q: Knex.QueryBuilder) =>
		q
			.whereNotNull('c.key_account_class')
			.where((w) => w.whereNull('c.annual_purchase').orWhere('c.annual_purchase', '<', threshold));
	const rules: [
		kind: 'periodic_phone' | 'key_account_onsite',
		channel: 'phone' | 'onsite',
		months: number,
		which: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
	][] = [
		['periodic_phone', 'phone', settings.periodic_revisit_months, buyers],
		['key_account_onsite', 'onsite', settings.largest_account_revisit_months, largest],
		['key_account_onsite', 'onsite', settings.key_account_revisit_months, key],
	];
	// Nothing written since the last full run and the same periods and settings: nothing to read.
	const stamp = JSON.stringify([threshold, ...rules.map(([kind, , months]) => [kind, periodOf(today, months).start])]);
	const due = await trx(MARKS)
		.where('id', PERIODIC_REVISITS)
		.where((q) => q.where('dirty', true).orWhereNull('stamp').orWhereNot('stamp', stamp))
		.update({ dirty: false, stamp });
	if (!due) return 0;
	let added = 0;
	for (const [kind, channel, months, which] of rules)
		added += await insertForPeriod(trx, kind, channel, periodOf(today, months), which, now);
	return added;
}

async function insertForPeriod(
	trx: Knex.Transaction,
	kind: string,
	channel: string,
	period: Period,
	which: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
	now: Date,
): Promise<number> {
	const pg = trx.client.config.client === 'pg';
	const v = vendorValues(trx);
	const { prefix, suffix } = scheduleKey.periodic(kind as 'periodic_phone', period);
	// Postgres types a bare parameter in a SELECT list as text: cast the date and the stamp.
	const typed = (type: string) => (pg ? `CAST(? AS ${type})` : '?');
	const keyOf = 'CAST(? AS TEXT) || CAST(c.id AS TEXT) || CAST(? AS TEXT)';
	const select = which(
		trx('customers as c')
			.select(
				'c.id',
				trx.raw('?', [kind]),
				trx.raw('?', [channel]),
				trx.raw(typed('date'), [v.date(period.end)]),
				trx.raw('?', ['scheduled']),
				'c.owner',
				trx.raw(keyOf, [prefix, suffix]),
				trx.raw(typed('timestamp with time zone'), [v.instant(now)]),
			)
			.where('c.status', 'active')
			.whereNotNull('c.owner')
			// Only the keys not scheduled yet: a conflicting row would still take a value of the id
			// sequence on Postgres, so an idle sweep would use up the integer ids in months.
			.whereNotExists((q) =>
				q.select(trx.raw('1')).from('revisits as r').whereRaw(`r.schedule_key = ${keyOf}`, [prefix, suffix]),
			),
	);
	const result = await trx.raw(
		`INSERT INTO revisits (customer, kind, channel, due_date, status, owner, schedule_key, date_created) ${select.toQuery()} ON CONFLICT (schedule_key) DO NOTHING RETURNING id`,
	);
	return (pg ? result.rows : result).length;
}
