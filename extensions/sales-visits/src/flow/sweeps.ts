/**
 * The deadline sweeps: unsubmitted reports past due become overdue, scheduled visits whose
 * day has passed become missed, open follow-ups past due are flagged, reports due soon get
 * one reminder, reps without a daily report after its due time get one notice.
 *
 * Each rule is one set-based UPDATE … RETURNING (SQLite and Postgres both have it), then one
 * multi-row INSERT of its approval_log rows and one of its notifications, in one transaction.
 * Exactly once on several instances: Postgres re-checks an UPDATE's WHERE on rows another
 * transaction changed first, so a row is returned to one instance only; a transaction-level
 * advisory lock also keeps two instances from sweeping at once, which the daily-report rule
 * (no row to update) needs.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { refusal } from '../domain/refusals.ts';
import { isWorkday } from '../domain/work-days.ts';
import { zonedDate, zonedInstant } from '../domain/zoned-time.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { loadCalendar, loadSettings } from './settings.ts';
import type { FlowContext } from './transitions.ts';

/** The key of the sweeps' advisory lock: any fixed 64-bit number the project owns. */
const SWEEP_LOCK = 7_212_026_001;

type Notice = [zh: string, en: string];

export interface SweepCounts {
	overdue_reports: number;
	missed_visits: number;
	overdue_follow_ups: number;
	report_reminders: number;
	daily_report_reminders: number;
}

/** Timestamps and dates as the vendor stores them: Directus keeps epoch milliseconds in SQLite. */
const vendor = (knex: Knex) => {
	const sqlite = knex.client.config.client === 'sqlite3';
	return {
		instant: (d: Date) => (sqlite ? d.getTime() : d),
		date: (day: string) => (sqlite ? Date.parse(`${day}T00:00:00Z`) : day),
	};
};

/** One approval_log row and one notification per transitioned row, each as one INSERT. */
async function record(trx: Knex.Transaction, rows: { id: number; owner: string }[], now: Date, log: { collection: string; from: string; to: string } | null, notice: Notice, collection: string) {
	if (rows.length === 0) return;
	const v = vendor(trx);
	if (log) {
		await trx('approval_log').insert(rows.map((r) => ({ collection: log.collection, item: String(r.id), from_status: log.from, to_status: log.to, actor: null, at: v.instant(now), comment: null })));
	}
	const languages = new Map<string, string | null>(
		(await trx('directus_users').whereIn('id', [...new Set(rows.map((r) => r.owner))]).select('id', 'language')).map((u: { id: string; language: string | null }) => [u.id, u.language]),
	);
	const project = (await trx('directus_settings').first('default_language'))?.default_language ?? 'zh-CN';
	await trx('directus_notifications').insert(
		rows.map((r) => {
			const zh = (languages.get(r.owner) ?? project).toLowerCase().startsWith('zh');
			return { timestamp: v.instant(now), status: 'inbox', recipient: r.owner, sender: null, subject: (zh ? notice[0] : notice[1]).replace('{id}', String(r.id)), message: null, collection, item: String(r.id) };
		}),
	);
}

/** Runs every rule once; returns how many rows each changed (0 everywhere on a second run). */
export async function runSweeps(ctx: FlowContext, now = new Date()): Promise<SweepCounts | null> {
	const settings = await loadSettings(ctx.database);
	const calendar = await loadCalendar(ctx.database);
	const today = zonedDate(now, settings.timezone);
	const startOfToday = zonedInstant(today, settings.timezone);

	return ctx.database.transaction(async (trx) => {
		if (trx.client.config.client === 'pg') {
			const { rows } = await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS locked', [SWEEP_LOCK]);
			if (!rows[0].locked) return null;
		}
		const v = vendor(trx);

		const overdue: { id: number; owner: string }[] = await trx('visits')
			.where('report_status', 'pending')
			.where('report_due_at', '<=', v.instant(now))
			.update({ report_status: 'overdue' }, ['id', 'owner']);
		await record(trx, overdue, now, { collection: 'visits', from: 'pending', to: 'overdue' }, ['拜访报告已逾期：拜访 #{id}', 'Visit report overdue: visit #{id}'], 'visits');

		const missed: { id: number; owner: string }[] = await trx('visits')
			.where('status', 'scheduled')
			.where('scheduled_start', '<', v.instant(startOfToday))
			.update({ status: 'missed' }, ['id', 'owner']);
		await record(trx, missed, now, { collection: 'visits', from: 'scheduled', to: 'missed' }, ['拜访未执行，已记为未拜访：拜访 #{id}', 'Visit not carried out, marked missed: visit #{id}'], 'visits');

		const followUps: { id: number; owner: string }[] = await trx('follow_ups')
			.where({ status: 'open', overdue: false })
			.where('due_date', '<', v.date(today))
			.update({ overdue: true }, ['id', 'owner']);
		await record(trx, followUps, now, null, ['跟进事项已逾期：#{id}', 'Follow-up overdue: #{id}'], 'follow_ups');

		const soon = new Date(now.getTime() + settings.reminder_before_due_hours * 3_600_000);
		const reminders: { id: number; owner: string }[] = await trx('visits')
			.where('report_status', 'pending')
			.whereNull('report_reminded_at')
			.where('report_due_at', '>', v.instant(now))
			.where('report_due_at', '<=', v.instant(soon))
			.update({ report_reminded_at: v.instant(now) }, ['id', 'owner']);
		await record(trx, reminders, now, null, ['拜访报告即将到期，请尽快提交：拜访 #{id}', 'Visit report due soon: visit #{id}'], 'visits');

		const dailyReports = await remindDailyReports(trx, today, now, settings.daily_report_due_time, settings.timezone, isWorkday(today, calendar));

		return { overdue_reports: overdue.length, missed_visits: missed.length, overdue_follow_ups: followUps.length, report_reminders: reminders.length, daily_report_reminders: dailyReports };
	});
}

/**
 * After the daily report's due time on a workday, a rep who has written none for today gets
 * one notice (its item is `<user>:<date>`, so a second run finds it and sends nothing).
 */
async function remindDailyReports(trx: Knex.Transaction, today: string, now: Date, dueTime: string, timezone: string, workday: boolean): Promise<number> {
	const [h, m] = dueTime.split(':').map(Number) as [number, number];
	if (!workday || now < zonedInstant(today, timezone, h, m)) return 0;
	const v = vendor(trx);
	const late: { id: string }[] = await trx('directus_users as u')
		.where({ 'u.position': 'rep', 'u.status': 'active' })
		.whereNotExists((q) => q.select(trx.raw('1')).from('daily_reports as d').whereRaw('d.owner = u.id').where('d.date', v.date(today)))
		.whereNotExists((q) => q.select(trx.raw('1')).from('directus_notifications as n').where('n.collection', 'daily_reports').whereRaw(`n.item = ${trx.client.config.client === 'pg' ? "u.id::text || ':' || ?" : "u.id || ':' || ?"}`, [today]))
		.select('u.id');
	if (late.length === 0) return 0;
	const project = (await trx('directus_settings').first('default_language'))?.default_language ?? 'zh-CN';
	const languages = new Map((await trx('directus_users').whereIn('id', late.map((u) => u.id)).select('id', 'language')).map((u: { id: string; language: string | null }) => [u.id, u.language ?? project]));
	await trx('directus_notifications').insert(
		late.map((u) => ({
			timestamp: v.instant(now),
			status: 'inbox',
			recipient: u.id,
			sender: null,
			subject: String(languages.get(u.id)).toLowerCase().startsWith('zh') ? `今天（${today}）的工作日报尚未提交` : `Your daily report for ${today} is not in yet`,
			message: null,
			collection: 'daily_reports',
			item: `${u.id}:${today}`,
		})),
	);
	return late.length;
}

/** The endpoint's entry: Administrators only. */
export async function runSweepsAs(ctx: FlowContext, accountability: Accountability | null, acceptLanguage?: string): Promise<SweepCounts | { skipped: true }> {
	if (!accountability?.admin) {
		const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
		throw refusalError(refusal(403, 'admin_only'), language);
	}
	return (await runSweeps(ctx)) ?? { skipped: true };
}
