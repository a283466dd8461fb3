/**
 * The visit's own steps inside a flow transaction: check-in, check-out, cancel, and the
 * report's submission and review, with the rows they bring along (the visit_reports row,
 * the follow-ups promised in it).
 */
import type { Knex } from 'knex';
import type { Caller } from '../domain/approval.ts';
import type { WorkCalendar } from '../domain/work-days.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import {
	cancelVisit,
	checkIn,
	checkOut,
	readReport,
	reviewReport,
	submitReport,
	systemStep,
	type FieldWorkSettings,
	type Step,
	type VisitFacts,
} from '../domain/visit-rules.ts';
import { Refused } from './errors.ts';
import { loadCalendar, type VisitSettings } from './settings.ts';
import type { ActionRequest, Row, Writer } from './context.ts';

interface StepContext {
	trx: Knex.Transaction;
	request: ActionRequest & { flow: 'visit' | 'report' };
	row: Row;
	/** Read by flow/facts.ts, as for the actions offered. */
	facts: VisitFacts;
	caller: Caller;
	settings: VisitSettings;
	approverName: string | null;
	now: Date;
	writer: Writer;
}

const fieldWorkSettings = (s: VisitSettings): FieldWorkSettings => ({
	timezone: s.timezone,
	report_deadline_hours: s.report_deadline_hours,
	report_deadline_workdays: s.report_deadline_workdays,
	geofence_radius_m: s.geofence_radius_m,
	geofence_mode: s.geofence_mode,
	check_in_max_accuracy_m: s.check_in_max_accuracy_m,
	check_in_max_fix_age_s: s.check_in_max_fix_age_s,
	unapproved_check_in: s.unapproved_check_in,
	require_filing_before_check_in: s.require_filing_before_check_in,
	check_in_window_hours: s.check_in_window_hours,
});

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Takes a visit or report step and writes it; returns the step taken. */
export async function fieldWorkStep(ctx: StepContext): Promise<Extract<Step, { ok: true }>> {
	const { trx, request, row, facts, caller, settings, now, writer } = ctx;
	const { flow, action, id } = request;
	const body = request.body ?? {};
	const rules = fieldWorkSettings(settings);
	let step: Step;
	let report: {
		content: Record<string, string | null>;
		followUps: { description: string; due_date: string }[];
	} | null = null;

	if (flow === 'visit' && action === 'check_in') {
		const customer = await trx('customers').where({ id: row.customer }).first('latitude', 'longitude');
		const point =
			customer && customer.latitude !== null && customer.longitude !== null
				? { latitude: Number(customer.latitude), longitude: Number(customer.longitude) }
				: null;
		step = checkIn({
			item: facts,
			caller,
			fix: body,
			reason: text(body.reason),
			customer: point,
			settings: rules,
			now,
		});
	} else if (flow === 'visit' && action === 'check_out') {
		step = checkOut(facts, caller, rules, (await loadCalendar(trx)) as WorkCalendar, now);
	} else if (flow === 'visit' && action === 'cancel') {
		step = cancelVisit(facts, caller, request.comment ?? null, now);
	} else if (flow === 'report' && action === 'submit') {
		step = submitReport(facts, caller, now);
		if (step.ok) {
			const read = readReport(body, zonedDate(now, settings.timezone));
			if ('code' in read) throw new Refused(read);
			report = read;
		}
	} else if (flow === 'report' && (action === 'approve' || action === 'return')) {
		step = reviewReport(
			facts,
			caller,
			action === 'approve' ? 'approved' : 'returned',
			request.comment ?? null,
			ctx.approverName,
			now,
		);
	} else {
		// The sweeps' own transitions (miss, expire), taken by hand by an Administrator.
		step = systemStep(flow, action, facts, caller, now);
	}
	if (!step.ok) throw new Refused(step.refusal);

	await writer('visits').updateOne(id, step.patch);
	await writer('approval_log').createOne(step.log);
	if (report) await saveReport(trx, writer, row, report, now);
	if (flow === 'report' && (action === 'approve' || action === 'return')) {
		const existing = await trx('visit_reports').where({ visit: id }).first('id');
		await writer('visit_reports').updateOne(existing.id, {
			reviewer: caller.id || null,
			reviewed_at: now.toISOString(),
			review_decision: step.to,
			review_comment: step.log.comment,
		});
	}
	return step;
}

/** One report per visit: a resubmission replaces the returned one's content and clears its review. */
async function saveReport(
	trx: Knex.Transaction,
	writer: Writer,
	visit: Row,
	report: { content: Record<string, string | null>; followUps: { description: string; due_date: string }[] },
	now: Date,
) {
	const stamps = {
		submitted_at: now.toISOString(),
		reviewer: null,
		reviewed_at: null,
		review_decision: null,
		review_comment: null,
	};
	const existing = await trx('visit_reports').where({ visit: visit.id }).first('id');
	if (existing) await writer('visit_reports').updateOne(existing.id, { ...report.content, ...stamps });
	else await writer('visit_reports').createOne({ visit: visit.id, ...report.content, ...stamps });
	if (report.followUps.length > 0) {
		await writer('follow_ups').createMany(
			report.followUps.map((f) => ({
				visit: visit.id,
				customer: visit.customer,
				owner: visit.owner,
				description: f.description,
				due_date: f.due_date,
				status: 'open',
			})),
		);
	}
}
