/**
 * 考核结果 from the KPIs: after a period ends, one `draft` appraisal per active person whose
 * position has a scheme of that period type, scored by domain/appraisals.ts from the values the
 * KPI summary reads (flow/kpi.ts READ over flow/kpi-data.ts kpiCounts: one set-based read of the
 * counters for every person of the period). Idempotent: a draft is rewritten only when its
 * numbers changed; confirmed, returned and approved appraisals are left as they are.
 *
 * Also the guard's checks of the schemes (their bands) and items (weights up to 100) and the
 * lock of approved appraisals.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import {
	appraisalPeriodType,
	appraisalValue,
	itemProblem,
	lastEndedPeriod,
	levelOf,
	levelsProblem,
	round2,
	scoreAppraisal,
	weightsProblem,
	type AppraisalItem,
	type AppraisalPeriodType,
	type LevelBand,
} from '../domain/appraisals.ts';
import { appraisalStatuses } from '../domain/choices.ts';
import { editableStatuses } from '../domain/flow-fields.ts';
import { isPeriodYear } from '../domain/input.ts';
import { kpiByKey, kpiPeriod, kpiQuotaMonth, type KpiKey } from '../domain/kpi.ts';
import type { Language } from '../domain/language.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { monthsOf } from '../domain/targets.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { MARKS, APPRAISALS } from '../setup/sweep-marks.ts';
import { clearDataCache } from './cache.ts';
import { generateCommissionIn, type CommissionRun } from './commission.ts';
import { refusalError } from './errors.ts';
import { kpiCounts } from './kpi-data.ts';
import { READ } from './kpi.ts';
import { loadCaller } from './people.ts';
import { loadSettings } from './settings.ts';
import type { FlowContext, Row } from './context.ts';
import { toDate, vendorValues } from './values.ts';

type CommissionTotals = Omit<CommissionRun, 'month'>;

export interface GenerateCounts {
	period: string;
	period_type: AppraisalPeriodType;
	/** Drafts made, drafts recomputed, drafts whose numbers had not changed, appraisals past draft left alone. */
	created: number;
	updated: number;
	unchanged: number;
	kept: number;
}

const parseJson = (value: unknown): unknown => {
	if (typeof value !== 'string') return value ?? null;
	try {
		return JSON.parse(value);
	} catch {
		return null;
	}
};

/** `POST /visit-appraisals/generate?period=…`: an Administrator's only. */
export async function generateAppraisalsAs(
	ctx: FlowContext,
	accountability: Accountability | null,
	period: unknown,
	acceptLanguage?: string,
): Promise<GenerateCounts & { commission: CommissionTotals }> {
	const { caller, language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	if (!caller.admin) throw refusalError(refusal(403, 'appraisal_admin_only'), language);
	const answer = await ctx.database.transaction(async (trx) => {
		const counts = await generateAppraisals({ database: trx }, period, { language });
		const { timezone } = await loadSettings(trx);
		return { ...counts, commission: await periodCommission(trx, counts, timezone) };
	});
	await clearDataCache(ctx);
	return answer;
}

/**
 * 提成单 of every month of the period, with its appraisals (one transaction): the month's own,
 * a quarter's three, a year's twelve; each month one set-based run (flow/commission.ts).
 */
async function periodCommission(trx: Knex, counts: GenerateCounts, timezone: string): Promise<CommissionTotals> {
	const totals: CommissionTotals = { created: 0, updated: 0, unchanged: 0, decided: 0 };
	for (const month of monthsOf(counts.period_type, kpiPeriod(counts.period)!.start)) {
		const run = await generateCommissionIn(trx, month, timezone);
		for (const key of Object.keys(totals) as (keyof CommissionTotals)[]) totals[key] += run[key];
	}
	return totals;
}

/**
 * The period's appraisals, in one transaction (a savepoint inside the sweep's). Refuses a
 * malformed period, one not yet ended (in the company's time zone) and a scheme whose weights
 * do not add up to 100.
 */
export async function generateAppraisals(
	ctx: Pick<FlowContext, 'database'>,
	period: unknown,
	/** `lenient` (the sweep): a scheme whose weights are off is skipped, not a refusal of the whole period. */
	options: { language?: Language; now?: Date; lenient?: boolean } = {},
): Promise<GenerateCounts> {
	const language = options.language ?? 'zh-CN';
	const key = typeof period === 'string' ? period : '';
	const type = appraisalPeriodType(key);
	const days = type ? kpiPeriod(key) : null;
	if (!type || !days || !isPeriodYear(Number(key.slice(0, 4))))
		throw refusalError(refusal(400, 'appraisal_period'), language);
	return ctx.database.transaction(async (trx) => {
		const settings = await loadSettings(trx);
		const today = zonedDate(options.now ?? new Date(), settings.timezone);
		if (today <= days.end)
			throw refusalError(refusal(409, 'appraisal_period_open', { period: key, end: days.end }), language);
		const counts: GenerateCounts = { period: key, period_type: type, created: 0, updated: 0, unchanged: 0, kept: 0 };

		const schemes: Row[] = await trx('appraisal_schemes')
			.where('period_type', type)
			.select('id', 'name', 'position', 'levels');
		if (schemes.length === 0) return counts;
		const items: Row[] = await trx('appraisal_items')
			.whereIn(
				'scheme',
				schemes.map((s) => s.id),
			)
			.orderBy('id')
			.select('scheme', 'kpi', 'weight', 'target', 'scoring', 'step_percent', 'step_points');
		const itemsOf = new Map<number, AppraisalItem[]>();
		for (const s of schemes) itemsOf.set(s.id, []);
		for (const i of items)
			itemsOf.get(i.scheme)!.push({
				kpi: i.kpi,
				weight: Number(i.weight),
				target: Number(i.target),
				scoring: i.scoring,
				step_percent: i.step_percent === null ? null : Number(i.step_percent),
				step_points: i.step_points === null ? null : Number(i.step_points),
			});
		const valid = schemes.filter((s) => {
			const problem = weightsProblem(
				s.name,
				itemsOf.get(s.id)!.map((i) => i.weight),
			);
			if (problem && !options.lenient) throw refusalError(problem, language);
			return problem === null;
		});
		schemes.splice(0, schemes.length, ...valid);
		if (schemes.length === 0) return counts;

		const people: { id: string; position: string }[] = await trx('directus_users')
			.where('status', 'active')
			.whereIn('position', [...new Set(schemes.map((s) => s.position))])
			.select('id', 'position');
		if (people.length === 0) return counts;

		// The same counts as GET /visit-kpi/summary?scope=rep for each of them: one read of the counters.
		const previous = kpiPeriod(days.previous)!;
		const { counts: perPerson } = await kpiCounts(
			trx,
			people.map((p) => p.id),
			{ now: days, before: previous },
			{ now: kpiQuotaMonth(days, today), before: kpiQuotaMonth(previous, today) },
			settings.timezone,
			true,
			today,
		);

		const v = vendorValues(trx);
		const start = v.date(days.start);
		const existing: Row[] = await trx('appraisals')
			.whereIn(
				'scheme',
				schemes.map((s) => s.id),
			)
			.where('period_start', start)
			.select('id', 'person', 'scheme', 'status', 'score', 'level', 'item_scores');
		const byKey = new Map(existing.map((row) => [`${row.person}|${row.scheme}`, row]));
		const now = options.now ?? new Date();
		const inserts: Record<string, unknown>[] = [];
		for (const scheme of schemes) {
			const bands = (parseJson(scheme.levels) as LevelBand[] | null) ?? [];
			for (const person of people.filter((p) => p.position === scheme.position)) {
				const totals = perPerson.get(person.id) ?? {};
				const { score, item_scores } = scoreAppraisal(
					itemsOf.get(scheme.id)!,
					(kpi) => {
						const definition = kpiByKey(kpi);
						const read = READ[kpi as KpiKey]?.(totals, 'now');
						return definition && read ? appraisalValue(definition, read.numerator, read.denominator) : null;
					},
					kpiByKey,
				);
				const level = levelOf(bands, score);
				const row = byKey.get(`${person.id}|${scheme.id}`);
				if (!row) {
					inserts.push({
						person: person.id,
						scheme: scheme.id,
						period_start: start,
						period_type: type,
						score,
						level,
						item_scores: JSON.stringify(item_scores),
						status: 'draft',
						date_created: v.instant(now),
					});
					continue;
				}
				if (row.status !== 'draft') {
					counts.kept++;
					continue;
				}
				const same =
					round2(Number(row.score)) === score &&
					row.level === level &&
					JSON.stringify(parseJson(row.item_scores)) === JSON.stringify(item_scores);
				if (same) {
					counts.unchanged++;
					continue;
				}
				// Still a draft under the lock of this write: a confirmation meanwhile keeps its numbers.
				counts.updated += await trx('appraisals')
					.where({ id: row.id, status: 'draft' })
					.update({ score, level, item_scores: JSON.stringify(item_scores), date_updated: v.instant(now) });
			}
		}
		for (let i = 0; i < inserts.length; i += 100) {
			const added = await trx('appraisals')
				.insert(inserts.slice(i, i + 100))
				.onConflict(['person', 'scheme', 'period_start'])
				.ignore()
				.returning('id');
			counts.created += added.length;
		}
		return counts;
	});
}

/**
 * The sweep's run: the month, quarter and year that ended last, once per period (the stamp in
 * sweep_marks); an idle sweep reads one row. A scheme whose weights are off is skipped (an
 * Administrator generates its period by hand once it is fixed).
 */
export async function generateEndedPeriods(trx: Knex.Transaction, today: string, now: Date): Promise<number> {
	const periods = (['month', 'quarter', 'year'] as const).map((type) => lastEndedPeriod(type, today));
	const stamp = JSON.stringify(periods);
	const due = await trx(MARKS)
		.where('id', APPRAISALS)
		.where((q) => q.where('dirty', true).orWhereNull('stamp').orWhereNot('stamp', stamp))
		.update({ dirty: false, stamp });
	if (!due) return 0;
	let made = 0;
	for (const period of periods)
		made += (await generateAppraisals({ database: trx }, period, { now, lenient: true })).created;
	return made;
}

/** A scheme's bands are a list of levels with their lowest score. */
export const schemeProblem = (payload: Row): FlowRefusal | null =>
	'levels' in payload ? levelsProblem(payload.levels) : null;

/**
 * An item written by hand: its own numbers (the stored row with the change), and the weights of
 * its scheme with it at most 100 (generating refuses a scheme whose weights are not 100 yet).
 */
export async function appraisalItemProblem(
	knex: Knex,
	keys: (string | number)[] | null,
	payload: Row,
): Promise<FlowRefusal | null> {
	const rows: Row[] = keys ? await knex('appraisal_items').whereIn('id', keys).select('*') : [{}];
	for (const row of rows) {
		const item = { ...row, ...payload } as Row;
		const problem = itemProblem(item);
		if (problem) return problem;
		const scheme = typeof item.scheme === 'object' && item.scheme !== null ? item.scheme.id : item.scheme;
		if (scheme === undefined || scheme === null) continue;
		const others = await knex('appraisal_items')
			.where('scheme', scheme)
			.modify((q) => (keys ? q.whereNotIn('id', keys) : q))
			.sum({ total: 'weight' })
			.first();
		const total = round2(Number(others?.total ?? 0) + Number(item.weight) * rows.length);
		if (total > 100) {
			const name = (await knex('appraisal_schemes').where('id', scheme).first('name'))?.name ?? String(scheme);
			return refusal(409, 'appraisal_weights', { scheme: name, total: String(total) });
		}
	}
	return null;
}

/** An approved appraisal is locked for everyone but an Administrator. */
export async function lockedAppraisalProblem(knex: Knex, keys: (string | number)[]): Promise<FlowRefusal | null> {
	const locked: { status: string } | undefined = await knex('appraisals')
		.whereIn('id', keys)
		.whereNotIn('status', editableStatuses.appraisals)
		.first('status');
	return locked
		? refusal(409, 'appraisal_locked', {
				status: appraisalStatuses[locked.status as keyof typeof appraisalStatuses] ?? locked.status,
			})
		: null;
}

/** The period of an appraisal row as a key (`2090-03`, `2090-Q1`, `2090`), for messages and tests. */
export const periodKeyOf = (row: Row): string => {
	const start = toDate(row.period_start);
	if (row.period_type === 'year') return start.slice(0, 4);
	if (row.period_type === 'quarter') return `${start.slice(0, 4)}-Q${Math.ceil(Number(start.slice(5, 7)) / 3)}`;
	return start.slice(0, 7);
};
