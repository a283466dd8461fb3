/**
 * Carrying out a visit (签到 → 签退) and its report (提交 → 通过 | 退回): what each step
 * checks and stamps. The server's clock and the customer's coordinates decide, never the
 * client's. Pure: the API shell reads the facts under lock and writes the patch.
 */
import {
	authorize,
	commentProblem,
	flows,
	logEntry,
	mayDecide,
	mayTake,
	type Caller,
	type FlowKey,
	type ItemFacts,
	type LogEntry,
	type Person,
} from './approval.ts';
import { reportDueAt, type DeadlineSettings } from './deadlines.ts';
import { distanceM, isCoordinate, type Point } from './geo.ts';
import { FOLLOW_UPS_MAX, isCleanText, isIsoDate, TEXT_MAX } from './input.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { workdayAfter, type WorkCalendar } from './work-days.ts';
import { zonedDate, zonedInstant } from './zoned-time.ts';

export interface FieldWorkSettings extends DeadlineSettings {
	geofence_radius_m: number;
	/** soft: outside the radius only with a reason, for the manager to acknowledge; hard: refused. */
	geofence_mode: 'soft' | 'hard';
	/** A fix whose reported accuracy is worse is refused. */
	check_in_max_accuracy_m: number;
	/** A fix older than this (or from the future) is refused as stale or spoofed. */
	check_in_max_fix_age_s: number;
	/** Checking in without the approved application it needs: refused, or accepted as unauthorized (视作旷工). */
	unapproved_check_in: 'refuse' | 'flag';
	/** 报备后方可出门: a visit that needs an application waits for the assistant's filing. */
	require_filing_before_check_in?: boolean;
	/** Hours either side of the scheduled start in which check-in is accepted besides the scheduled day; null: no limit. */
	check_in_window_hours?: number | null;
}

/** What check-in needs of the settings beside the item: the offer and the POST read the same. */
export type CheckInSettings = Pick<FieldWorkSettings, 'unapproved_check_in'> &
	Partial<Pick<FieldWorkSettings, 'timezone' | 'require_filing_before_check_in' | 'check_in_window_hours'>>;

export interface VisitFacts extends ItemFacts {
	channel: string;
	requires_application: boolean;
	application_status: string;
	report_due_at: string | null;
	/** Whether the caller may read the visit's customer (Directus permissions). */
	customer_visible?: boolean;
	/** Whether the visit has its visit_reports row. */
	has_report?: boolean;
	application_filed_at?: string | null;
}

/**
 * 不得擅自更改拜访计划: a visit is checked in on its scheduled day (in the company's zone), or
 * within `windowHours` of its scheduled start (a visit at 23:30 checked in at 00:10), never
 * days ahead or after. No scheduled start or no window: no limit.
 */
export function checkInTimeProblem(
	scheduledStart: string | null | undefined,
	now: Date,
	timezone: string,
	windowHours: number | null | undefined,
): FlowRefusal | null {
	if (!scheduledStart || windowHours === null || windowHours === undefined) return null;
	const start = new Date(scheduledStart);
	if (Number.isNaN(start.getTime())) return null;
	if (zonedDate(start, timezone) === zonedDate(now, timezone)) return null;
	if (Math.abs(now.getTime() - start.getTime()) <= windowHours * 3_600_000) return null;
	return refusal(409, 'check_in_window', { day: zonedDate(start, timezone), hours: String(windowHours) });
}

/**
 * `mayTake` for a visit or its report, with what those steps need of the item beyond its
 * state: check-in an approved application (unless the company flags instead) and a customer
 * the caller may see; a review, the report it reviews.
 */
export function visitStepProblem(
	flow: 'visit' | 'report',
	action: string,
	item: VisitFacts,
	caller: Caller,
	approverName: string | null,
	settings: CheckInSettings,
	now: Date,
): FlowRefusal | null {
	const problem = mayTake(flow, action, item, caller, approverName);
	if (problem) return problem;
	if (flow === 'visit' && action === 'check_in') {
		// The distance to a customer the caller may not see would give its position away.
		if (item.customer_visible === false) return refusal(403, 'check_in_customer_hidden');
		if (
			item.requires_application &&
			item.application_status !== 'approved' &&
			settings.unapproved_check_in === 'refuse'
		)
			return refusal(409, 'application_required');
		if (settings.require_filing_before_check_in && item.requires_application && !item.application_filed_at)
			return refusal(409, 'filing_required');
		if (settings.timezone)
			return checkInTimeProblem(item.scheduled_start, now, settings.timezone, settings.check_in_window_hours);
	}
	// A report marked submitted without its row (an import, say) has nothing to review.
	if (flow === 'report' && (action === 'approve' || action === 'return') && item.has_report === false)
		return refusal(409, 'report_missing');
	return null;
}

/** What the phone reports (navigator.geolocation): degrees, metres, and when the fix was taken. */
export interface Fix {
	latitude?: unknown;
	longitude?: unknown;
	accuracy?: unknown;
	/** Epoch milliseconds or ISO 8601. */
	timestamp?: unknown;
}

export type Step =
	{ ok: true; to: string; patch: Record<string, unknown>; log: LogEntry } | { ok: false; refusal: FlowRefusal };

const done = (
	flow: FlowKey,
	action: string,
	item: ItemFacts,
	caller: Caller,
	now: Date,
	comment: string | null,
	patch: Record<string, unknown>,
): Step => {
	const to = flows[flow].actions[action]!.to;
	return {
		ok: true,
		to,
		patch: { ...patch, [flows[flow].statusField]: to },
		log: logEntry(flow, item, to, caller, now, comment),
	};
};

/** Where the fix is, or why it cannot be trusted. */
function readFix(
	fix: Fix | null,
	settings: FieldWorkSettings,
	now: Date,
): { point: Point; accuracy: number | null } | FlowRefusal {
	if (
		!fix ||
		fix.latitude === undefined ||
		fix.latitude === null ||
		fix.longitude === undefined ||
		fix.longitude === null
	)
		return refusal(422, 'coordinates_required');
	if (!isCoordinate(fix.latitude, fix.longitude)) return refusal(422, 'coordinates_invalid');
	const accuracy = fix.accuracy === undefined || fix.accuracy === null ? null : Number(fix.accuracy);
	if (accuracy !== null && !(accuracy >= 0)) return refusal(422, 'coordinates_invalid');
	if (accuracy !== null && accuracy > settings.check_in_max_accuracy_m)
		return refusal(422, 'fix_inaccurate', {
			accuracy: String(Math.round(accuracy)),
			limit: String(settings.check_in_max_accuracy_m),
		});
	if (fix.timestamp !== undefined && fix.timestamp !== null) {
		const taken = typeof fix.timestamp === 'number' ? fix.timestamp : Date.parse(String(fix.timestamp));
		const age = (now.getTime() - taken) / 1000;
		// A minute of clock skew is tolerated; more, either way, is a replayed or forged fix.
		if (!Number.isFinite(age) || age > settings.check_in_max_fix_age_s || age < -60)
			return refusal(422, 'fix_stale', { limit: String(settings.check_in_max_fix_age_s) });
	}
	return { point: { latitude: fix.latitude as number, longitude: fix.longitude as number }, accuracy };
}

export interface CheckInInput {
	item: VisitFacts;
	caller: Caller;
	fix: Fix | null;
	reason: string | null;
	/** The customer's coordinates, when the profile has them. */
	customer: Point | null;
	settings: FieldWorkSettings;
	now: Date;
}

/** 签到: scheduled → in_progress, at the customer (onsite) or anywhere (phone, video). */
export function checkIn({ item, caller, fix, reason, customer, settings, now }: CheckInInput): Step {
	const problem = visitStepProblem('visit', 'check_in', item, caller, null, settings, now);
	if (problem) return { ok: false, refusal: problem };
	// Let through unapproved only where the company flags it (视作旷工) instead of refusing.
	const unauthorized = item.requires_application && item.application_status !== 'approved';
	const patch: Record<string, unknown> = { check_in_at: now.toISOString(), unauthorized };
	const why = reason?.trim() || null;
	if (item.channel === 'onsite') {
		const read = readFix(fix, settings, now);
		if ('code' in read) return { ok: false, refusal: read };
		const distance = customer ? Math.round(distanceM(read.point, customer)) : null;
		const outside = distance !== null && distance > settings.geofence_radius_m;
		if (outside && settings.geofence_mode === 'hard')
			return {
				ok: false,
				refusal: refusal(422, 'outside_geofence', {
					distance: String(distance),
					radius: String(settings.geofence_radius_m),
				}),
			};
		if (outside && !why)
			return {
				ok: false,
				refusal: refusal(422, 'outside_geofence_reason', {
					distance: String(distance),
					radius: String(settings.geofence_radius_m),
				}),
			};
		Object.assign(patch, {
			check_in_latitude: read.point.latitude,
			check_in_longitude: read.point.longitude,
			check_in_accuracy_m: read.accuracy,
			check_in_distance_m: distance,
			outside_geofence: outside,
			check_in_reason: outside ? why : null,
		});
	}
	return done('visit', 'check_in', item, caller, now, unauthorized ? 'unauthorized' : null, patch);
}

/** 签退: in_progress → completed; the report is due from now. */
export function checkOut(
	item: VisitFacts,
	caller: Caller,
	settings: FieldWorkSettings,
	calendar: WorkCalendar,
	now: Date,
): Step {
	const problem = authorize('visit', 'check_out', item, caller, null, null);
	if (problem) return { ok: false, refusal: problem };
	const due = reportDueAt(now, settings, calendar).toISOString();
	// The report machine starts here: not_due → pending.
	return done('visit', 'check_out', item, caller, now, null, {
		check_out_at: now.toISOString(),
		report_due_at: due,
		report_status: 'pending',
	});
}

export function cancelVisit(item: VisitFacts, caller: Caller, comment: string | null, now: Date): Step {
	const problem = authorize('visit', 'cancel', item, caller, comment, null);
	if (problem) return { ok: false, refusal: problem };
	return done('visit', 'cancel', item, caller, now, comment, {});
}

/** 提交报告: accepted late (flagged), and again after it was returned. */
export function submitReport(item: VisitFacts, caller: Caller, now: Date): Step {
	const problem = authorize('report', 'submit', item, caller, null, null);
	if (problem) return { ok: false, refusal: problem };
	const late = item.report_due_at !== null && now.getTime() > Date.parse(item.report_due_at);
	return done('report', 'submit', item, caller, now, null, {
		report_submitted_at: now.toISOString(),
		report_late: late,
	});
}

/** The supervisor's review: approved, or returned with a comment. */
export function reviewReport(
	item: VisitFacts,
	caller: Caller,
	decision: unknown,
	comment: string | null,
	approverName: string | null,
	now: Date,
): Step {
	if (decision !== 'approved' && decision !== 'returned')
		return { ok: false, refusal: refusal(400, 'review_decision') };
	const action = decision === 'approved' ? 'approve' : 'return';
	const problem =
		visitStepProblem('report', action, item, caller, approverName, { unapproved_check_in: 'flag' }, now) ??
		commentProblem('report', action, comment);
	if (problem) return { ok: false, refusal: problem };
	return done('report', action, item, caller, now, comment, {});
}

/** A report's content: what the rep writes; the rest the flow stamps. */
export const REPORT_FIELDS = [
	'summary',
	'customer_feedback',
	'outcome',
	'participants',
	'competitor_info',
	'next_steps',
] as const;

export interface FollowUpInput {
	description: string;
	due_date: string;
}

/** The report's content and commitments (跟进事项), or why they are not acceptable. */
export function readReport(
	body: Record<string, unknown>,
	today: string,
): { content: Record<string, string | null>; followUps: FollowUpInput[] } | FlowRefusal {
	const content: Record<string, string | null> = {};
	for (const field of REPORT_FIELDS) {
		const value = body[field];
		if (value !== undefined && value !== null && typeof value !== 'string') return refusal(400, 'report_invalid');
		if (typeof value === 'string' && !isCleanText(value))
			return refusal(400, 'text_invalid', { field, max: String(TEXT_MAX) });
		content[field] = typeof value === 'string' && value.trim() ? value.trim() : null;
	}
	if (!content.summary || content.summary.length < 10) return refusal(422, 'report_summary');
	const raw = body.follow_ups ?? [];
	if (!Array.isArray(raw)) return refusal(400, 'report_invalid');
	// A report's commitments are a handful; thousands of them are a mistake or an attack.
	if (raw.length > FOLLOW_UPS_MAX) return refusal(400, 'follow_ups_too_many', { max: String(FOLLOW_UPS_MAX) });
	const followUps: FollowUpInput[] = [];
	for (const f of raw) {
		if (typeof f?.description === 'string' && !isCleanText(f.description))
			return refusal(400, 'text_invalid', { field: 'follow_ups.description', max: String(TEXT_MAX) });
		const description = typeof f?.description === 'string' ? f.description.trim() : '';
		const due = typeof f?.due_date === 'string' ? f.due_date : '';
		if (!description || !isIsoDate(due)) return refusal(422, 'follow_up_invalid');
		if (due < today) return refusal(422, 'follow_up_past', { date: due });
		followUps.push({ description, due_date: due });
	}
	return { content, followUps };
}

/** A sweep's transition (missed, overdue), taken by hand by an Administrator. */
export function systemStep(flow: FlowKey, action: string, item: ItemFacts, caller: Caller, now: Date): Step {
	const problem = authorize(flow, action, item, caller, null, null);
	if (problem) return { ok: false, refusal: problem };
	return done(flow, action, item, caller, now, null, {});
}

/** Why the caller may not acknowledge a check-in outside the geofence: only the supervisor, once, and only if it was outside. */
export function acknowledgeProblem(
	caller: Caller,
	owner: Person,
	outside: boolean,
	acknowledgedAt: string | null,
	approverName: string | null,
): FlowRefusal | null {
	const problem = mayDecide(caller, owner, false, approverName, {
		'zh-CN': '确认范围外签到',
		'en-US': 'acknowledge the check-in',
	});
	if (problem) return problem;
	if (!outside) return refusal(409, 'not_outside');
	if (acknowledgedAt) return refusal(409, 'already_acknowledged');
	return null;
}

/**
 * 出门拜访须填写拜访申请单: going out to a customer outside an approved plan (when the company
 * asks for it), or on a trip, is applied for first; a phone or video call is not going out.
 */
export const requiresApplication = (
	visit: { travel?: unknown; plan_item?: unknown; channel?: unknown },
	requireForUnplanned: boolean,
): boolean =>
	Boolean(visit.travel) ||
	((visit.plan_item === null || visit.plan_item === undefined) && visit.channel === 'onsite' && requireForUnplanned);

export interface EscalationInput {
	customer: number;
	/** The customer's owner, who makes the visit. */
	owner: string;
	/** What the caller sent as `scheduled_start`, if anything. */
	start: unknown;
	now: Date;
	timezone: string;
	calendar: WorkCalendar;
	require_application_for_unplanned: boolean;
}

/**
 * 电话回访无法解决问题时安排上门拜访: the planned on-site visit for the customer's owner, at the
 * start asked for (not in the past) or at 9:00 on the next working day; outside any plan, it needs
 * the application the visit rules ask of an unplanned on-site visit.
 */
export function escalationVisit(input: EscalationInput): { visit: Record<string, unknown> } | { refusal: FlowRefusal } {
	let start: Date;
	if (input.start === undefined || input.start === null || input.start === '') {
		start = zonedInstant(workdayAfter(zonedDate(input.now, input.timezone), input.calendar), input.timezone, 9);
	} else {
		const at = typeof input.start === 'string' ? Date.parse(input.start) : NaN;
		if (!Number.isFinite(at) || at < input.now.getTime()) return { refusal: refusal(422, 'revisit_escalate_start') };
		start = new Date(at);
	}
	const visit = { owner: input.owner, customer: input.customer, plan_item: null, channel: 'onsite', travel: false };
	return {
		visit: {
			...visit,
			purpose: 'relationship',
			scheduled_start: start.toISOString(),
			requires_application: requiresApplication(visit, input.require_application_for_unplanned),
		},
	};
}
