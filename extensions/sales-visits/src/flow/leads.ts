/**
 * Lead grades: the history of every change of `customers.lead_grade` (lead_grade_changes,
 * written by a database trigger: setup/grade-history.ts) is read-only on the items API,
 * and `GET /visit-quotas/lead-follow-ups?owner=…` lists the graded customers due for a
 * contact (domain/leads.ts says when), scoped like compliance.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { intervalsOf, leadDue, type LeadGrade } from '../domain/leads.ts';
import { refusal } from '../domain/refusals.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { visibleOwners } from './quota-data.ts';
import { loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';
import { toInstant, toIso } from './values.ts';

/** The history is the server's: no write path of the items API touches it, an Administrator's neither. */
export async function refuseHistoryEdit(ctx: {
	database: Knex;
	accountability: Accountability | null;
}): Promise<never> {
	const { language } = await loadCaller(ctx.database, ctx.accountability);
	throw refusalError(refusal(403, 'grade_history_readonly'), language);
}

export async function leadFollowUps(
	ctx: FlowContext,
	accountability: Accountability | null,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const owners = await visibleOwners(ctx, accountability, query.owner, language, [
		'customers',
		'visits',
		'revisits',
		'lead_grade_changes',
	]);
	const settings = await loadSettings(ctx.database);
	const intervals = intervalsOf(settings);
	const today = zonedDate(new Date(), settings.timezone);
	if (owners.length === 0) return { today, customers: [] };

	// One statement: the graded customers with their last contact (a completed visit or a done revisit) and last grading.
	const db = ctx.database;
	const theirs = db('customers').select('id').whereIn('owner', owners);
	const touches = db('visits')
		.select('customer', 'check_out_at as at')
		.where('status', 'completed')
		.whereIn('customer', theirs)
		.unionAll(
			db('revisits').select('customer', 'done_at as at').where('status', 'done').whereIn('customer', theirs.clone()),
		);
	const contacts = db.select('customer').max({ at: 'at' }).from(touches.as('t')).groupBy('customer').as('v');
	const gradings = db('lead_grade_changes')
		.select('customer')
		.max({ at: 'changed_at' })
		.whereIn('customer', theirs.clone())
		.groupBy('customer')
		.as('g');
	const rows: {
		id: number;
		name: string;
		owner: string;
		lead_grade: LeadGrade;
		last_contact: unknown;
		graded_at: unknown;
	}[] = await db('customers as c')
		.leftJoin(contacts, 'v.customer', 'c.id')
		.leftJoin(gradings, 'g.customer', 'c.id')
		.whereIn('c.owner', owners)
		.where('c.status', 'active')
		.whereNotNull('c.lead_grade')
		.select('c.id', 'c.name', 'c.owner', 'c.lead_grade', 'v.at as last_contact', 'g.at as graded_at');

	const day = (value: unknown) => {
		const instant = toInstant(value);
		return instant ? zonedDate(instant, settings.timezone) : null;
	};
	const customers = rows
		.map((r) => ({ r, due: leadDue(r.lead_grade, intervals, day(r.last_contact), day(r.graded_at), today) }))
		.filter(({ due }) => due.due)
		.map(({ r, due }) => ({
			customer: r.id,
			name: r.name,
			owner: r.owner,
			grade: r.lead_grade,
			last_contact: toIso(r.last_contact),
			graded_at: toIso(r.graded_at),
			interval_days: intervals[r.lead_grade],
			due_date: due.due_date,
			overdue_days: due.overdue_days,
		}))
		.sort((a, b) => b.overdue_days - a.overdue_days || a.customer - b.customer);
	return { today, customers };
}
