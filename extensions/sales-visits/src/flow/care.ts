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
	birthdayWindow,
	careReminderKey,
	festivalDue,
	complaintRevisitDue,
	firstRevisitDue,
	periodOf,
	complaintDeadlines,
	scheduleKey,
	type Period,
} from '../domain/care.ts';
import type { ItemFacts } from '../domain/approval.ts';
import { festivals } from '../domain/choices.ts';
import { pickLanguage } from '../domain/language.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { CARE_REMINDER_MARKS, CARE_REMINDERS, MARKS, PERIODIC_REVISITS } from '../setup/sweep-marks.ts';
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
		resolution_due_at: toIso(row.resolution_due_at),
		resolution: row.resolution ?? null,
		cause: row.cause ?? null,
		corrective_action: row.corrective_action ?? null,
		valid: row.valid === null || row.valid === undefined ? true : Boolean(row.valid),
		revisit_status: revisit?.status ?? null,
	};
}

/**
 * An unresolved complaint's deadlines follow its received_at and severity (later changes to the
 * settings do not move them), and so do its late flags.
 */
export async function deriveResponseDue(
	ctx: FlowContext,
	accountability: Accountability | null,
	ids: (number | string)[],
): Promise<void> {
	const settings = await loadSettings(ctx.database);
	const rows: {
		id: number;
		status: string;
		received_at: unknown;
		severity: string;
		response_due_at: unknown;
		resolution_due_at: unknown;
	}[] = await ctx
		.database('complaints')
		.whereIn('id', ids)
		.whereIn('status', ['open', 'responded'])
		.select('id', 'status', 'received_at', 'severity', 'response_due_at', 'resolution_due_at');
	for (const row of rows) {
		const received = toInstant(row.received_at);
		if (!received) continue;
		const due = complaintDeadlines(received, row.severity, settings);
		const patch: Record<string, unknown> = {};
		const future = (d: Date) => d > new Date();
		// The response deadline of an answered complaint stays as it was answered against.
		if (row.status === 'open' && toIso(row.response_due_at) !== due.response_due_at.toISOString()) {
			patch.response_due_at = due.response_due_at.toISOString();
			// A deadline moved into the future is not missed (yet); one in the past is left for the sweep to flag and tell.
			if (future(due.response_due_at)) patch.response_late = false;
		}
		if (toIso(row.resolution_due_at) !== due.resolution_due_at.toISOString()) {
			patch.resolution_due_at = due.resolution_due_at.toISOString();
			if (future(due.resolution_due_at)) patch.resolution_late = false;
		}
		if (Object.keys(patch).length === 0) continue;
		await inFlowTransaction(ctx.database, async (trx) => {
			const items = new ctx.services.ItemsService('complaints', {
				schema: await ctx.getSchema({ database: trx }),
				accountability: flowAccountability(accountability),
				knex: trx,
			});
			await items.updateOne(row.id, patch);
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
	const stamp = JSON.stringify([
		threshold,
		...rules.map(([kind, , months]) => [kind, periodOf(today, months).start]),
		['warranty', periodOf(today, 6).start],
	]);
	const due = await trx(MARKS)
		.where('id', PERIODIC_REVISITS)
		.where((q) => q.where('dirty', true).orWhereNull('stamp').orWhereNot('stamp', stamp))
		.update({ dirty: false, stamp });
	if (!due) return 0;
	let added = 0;
	for (const [kind, channel, months, which] of rules)
		added += await insertForPeriod(trx, kind, channel, periodOf(today, months), which, now);
	return added + (await insertWarrantyRevisits(trx, periodOf(today, 6), today, now));
}

/**
 * 质保期内每半年回访: one maintenance phone revisit per non-cancelled order and half year while its
 * warranty lasts (`warranty_until` is today or later when the half year's run comes), due at the half year's end
 * or the warranty's, whichever is first, with the customer's owner. One INSERT … SELECT.
 */
async function insertWarrantyRevisits(
	trx: Knex.Transaction,
	period: Period,
	today: string,
	now: Date,
): Promise<number> {
	const pg = trx.client.config.client === 'pg';
	const v = vendorValues(trx);
	const { prefix, suffix } = scheduleKey.warranty(period);
	const typed = (type: string) => (pg ? `CAST(? AS ${type})` : '?');
	const keyOf = 'CAST(? AS TEXT) || CAST(o.id AS TEXT) || CAST(? AS TEXT)';
	const select = trx('sales_orders as o')
		.join('customers as c', 'c.id', 'o.customer')
		.select(
			'o.customer',
			trx.raw('?', ['maintenance']),
			trx.raw('?', ['phone']),
			trx.raw(`CASE WHEN o.warranty_until < ${typed('date')} THEN o.warranty_until ELSE ${typed('date')} END`, [
				v.date(period.end),
				v.date(period.end),
			]),
			trx.raw('?', ['scheduled']),
			'c.owner',
			trx.raw(keyOf, [prefix, suffix]),
			'o.id',
			trx.raw(typed('timestamp with time zone'), [v.instant(now)]),
		)
		.whereNot('o.status', 'cancelled')
		.whereNotNull('o.warranty_until')
		.where('o.warranty_until', '>=', v.date(today))
		.where('c.status', 'active')
		.whereNotNull('c.owner')
		.whereNotExists((q) =>
			q.select(trx.raw('1')).from('revisits as r').whereRaw(`r.schedule_key = ${keyOf}`, [prefix, suffix]),
		);
	const result = await trx.raw(
		`INSERT INTO revisits (customer, kind, channel, due_date, status, owner, schedule_key, source_order, date_created) ${select.toQuery()} ON CONFLICT (schedule_key) DO NOTHING RETURNING id`,
	);
	return (pg ? result.rows : result).length;
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

/** One care reminder: what it is for (its mark), who is told and what. */
interface CareReminder {
	kind: 'birthday' | 'festival';
	ref: string;
	year: number;
	recipient: string;
	subject: (zh: boolean) => string;
	collection: string;
	item: string;
}

/** Rows per multi-row INSERT: under SQLite's limit on bound parameters. */
const CHUNK = 500;

/**
 * 客户关怀: a notice to the customer's owner `birthday_reminder_days` before a contact's birthday
 * (29 February on the 28th in other years) and before each festival marked in the work calendar
 * (one per owner of active customers), in the owner's language. Each is sent once per contact
 * (festival and owner) and year: its mark is inserted with ON CONFLICT DO NOTHING in the sweep's
 * transaction and only the marks that went in are told, so a rerun or a second instance sends
 * nothing again. The scan runs at most once a day (a stamp of the day and the setting), and
 * again after a contact or the work calendar was written (the sweep mark's triggers).
 */
export async function sendCareReminders(
	trx: Knex.Transaction,
	today: string,
	settings: VisitSettings,
	now: Date,
	project: string | null,
): Promise<number> {
	const days = settings.birthday_reminder_days;
	const stamp = `${today}:${days}`;
	const due = await trx(MARKS)
		.where('id', CARE_REMINDERS)
		.where((q) => q.where('dirty', true).orWhereNull('stamp').orWhereNot('stamp', stamp))
		.update({ dirty: false, stamp });
	if (!due) return 0;
	const pg = trx.client.config.client === 'pg';
	const reminders: CareReminder[] = [];

	// Birthdays: the month and day as stored (SQLite may hold a date as epoch milliseconds).
	const monthDay = pg
		? "to_char(ct.birthday, 'MM-DD')"
		: "CASE WHEN typeof(ct.birthday) IN ('integer', 'real') OR ct.birthday NOT LIKE '%-%' THEN strftime('%m-%d', ct.birthday / 1000, 'unixepoch') ELSE substr(ct.birthday, 6, 5) END";
	for (const { year, monthDays } of birthdayWindow(today, days)) {
		const contacts: { id: number; name: string; md: string; customer: string; owner: string }[] = await trx(
			'contacts as ct',
		)
			.join('customers as c', 'c.id', 'ct.customer')
			.where('c.status', 'active')
			.whereNotNull('c.owner')
			.whereNotNull('ct.birthday')
			.whereRaw(`${monthDay} IN (${monthDays.map(() => '?').join(', ')})`, monthDays)
			.whereNotExists((q) =>
				q
					.select(trx.raw('1'))
					.from(`${CARE_REMINDER_MARKS} as m`)
					.where('m.kind', 'birthday')
					.where('m.year', year)
					.whereRaw(`m.ref = ${pg ? 'ct.id::text' : 'CAST(ct.id AS TEXT)'}`),
			)
			.select('ct.id', 'ct.name', trx.raw(`${monthDay} AS md`), 'c.name as customer', 'c.owner');
		for (const ct of contacts)
			reminders.push({
				kind: 'birthday',
				ref: careReminderKey.birthday(ct.id),
				year,
				recipient: ct.owner,
				collection: 'contacts',
				item: String(ct.id),
				subject: (zh) =>
					zh
						? `客户关怀：${ct.customer} 的联系人 ${ct.name} 的生日是 ${ct.md}，请送上祝福`
						: `Customer care: ${ct.name} of ${ct.customer} has a birthday on ${ct.md}; send your wishes`,
			});
	}

	// Festivals: the marked days ahead (a few a year, read whole), one notice per owner of active customers.
	const marked = (
		(await trx('work_calendar').whereNotNull('festival').select('id', 'date', 'festival')) as {
			id: number;
			date: unknown;
			festival: keyof typeof festivals;
		}[]
	)
		.map((r) => ({ ...r, date: toDate(r.date) }))
		.filter((r) => festivals[r.festival] && festivalDue(r.date, today, days));
	if (marked.length > 0) {
		const owners: string[] = (
			await trx('customers as c')
				.join('directus_users as u', 'u.id', 'c.owner')
				.where('c.status', 'active')
				.where('u.status', 'active')
				.distinct('c.owner')
		).map((r: { owner: string }) => r.owner);
		for (const day of marked) {
			const year = Number(day.date.slice(0, 4));
			const name = festivals[day.festival];
			for (const owner of owners)
				reminders.push({
					kind: 'festival',
					ref: careReminderKey.festival(day.festival, owner),
					year,
					recipient: owner,
					collection: 'work_calendar',
					item: String(day.id),
					subject: (zh) =>
						zh
							? `客户关怀：${name['zh-CN']}（${day.date}）将至，请向您的客户致以节日问候`
							: `Customer care: ${name['en-US']} (${day.date}) is coming; send your customers the season’s greetings`,
				});
		}
	}
	if (reminders.length === 0) return 0;

	// The marks first: only those that went in (not another instance's or an earlier run's) are told.
	const v = vendorValues(trx);
	const fresh = new Set<string>();
	for (let i = 0; i < reminders.length; i += CHUNK) {
		const inserted: { kind: string; ref: string; year: number }[] = await trx(CARE_REMINDER_MARKS)
			.insert(
				reminders.slice(i, i + CHUNK).map((r) => ({ kind: r.kind, ref: r.ref, year: r.year, sent_at: v.instant(now) })),
				['kind', 'ref', 'year'],
			)
			.onConflict(['kind', 'ref', 'year'])
			.ignore();
		for (const m of inserted) fresh.add(`${m.kind}|${m.ref}|${Number(m.year)}`);
	}
	const told = reminders.filter((r) => fresh.has(`${r.kind}|${r.ref}|${r.year}`));
	if (told.length === 0) return 0;
	const languages = new Map(
		(
			await trx('directus_users')
				.whereIn('id', [...new Set(told.map((r) => r.recipient))])
				.select('id', 'language')
		).map((u: { id: string; language: string | null }) => [u.id, pickLanguage({ profile: u.language, project })]),
	);
	const rows = told
		.filter((r) => languages.has(r.recipient))
		.map((r) => ({
			timestamp: v.instant(now),
			status: 'inbox',
			recipient: r.recipient,
			sender: null,
			subject: r.subject(languages.get(r.recipient) === 'zh-CN'),
			message: null,
			collection: r.collection,
			item: r.item,
		}));
	for (let i = 0; i < rows.length; i += CHUNK) await trx('directus_notifications').insert(rows.slice(i, i + CHUNK));
	return rows.length;
}
