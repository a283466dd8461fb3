/**
 * The deadline sweeps: unsubmitted reports past due become overdue, scheduled visits whose
 * day has passed become missed, open follow-ups past due are flagged, reports due soon get
 * one reminder, reps without a daily report after its due time get one notice, revisits past
 * their due date become missed, open complaints past their response deadline are flagged, sent
 * quotes past their last valid day expire, orders' open payment schedules past their due date
 * become overdue, the current period's periodic revisits are scheduled, each rep gets the
 * current week's and month's report drafts and drafts near their deadline get one reminder, and
 * the month, quarter and year just ended get their appraisal drafts.
 *
 * Each rule is one set-based statement on Postgres (an UPDATE … RETURNING feeding the
 * approval_log and notification INSERTs in one CTE); SQLite, without data-modifying CTEs,
 * takes the UPDATE … RETURNING and multi-row INSERTs. All rules run in one transaction, each
 * in a savepoint of its own, so one failing rule is logged and does not take the others down.
 * Exactly once on several instances: Postgres re-checks an UPDATE's WHERE on rows another
 * transaction changed first, so a row is returned to one instance only; a transaction-level
 * advisory lock also keeps two instances from sweeping at once, which the daily-report rule
 * (no row to update) needs.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { definitionOf, type AnyFlowKey } from '../domain/flow-table.ts';
import { pickLanguage } from '../domain/language.ts';
import { refusal } from '../domain/refusals.ts';
import { isWorkday } from '../domain/work-days.ts';
import { reportPeriodTypes } from '../domain/choices.ts';
import { zonedDate, zonedInstant, zonedMinute } from '../domain/zoned-time.ts';
import { clearDataCache } from './cache.ts';
import { sweepCommission } from './commission.ts';
import { schedulePeriodicRevisits, sendCareReminders } from './care.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { loadCalendar, loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';
import { createPeriodDrafts } from './periodic-reports.ts';
import { generateEndedPeriods } from './appraisals.ts';
import { toDate, toInstant, vendorValues } from './values.ts';

/** The key of the sweeps' advisory lock: any fixed 64-bit number the project owns. */
export const SWEEP_LOCK = 7_212_026_001;

type Notice = [zh: string, en: string];

export interface SweepCounts {
	overdue_reports: number;
	missed_visits: number;
	overdue_follow_ups: number;
	report_reminders: number;
	daily_report_reminders: number;
	/** 周报 / 月报 drafts made at the start of a period, and drafts reminded of their deadline. */
	periodic_reports: number;
	periodic_report_reminders: number;
	/** 接待报告: held receptions whose report is due soon or overdue, reminded once. */
	reception_report_reminders: number;
	/** 考核: drafts made for the month, quarter and year that ended last (once per period). */
	appraisals: number;
	scheduled_revisits: number;
	/** 客户关怀: birthday and festival reminders sent (each once per contact, or festival and owner, and year). */
	care_reminders: number;
	missed_revisits: number;
	late_complaints: number;
	/** Complaints unresolved past their resolution deadline, flagged and escalated to the General Managers (once). */
	escalated_complaints: number;
	expired_quotes: number;
	overdue_schedules: number;
	/** 提成单 drafts of the month just ended, made or brought up to date (once a month). */
	commission_statements: number;
	/** The rules that failed (rolled back to their savepoint and logged); the others committed. */
	failed: string[];
}

/**
 * The transitions the sweeps take: every `by: 'system'` transition of the tables in
 * domain/approval.ts, and those of domain/sales-flows.ts that a deadline takes (the others
 * follow from another flow's step: a signed contract wins its opportunity).
 */
export const SWEPT = {
	overdue_reports: ['report', 'expire'],
	missed_visits: ['visit', 'miss'],
	missed_revisits: ['revisit', 'miss'],
	expired_quotes: ['quote', 'expire'],
	overdue_schedules: ['payment_schedule', 'mark_overdue'],
} as const satisfies Record<string, [AnyFlowKey, string]>;

/** A sweep's state change as its flow's table has it. */
export function sweptStep(rule: keyof typeof SWEPT) {
	const [flow, action] = SWEPT[rule];
	const { collection, statusField, actions } = definitionOf(flow);
	const transition = actions[action];
	// One state to come from, so the log row names it without reading the row first.
	if (transition?.by !== 'system' || transition.from.length !== 1)
		throw new Error(`visit-flow: ${flow} ${action} is not a transition a sweep can take`);
	return { collection, statusField, from: transition.from[0]!, to: transition.to };
}

/** One rule: an UPDATE of the rows past a deadline, the log row (for state changes) and the owner's notice for each. */
interface Rule {
	update: Knex.QueryBuilder;
	log: { collection: string; from: string; to: string } | null;
	notice: Notice;
	/** The notification's collection: where the Studio links it to. */
	collection: string;
}

/** domain/language.ts `supported` in SQL: the primary subtag of the profile's language (`zh_CN` → zh). */
const PROFILE_LANGUAGE = "split_part(replace(lower(trim(u.language)), '_', '-'), '-', 1)";

/** A transition's UPDATE of the rows `past` their deadline, and its log; the notice links to the same collection. */
const moves = (
	trx: Knex.Transaction,
	step: ReturnType<typeof sweptStep>,
	past: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
): Omit<Rule, 'notice'> => ({
	update: past(trx(step.collection).where(step.statusField, step.from)).update({ [step.statusField]: step.to }),
	log: { collection: step.collection, from: step.from, to: step.to },
	collection: step.collection,
});

/**
 * Postgres: the whole rule is one statement; the UPDATE's RETURNING feeds the INSERTs
 * of a data-modifying CTE, so no row travels to JavaScript and back.
 */
async function applyOnPostgres(trx: Knex.Transaction, rule: Rule, now: Date, project: string | null): Promise<number> {
	const update = rule.update.returning(['id', 'owner']).toSQL();
	const log = rule.log
		? trx
				.raw(
					`, logged AS (INSERT INTO approval_log (collection, item, from_status, to_status, actor, at, comment) SELECT ?, id::text, ?, ?, NULL, ?, NULL FROM moved)`,
					[rule.log.collection, rule.log.from, rule.log.to, now],
				)
				.toQuery()
		: '';
	const { rows } = await trx.raw(
		`WITH moved AS (${trx.raw(update.sql, update.bindings).toQuery()})${log}
		INSERT INTO directus_notifications (timestamp, status, recipient, sender, subject, message, collection, item)
		SELECT ?, 'inbox', m.owner, NULL, replace(CASE ${PROFILE_LANGUAGE} WHEN 'zh' THEN ? WHEN 'en' THEN ? ELSE ? END, '{id}', m.id::text), NULL, ?, m.id::text
		FROM moved m JOIN directus_users u ON u.id = m.owner
		RETURNING 1`,
		[now, rule.notice[0], rule.notice[1], rule.notice[pickLanguage({ project }) === 'zh-CN' ? 0 : 1], rule.collection],
	);
	return rows.length;
}

/** Rows per INSERT on SQLite: keeps a statement under its limit on bound parameters. */
const CHUNK = 1000;

const insertAll = async (trx: Knex.Transaction, table: string, rows: object[]) => {
	for (let i = 0; i < rows.length; i += CHUNK) await trx(table).insert(rows.slice(i, i + CHUNK));
};

/** SQLite (no data-modifying CTEs): UPDATE … RETURNING, then multi-row INSERTs. */
async function applyOnSqlite(trx: Knex.Transaction, rule: Rule, now: Date, project: string | null): Promise<number> {
	const rows: { id: number; owner: string }[] = await rule.update.returning(['id', 'owner']);
	if (rows.length === 0) return 0;
	const at = now.getTime();
	if (rule.log) {
		const { collection, from, to } = rule.log;
		await insertAll(
			trx,
			'approval_log',
			rows.map((r) => ({
				collection,
				item: String(r.id),
				from_status: from,
				to_status: to,
				actor: null,
				at,
				comment: null,
			})),
		);
	}
	const languages = new Map<string, string | null>(
		(
			await trx('directus_users')
				.whereIn('id', [...new Set(rows.map((r) => r.owner))])
				.select('id', 'language')
		).map((u: { id: string; language: string | null }) => [u.id, u.language]),
	);
	await insertAll(
		trx,
		'directus_notifications',
		rows.map((r) => {
			const zh = pickLanguage({ profile: languages.get(r.owner), project }) === 'zh-CN';
			return {
				timestamp: at,
				status: 'inbox',
				recipient: r.owner,
				sender: null,
				subject: (zh ? rule.notice[0] : rule.notice[1]).replace('{id}', String(r.id)),
				message: null,
				collection: rule.collection,
				item: String(r.id),
			};
		}),
	);
	return rows.length;
}

/** Runs every rule once; returns how many rows each changed (0 everywhere on a second run), or null when another instance is sweeping. */
export async function runSweeps(
	ctx: Pick<FlowContext, 'database' | 'logger'>,
	now = new Date(),
): Promise<SweepCounts | null> {
	const settings = await loadSettings(ctx.database);
	const calendar = await loadCalendar(ctx.database);
	const today = zonedDate(now, settings.timezone);
	const startOfToday = zonedInstant(today, settings.timezone);
	const soon = new Date(now.getTime() + settings.reminder_before_due_hours * 3_600_000);

	const counts = await ctx.database.transaction(async (trx) => {
		const pg = trx.client.config.client === 'pg';
		if (pg) {
			const { rows } = await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS locked', [SWEEP_LOCK]);
			if (!rows[0].locked) return null;
		}
		const project: string | null = (await trx('directus_settings').first('default_language'))?.default_language ?? null;
		const failed: string[] = [];
		/**
		 * Each rule in a savepoint of its own: a rule that fails (a full disk, a bad row) is
		 * rolled back and logged, and the others still commit.
		 */
		const run = async (name: string, work: (sp: Knex.Transaction) => Promise<number>): Promise<number> => {
			try {
				return await trx.transaction(work);
			} catch (error) {
				failed.push(name);
				ctx.logger.error(error, `visit-flow: sweep rule ${name} failed`);
				return 0;
			}
		};
		const apply = (name: string, rule: (sp: Knex.Transaction, v: ReturnType<typeof vendorValues>) => Rule) =>
			run(name, (sp) => (pg ? applyOnPostgres : applyOnSqlite)(sp, rule(sp, vendorValues(sp)), now, project));

		const counts: SweepCounts = {
			overdue_reports: await apply('overdue_reports', (sp, v) => ({
				...moves(sp, sweptStep('overdue_reports'), (q) => q.where('report_due_at', '<=', v.instant(now))),
				notice: ['拜访报告已逾期：拜访 #{id}', 'Visit report overdue: visit #{id}'],
			})),
			missed_visits: await apply('missed_visits', (sp, v) => ({
				...moves(sp, sweptStep('missed_visits'), (q) => q.where('scheduled_start', '<', v.instant(startOfToday))),
				notice: ['拜访未执行，已记为未拜访：拜访 #{id}', 'Visit not carried out, marked missed: visit #{id}'],
			})),
			overdue_follow_ups: await apply('overdue_follow_ups', (sp, v) => ({
				update: sp('follow_ups')
					.where({ status: 'open', overdue: false })
					.where('due_date', '<', v.date(today))
					.update({ overdue: true }),
				log: null,
				notice: ['跟进事项已逾期：#{id}', 'Follow-up overdue: #{id}'],
				collection: 'follow_ups',
			})),
			report_reminders: await apply('report_reminders', (sp, v) => ({
				update: sp('visits')
					.where('report_status', 'pending')
					.whereNull('report_reminded_at')
					.where('report_due_at', '>', v.instant(now))
					.where('report_due_at', '<=', v.instant(soon))
					.update({ report_reminded_at: v.instant(now) }),
				log: null,
				notice: ['拜访报告即将到期，请尽快提交：拜访 #{id}', 'Visit report due soon: visit #{id}'],
				collection: 'visits',
			})),
			missed_revisits: await apply('missed_revisits', (sp, v) => ({
				...moves(sp, sweptStep('missed_revisits'), (q) => q.where('due_date', '<', v.date(today))),
				notice: [
					'回访已过期未完成，已记为已错过：回访 #{id}',
					'Revisit not done by its due date, marked missed: revisit #{id}',
				],
			})),
			late_complaints: await apply('late_complaints', (sp, v) => ({
				update: sp('complaints')
					.where({ status: 'open', response_late: false })
					.where('response_due_at', '<', v.instant(now))
					.update({ response_late: true }),
				log: null,
				notice: [
					'投诉已过响应期限仍未响应：投诉 #{id}',
					'Complaint not answered by its response deadline: complaint #{id}',
				],
				collection: 'complaints',
			})),
			escalated_complaints: await run('escalated_complaints', (sp) => escalateComplaints(sp, now, project)),
			// domain/quotes.ts quoteExpired: valid through the whole of `valid_until`, the company's date.
			expired_quotes: await apply('expired_quotes', (sp, v) => ({
				...moves(sp, sweptStep('expired_quotes'), (q) => q.where('valid_until', '<', v.date(today))),
				notice: ['报价单已过有效期：报价单 #{id}', 'Quote past its validity, marked expired: quote #{id}'],
			})),
			overdue_schedules: await run('overdue_schedules', (sp) => markOverdueSchedules(sp, today, now, project)),
			scheduled_revisits: await run('scheduled_revisits', (sp) => schedulePeriodicRevisits(sp, today, settings, now)),
			care_reminders: await run('care_reminders', (sp) => sendCareReminders(sp, today, settings, now, project)),
			periodic_reports: await run('periodic_reports', (sp) => createPeriodDrafts(sp, today, settings, now)),
			periodic_report_reminders: await run('periodic_report_reminders', (sp) =>
				remindPeriodicReports(sp, soon, now, settings.timezone, project),
			),
			reception_report_reminders: await run('reception_report_reminders', (sp) =>
				remindReceptionReports(sp, soon, now, settings.timezone, project),
			),
			commission_statements: await run('commission_statements', (sp) => sweepCommission(sp, today, settings.timezone)),
			appraisals: await run('appraisals', (sp) => generateEndedPeriods(sp, today, now)),
			daily_report_reminders: await run('daily_report_reminders', (sp) =>
				remindDailyReports(
					sp,
					today,
					now,
					settings.daily_report_due_time,
					settings.timezone,
					isWorkday(today, calendar),
					project,
				),
			),
			failed,
		};
		return counts;
	});
	// Debug when nothing happened (every minute), info when rows changed or a rule failed.
	if (counts === null) ctx.logger.debug('visit-flow: sweep skipped, another instance holds the sweep lock');
	else if (changedRows(counts) || counts.failed.length > 0)
		ctx.logger.info({ sweep: counts }, 'visit-flow: sweep done');
	else ctx.logger.debug('visit-flow: sweep done, nothing to change');
	return counts;
}

const changedRows = (counts: SweepCounts) => Object.values(counts).some((n) => typeof n === 'number' && n > 0);

/** The scheduled and the hand-run sweep: the rules, then Directus's data cache cleared if they changed rows (an idle sweep leaves it). */
export async function sweep(ctx: FlowContext): Promise<SweepCounts | null> {
	const counts = await runSweeps(ctx);
	if (counts && changedRows(counts)) await clearDataCache(ctx);
	return counts;
}

/** A reminder: its recipient, its notification's item (a second run finds it there and sends nothing) and its text. */
interface Reminder {
	recipient: string;
	item: string;
	subject: Notice;
}

/**
 * Keeps the rows whose reminder has not been sent: no notification of `collection` to `recipient`
 * under the item that `item` (SQL over the query's row) names.
 */
const notReminded =
	(trx: Knex.Transaction, collection: string, recipient: string, item: string, bindings: Knex.RawBinding[] = []) =>
	(q: Knex.QueryBuilder) =>
		q.whereNotExists((n) =>
			n
				.select(trx.raw('1'))
				.from('directus_notifications as n')
				.where('n.collection', collection)
				.whereRaw(`n.recipient = ${recipient}`)
				.whereRaw(`n.item = ${item}`, bindings),
		);

/** Sends each reminder once, in its recipient's language (the project's when they have none). */
async function sendReminders(
	trx: Knex.Transaction,
	collection: string,
	reminders: Reminder[],
	now: Date,
	project: string | null,
): Promise<number> {
	if (reminders.length === 0) return 0;
	const languages = new Map(
		(
			await trx('directus_users')
				.whereIn('id', [...new Set(reminders.map((r) => r.recipient))])
				.select('id', 'language')
		).map((u: { id: string; language: string | null }) => [u.id, pickLanguage({ profile: u.language, project })]),
	);
	await insertAll(
		trx,
		'directus_notifications',
		reminders.map((r) => ({
			timestamp: vendorValues(trx).instant(now),
			status: 'inbox',
			recipient: r.recipient,
			sender: null,
			subject: r.subject[languages.get(r.recipient) === 'zh-CN' ? 0 : 1],
			message: null,
			collection,
			item: r.item,
		})),
	);
	return reminders.length;
}

/**
 * After the daily report's due time on a workday, a rep who has written none for today gets
 * one reminder (its item is `<user>:<date>`).
 */
async function remindDailyReports(
	trx: Knex.Transaction,
	today: string,
	now: Date,
	dueTime: string,
	timezone: string,
	workday: boolean,
	project: string | null,
): Promise<number> {
	const [h, m] = dueTime.split(':').map(Number) as [number, number];
	if (!workday || now < zonedInstant(today, timezone, h, m)) return 0;
	const v = vendorValues(trx);
	const key = trx.client.config.client === 'pg' ? "u.id::text || ':' || ?" : "u.id || ':' || ?";
	const late: { id: string }[] = await notReminded(trx, 'daily_reports', 'u.id', key, [today])(
		trx('directus_users as u')
			.where({ 'u.position': 'rep', 'u.status': 'active' })
			.whereNotExists((q) =>
				q.select(trx.raw('1')).from('daily_reports as d').whereRaw('d.owner = u.id').where('d.date', v.date(today)),
			),
	).select('u.id');
	return sendReminders(
		trx,
		'daily_reports',
		late.map((u) => ({
			recipient: u.id,
			item: `${u.id}:${today}`,
			subject: [`今天（${today}）的工作日报尚未提交`, `Your daily report for ${today} is not in yet`],
		})),
		now,
		project,
	);
}

/**
 * 周报 / 月报 still a draft when their deadline is `reminder_before_due_hours` away (or past) get
 * one reminder to their owner, as the daily report does (its item is the report's id). Reads the
 * drafts by deadline only (a partial index).
 */
async function remindPeriodicReports(
	trx: Knex.Transaction,
	soon: Date,
	now: Date,
	timezone: string,
	project: string | null,
): Promise<number> {
	const item = trx.client.config.client === 'pg' ? 'r.id::text' : 'CAST(r.id AS TEXT)';
	const drafts: { id: number; owner: string; period_type: 'week' | 'month'; period_start: unknown; due_at: unknown }[] =
		await notReminded(
			trx,
			'periodic_reports',
			'r.owner',
			item,
		)(
			trx('periodic_reports as r').where('r.status', 'draft').where('r.due_at', '<=', vendorValues(trx).instant(soon)),
		).select('r.id', 'r.owner', 'r.period_type', 'r.period_start', 'r.due_at');
	return sendReminders(
		trx,
		'periodic_reports',
		drafts.map((r) => {
			const start = toDate(r.period_start);
			const at = toInstant(r.due_at)!;
			const due = zonedMinute(at, timezone);
			const kind = reportPeriodTypes[r.period_type];
			return {
				recipient: r.owner,
				item: String(r.id),
				subject: [
					`请提交${kind['zh-CN']}（${start} 起），截止 ${due}：#${r.id}`,
					`Please submit your ${kind['en-US'].toLowerCase()} for the period from ${start}, due ${due}: #${r.id}`,
				],
			};
		}),
		now,
		project,
	);
}

/**
 * 接待报告: a held reception whose report is due within `reminder_before_due_hours` (or past due)
 * gets one reminder to its host (its item is the reception's id). Reads the held receptions by
 * deadline only (a partial index), so an idle sweep costs one empty index probe.
 */
async function remindReceptionReports(
	trx: Knex.Transaction,
	soon: Date,
	now: Date,
	timezone: string,
	project: string | null,
): Promise<number> {
	const item = trx.client.config.client === 'pg' ? 'r.id::text' : 'CAST(r.id AS TEXT)';
	// The host's notices of the request's decision are under the same item: a reminder is the one the sweep sent (no sender).
	const held: { id: number; host: string; report_due_at: unknown }[] = await trx('receptions as r')
		.where('r.status', 'held')
		.where('r.report_due_at', '<=', vendorValues(trx).instant(soon))
		.whereNotExists((n) =>
			n
				.select(trx.raw('1'))
				.from('directus_notifications as n')
				.where('n.collection', 'receptions')
				.whereNull('n.sender')
				.whereRaw('n.recipient = r.host')
				.whereRaw(`n.item = ${item}`),
		)
		.select('r.id', 'r.host', 'r.report_due_at');
	return sendReminders(
		trx,
		'receptions',
		held.map((r) => {
			const at = toInstant(r.report_due_at)!;
			const due = zonedMinute(at, timezone);
			const overdue = at.getTime() < now.getTime();
			return {
				recipient: r.host,
				item: String(r.id),
				subject: overdue
					? [
							`接待报告已逾期（截止 ${due}），请尽快提交：接待 #${r.id}`,
							`Reception report overdue (due ${due}): reception #${r.id}`,
						]
					: [
							`请提交接待报告，截止 ${due}：接待 #${r.id}`,
							`Please report on the reception, due ${due}: reception #${r.id}`,
						],
			};
		}),
		now,
		project,
	);
}

const OVERDUE_NOTICE: Notice = [
	'回款逾期：订单 {order} 的回款计划 #{id}（到期日 {due}）',
	'Payment overdue: schedule #{id} of order {order} (due {due})',
];

/**
 * 逾期应收: an order's open schedule whose due date is before the company's today becomes
 * overdue (domain/receivables.ts isOverdue), once, with a notice to the order's owner and to
 * every active Finance user, each in their language. Payment terms of a contract not yet signed
 * are no receivable. Reads the open rows by due date only (a partial index), so an idle run
 * touches nothing.
 */
async function markOverdueSchedules(
	trx: Knex.Transaction,
	today: string,
	now: Date,
	project: string | null,
): Promise<number> {
	const step = sweptStep('overdue_schedules');
	const v = vendorValues(trx);
	const update = trx(step.collection)
		.where(step.statusField, step.from)
		.where('due_date', '<', v.date(today))
		.whereNotNull('order')
		.update({ [step.statusField]: step.to });
	const fallback = pickLanguage({ project }) === 'zh-CN' ? 0 : 1;
	if (trx.client.config.client === 'pg') {
		const sql = update.returning(['id', 'order', 'due_date']).toSQL();
		const { rows } = await trx.raw(
			`WITH moved AS (${trx.raw(sql.sql, sql.bindings).toQuery()}),
			logged AS (INSERT INTO approval_log (collection, item, from_status, to_status, actor, at, comment)
				SELECT ?, id::text, ?, ?, NULL, ?, NULL FROM moved),
			told AS (
				SELECT m.id, m.due_date, o.order_no, o.owner AS recipient FROM moved m JOIN sales_orders o ON o.id = m."order"
				UNION
				SELECT m.id, m.due_date, o.order_no, f.id FROM moved m JOIN sales_orders o ON o.id = m."order"
				CROSS JOIN directus_users f WHERE f.position = 'finance' AND f.status = 'active'),
			notified AS (INSERT INTO directus_notifications (timestamp, status, recipient, sender, subject, message, collection, item)
				SELECT ?, 'inbox', t.recipient, NULL,
					replace(replace(replace(CASE ${PROFILE_LANGUAGE} WHEN 'zh' THEN ? WHEN 'en' THEN ? ELSE ? END,
						'{id}', t.id::text), '{order}', t.order_no), '{due}', to_char(t.due_date, 'YYYY-MM-DD')),
					NULL, ?, t.id::text
				FROM told t JOIN directus_users u ON u.id = t.recipient)
			SELECT count(*)::int AS moved FROM moved`,
			[
				step.collection,
				step.from,
				step.to,
				now,
				now,
				OVERDUE_NOTICE[0],
				OVERDUE_NOTICE[1],
				OVERDUE_NOTICE[fallback],
				step.collection,
			],
		);
		return Number(rows[0].moved);
	}
	const moved: { id: number; order: number; due_date: unknown }[] = await update.returning(['id', 'order', 'due_date']);
	if (moved.length === 0) return 0;
	const at = now.getTime();
	await insertAll(
		trx,
		'approval_log',
		moved.map((m) => ({
			collection: step.collection,
			item: String(m.id),
			from_status: step.from,
			to_status: step.to,
			actor: null,
			at,
			comment: null,
		})),
	);
	const orders = new Map<number, { order_no: string; owner: string }>(
		(
			await trx('sales_orders')
				.whereIn('id', [...new Set(moved.map((m) => m.order))])
				.select('id', 'order_no', 'owner')
		).map((o: { id: number; order_no: string; owner: string }) => [Number(o.id), o]),
	);
	const finance: string[] = (
		await trx('directus_users').where({ position: 'finance', status: 'active' }).select('id')
	).map((u: { id: string }) => u.id);
	const languages = new Map<string, string | null>(
		(
			await trx('directus_users')
				.whereIn('id', [...new Set([...finance, ...[...orders.values()].map((o) => o.owner)])])
				.select('id', 'language')
		).map((u: { id: string; language: string | null }) => [u.id, u.language]),
	);
	await insertAll(
		trx,
		'directus_notifications',
		moved.flatMap((m) => {
			const order = orders.get(Number(m.order))!;
			return [...new Set([order.owner, ...finance])]
				.filter((recipient) => languages.has(recipient))
				.map((recipient) => {
					const text = OVERDUE_NOTICE[pickLanguage({ profile: languages.get(recipient), project }) === 'zh-CN' ? 0 : 1];
					return {
						timestamp: at,
						status: 'inbox',
						recipient,
						sender: null,
						subject: text
							.replace('{id}', String(m.id))
							.replace('{order}', order.order_no)
							.replace('{due}', toDate(m.due_date)),
						message: null,
						collection: step.collection,
						item: String(m.id),
					};
				});
		}),
	);
	return moved.length;
}

/** The endpoint's entry: Administrators only. */
export async function runSweepsAs(
	ctx: FlowContext,
	accountability: Accountability | null,
	acceptLanguage?: string,
): Promise<SweepCounts | { skipped: true }> {
	if (!accountability?.admin) {
		const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
		throw refusalError(refusal(403, 'admin_only'), language);
	}
	return (await sweep(ctx)) ?? { skipped: true };
}

const ESCALATION_NOTICE: Notice = [
	'投诉超过解决期限仍未解决，已上报总经理：投诉 #{id}',
	'Complaint not resolved by its resolution deadline, escalated to the General Managers: complaint #{id}',
];

/**
 * 投诉升级: an open or responded complaint past its resolution deadline is flagged late and
 * stamped escalated_at, and every active General Manager gets one notice in their language.
 * escalated_at IS NULL in the UPDATE's WHERE makes it once: a second run finds nothing, and on
 * Postgres a concurrent run re-checks the WHERE on the row the first one changed.
 */
async function escalateComplaints(trx: Knex.Transaction, now: Date, project: string | null): Promise<number> {
	const v = vendorValues(trx);
	const update = trx('complaints')
		.whereIn('status', ['open', 'responded'])
		.whereNull('escalated_at')
		.where('resolution_due_at', '<', v.instant(now))
		.update({ resolution_late: true, escalated_at: v.instant(now) });
	const fallback = pickLanguage({ project }) === 'zh-CN' ? 0 : 1;
	if (trx.client.config.client === 'pg') {
		const sql = update.returning(['id']).toSQL();
		const { rows } = await trx.raw(
			`WITH moved AS (${trx.raw(sql.sql, sql.bindings).toQuery()}),
			notified AS (INSERT INTO directus_notifications (timestamp, status, recipient, sender, subject, message, collection, item)
				SELECT ?, 'inbox', u.id, NULL,
					replace(CASE ${PROFILE_LANGUAGE} WHEN 'zh' THEN ? WHEN 'en' THEN ? ELSE ? END, '{id}', m.id::text),
					NULL, 'complaints', m.id::text
				FROM moved m CROSS JOIN directus_users u WHERE u.position = 'general_manager' AND u.status = 'active')
			SELECT count(*)::int AS moved FROM moved`,
			[now, ESCALATION_NOTICE[0], ESCALATION_NOTICE[1], ESCALATION_NOTICE[fallback]],
		);
		return Number(rows[0].moved);
	}
	const moved: { id: number }[] = await update.returning(['id']);
	if (moved.length === 0) return 0;
	const managers: { id: string; language: string | null }[] = await trx('directus_users')
		.where({ position: 'general_manager', status: 'active' })
		.select('id', 'language');
	const at = now.getTime();
	await insertAll(
		trx,
		'directus_notifications',
		moved.flatMap((m) =>
			managers.map((u) => ({
				timestamp: at,
				status: 'inbox',
				recipient: u.id,
				sender: null,
				subject: ESCALATION_NOTICE[pickLanguage({ profile: u.language, project }) === 'zh-CN' ? 0 : 1].replace(
					'{id}',
					String(m.id),
				),
				message: null,
				collection: 'complaints',
				item: String(m.id),
			})),
		),
	);
	return moved.length;
}
