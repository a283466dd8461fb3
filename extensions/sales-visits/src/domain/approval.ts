/**
 * The one approval mechanism that visit plans, out-of-office visit applications (拜访申请)
 * and expense requests share: a transition table per flow, who may take each transition,
 * what it stamps, and the approval_log row it writes. Pure: the API shell loads the facts,
 * locks the row and writes what `decide` returns.
 */
import { isSatisfaction } from './care.ts';
import {
	applicationStatuses,
	complaintCauses,
	complaintStatuses,
	expenseStatuses,
	followUpStatuses,
	planStatuses,
	reportStatuses,
	rescheduleStatuses,
	revisitChannels,
	revisitStatuses,
	visitStatuses,
	type ChoiceSet,
	type Label,
} from './choices.ts';
import type { RoleKey } from './ownership.ts';
import { refusal, type FlowRefusal } from './refusals.ts';

export type FlowKey =
	'plan' | 'application' | 'reschedule' | 'expense' | 'visit' | 'report' | 'follow_up' | 'revisit' | 'complaint';
/** `system`: the sweeps (and an Administrator standing in for them); `carer`: the owner or customer service (客户服务专员). */
export type Actor = 'owner' | 'approver' | 'system' | 'carer';

export interface Transition<A extends string = Actor> {
	from: readonly string[];
	to: string;
	by: A;
	commentRequired?: boolean;
	label: Label;
}

/** A flow's transition table; the sales cycle's flows (sales-flows.ts) have actors of their own. */
export interface FlowDefinition<A extends string = Actor> {
	collection:
		| 'visit_plans'
		| 'visits'
		| 'expense_requests'
		| 'follow_ups'
		| 'revisits'
		| 'complaints'
		| 'opportunities'
		| 'quotes'
		| 'contracts'
		| 'deliveries'
		| 'sales_orders'
		| 'payment_schedules'
		| 'periodic_reports'
		| 'sales_targets'
		| 'commission_statements'
		| 'appraisals'
		| 'receptions';
	statusField: string;
	ownerField: string;
	statuses: ChoiceSet<string>;
	actions: Record<string, Transition<A>>;
}

/** A text in both languages, for the transition tables here and in sales-flows.ts. */
export const label = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

export const flows: Record<FlowKey, FlowDefinition> = {
	plan: {
		collection: 'visit_plans',
		statusField: 'status',
		ownerField: 'owner',
		statuses: planStatuses,
		actions: {
			submit: { from: ['draft'], to: 'submitted', by: 'owner', label: label('提交', 'submit') },
			approve: { from: ['submitted'], to: 'approved', by: 'approver', label: label('批准', 'approve') },
			reject: {
				from: ['submitted'],
				to: 'rejected',
				by: 'approver',
				commentRequired: true,
				label: label('驳回', 'reject'),
			},
			// approved → draft is a new revision; rejected → draft reopens the same one.
			revise: { from: ['approved', 'rejected'], to: 'draft', by: 'owner', label: label('修订', 'revise') },
		},
	},
	application: {
		collection: 'visits',
		statusField: 'application_status',
		ownerField: 'owner',
		statuses: applicationStatuses,
		actions: {
			apply: { from: ['not_required', 'rejected'], to: 'pending', by: 'owner', label: label('申请', 'apply') },
			approve: { from: ['pending'], to: 'approved', by: 'approver', label: label('批准', 'approve') },
			reject: {
				from: ['pending'],
				to: 'rejected',
				by: 'approver',
				commentRequired: true,
				label: label('驳回', 'reject'),
			},
		},
	},
	// 不得擅自更改拜访计划: the rep asks with a reason, the supervisor moves the visit or not.
	reschedule: {
		collection: 'visits',
		statusField: 'reschedule_status',
		ownerField: 'owner',
		statuses: rescheduleStatuses,
		actions: {
			request: {
				from: ['none', 'approved', 'rejected'],
				to: 'pending',
				by: 'owner',
				label: label('申请改期', 'ask to reschedule'),
			},
			approve: { from: ['pending'], to: 'approved', by: 'approver', label: label('批准改期', 'approve the new date') },
			reject: {
				from: ['pending'],
				to: 'rejected',
				by: 'approver',
				commentRequired: true,
				label: label('驳回改期', 'reject the new date'),
			},
		},
	},
	expense: {
		collection: 'expense_requests',
		statusField: 'status',
		ownerField: 'requester',
		statuses: expenseStatuses,
		actions: {
			approve: { from: ['pending'], to: 'approved', by: 'approver', label: label('批准', 'approve') },
			reject: {
				from: ['pending'],
				to: 'rejected',
				by: 'approver',
				commentRequired: true,
				label: label('驳回', 'reject'),
			},
		},
	},
	visit: {
		collection: 'visits',
		statusField: 'status',
		ownerField: 'owner',
		statuses: visitStatuses,
		actions: {
			check_in: { from: ['scheduled'], to: 'in_progress', by: 'owner', label: label('签到', 'check in') },
			check_out: { from: ['in_progress'], to: 'completed', by: 'owner', label: label('签退', 'check out') },
			cancel: {
				from: ['scheduled'],
				to: 'cancelled',
				by: 'owner',
				commentRequired: true,
				label: label('取消拜访', 'cancel'),
			},
			miss: { from: ['scheduled'], to: 'missed', by: 'system', label: label('记为未拜访', 'mark missed') },
		},
	},
	report: {
		collection: 'visits',
		statusField: 'report_status',
		ownerField: 'owner',
		statuses: reportStatuses,
		actions: {
			submit: {
				from: ['pending', 'overdue', 'returned'],
				to: 'submitted',
				by: 'owner',
				label: label('提交报告', 'submit the report'),
			},
			approve: { from: ['submitted'], to: 'approved', by: 'approver', label: label('通过', 'approve') },
			return: {
				from: ['submitted'],
				to: 'returned',
				by: 'approver',
				commentRequired: true,
				label: label('退回', 'return'),
			},
			expire: { from: ['pending'], to: 'overdue', by: 'system', label: label('记为逾期', 'mark overdue') },
		},
	},
	follow_up: {
		collection: 'follow_ups',
		statusField: 'status',
		ownerField: 'owner',
		statuses: followUpStatuses,
		actions: {
			complete: { from: ['open'], to: 'done', by: 'owner', label: label('完成', 'complete') },
			cancel: { from: ['open'], to: 'cancelled', by: 'owner', commentRequired: true, label: label('取消', 'cancel') },
		},
	},
	revisit: {
		collection: 'revisits',
		statusField: 'status',
		ownerField: 'owner',
		statuses: revisitStatuses,
		actions: {
			done: { from: ['scheduled'], to: 'done', by: 'carer', label: label('完成回访', 'record as done') },
			cancel: {
				from: ['scheduled'],
				to: 'cancelled',
				by: 'carer',
				commentRequired: true,
				label: label('取消回访', 'cancel'),
			},
			miss: { from: ['scheduled'], to: 'missed', by: 'system', label: label('记为已错过', 'mark missed') },
			// 主管审阅回访报告 and 需上门拜访: steps on a done revisit that stamp it and leave it done (itemProblem: once each).
			review: { from: ['done'], to: 'done', by: 'approver', label: label('审阅回访报告', 'review the report') },
			escalate: {
				from: ['done'],
				to: 'done',
				by: 'carer',
				commentRequired: true,
				label: label('申请上门拜访', 'ask for an on-site visit'),
			},
		},
	},
	complaint: {
		collection: 'complaints',
		statusField: 'status',
		ownerField: 'owner',
		statuses: complaintStatuses,
		actions: {
			respond: { from: ['open'], to: 'responded', by: 'carer', label: label('响应', 'respond') },
			resolve: { from: ['responded'], to: 'resolved', by: 'carer', label: label('解决', 'resolve') },
			close: { from: ['resolved'], to: 'closed', by: 'carer', label: label('关闭', 'close') },
		},
	},
};

/** The actions of a transition table that lead from `status` to `to`. */
export const actionsIn = (definition: FlowDefinition<string>, status: string, to: string): string[] =>
	Object.entries(definition.actions)
		.filter(([, t]) => t.to === to && t.from.includes(status))
		.map(([action]) => action);

/** The flow's actions that lead from `status` to `to`. */
export const actionsBetween = (flow: FlowKey, status: string, to: string): string[] =>
	actionsIn(flows[flow], status, to);

export interface Person {
	id: string;
	name: string;
	position: string | null;
	reports_to: string | null;
}

export interface Caller extends Person {
	/** Administrators may act for anyone, but never decide their own requests. */
	admin: boolean;
	/** The caller's role, where a rule is a role's rather than a position's (the integrator holds none). */
	role?: RoleKey | null;
}

/** Who decides for `owner`: their `reports_to`, or any General Manager for a manager's items and over-budget expenses. */
export type Approver = { kind: 'user'; id: string } | { kind: 'general_manager' } | null;

export function approverOf(owner: Person, needsGeneralManager = false): Approver {
	if (needsGeneralManager || owner.position === 'manager' || owner.position === 'general_manager')
		return { kind: 'general_manager' };
	return owner.reports_to ? { kind: 'user', id: owner.reports_to } : null;
}

export const generalManagerLabel = label('总经理', 'a General Manager');

export function mayDecide(
	caller: Caller,
	owner: Person,
	needsGeneralManager: boolean,
	approverName: string | null,
	action: Label,
): FlowRefusal | null {
	if (caller.id === owner.id) return refusal(403, 'self_approval');
	if (caller.admin) return null;
	const approver = approverOf(owner, needsGeneralManager);
	if (approver === null) return refusal(409, 'no_approver', { owner: owner.name });
	const allowed =
		approver.kind === 'general_manager' ? caller.position === 'general_manager' : caller.id === approver.id;
	return allowed
		? null
		: refusal(403, 'not_approver', {
				action,
				approver: approver.kind === 'general_manager' ? generalManagerLabel : (approverName ?? approver.id),
			});
}

/** What a flow needs to know about the item, read under lock. */
export interface ItemFacts {
	id: number;
	status: string;
	owner: Person;
	/** plan */
	revision?: number;
	submit_due_at?: string | null;
	/** plan: the customers its last submission left short of their visit quota (the coverage check) */
	coverage_short_count?: number;
	/** plan: `month` or `week` */
	period_type?: string;
	/** plan (editable month plan): the customers it leaves short now, which 按频次补齐 would fill */
	live_short_count?: number;
	/** application */
	visit_status?: string;
	requires_application?: boolean;
	scheduled_start?: string;
	/** reschedule: the day asked for */
	reschedule_to?: string | null;
	/** expense: the requester's month, this request included, goes over their budget */
	over_budget?: boolean;
	/** complaint */
	response_due_at?: string | null;
	resolution_due_at?: string | null;
	resolution?: string | null;
	cause?: string | null;
	corrective_action?: string | null;
	/** complaint: 有效投诉 (true unless marked otherwise) */
	valid?: boolean;
	/** complaint: the status of its after-complaint revisit, null when it has none */
	revisit_status?: string | null;
	/** revisit (and visit): phone or on site */
	channel?: string;
	/** revisit: when its report was reviewed, null before */
	reviewed_at?: string | null;
	/** revisit: the on-site visit asked for, null before */
	escalated_visit?: number | null;
	/** revisit: the owner of its customer, who makes the on-site visit */
	customer_owner?: string | null;
	/** plan (draft): why its items cannot go up yet (none, outside the period, another's customer, short of coverage) */
	submit_problem?: FlowRefusal | null;
}

export interface DecisionInput {
	flow: FlowKey;
	action: string;
	item: ItemFacts;
	caller: Caller;
	comment: string | null;
	now: Date;
	/** visit_settings.application_lead_hours */
	applicationLeadHours: number;
	/** The name of the owner's `reports_to`, for messages. */
	approverName?: string | null;
	/** What the caller sent beside the comment: a revisit's `satisfaction` and `notes`, a complaint's `resolution`. */
	details?: Record<string, unknown>;
}

export interface LogEntry {
	collection: string;
	item: string;
	from_status: string;
	to_status: string;
	actor: string;
	at: string;
	comment: string | null;
}

export type Decision =
	{ ok: true; to: string; patch: Record<string, unknown>; log: LogEntry } | { ok: false; refusal: FlowRefusal };

export const labelIn = (definition: FlowDefinition<string>, status: string): Label =>
	definition.statuses[status] ?? label(status, status);
export const statusLabel = (flow: FlowKey, status: string): Label => labelIn(flows[flow], status);
const listLabels = (definition: FlowDefinition<string>, statuses: readonly string[]): Label => ({
	'zh-CN': statuses.map((s) => labelIn(definition, s)['zh-CN']).join('、'),
	'en-US': statuses.map((s) => labelIn(definition, s)['en-US']).join(' or '),
});

/** The 409 for an action taken from a state it does not start from, in the flow's own words. */
export function wrongState(definition: FlowDefinition<string>, action: string, status: string): FlowRefusal | null {
	const transition = definition.actions[action];
	if (!transition) return refusal(404, 'not_found');
	return transition.from.includes(status)
		? null
		: refusal(409, 'transition', {
				action: transition.label,
				from: listLabels(definition, transition.from),
				status: labelIn(definition, status),
			});
}

/**
 * Whether `caller` may take `action` on the item as it stands, before any input is read: who
 * may take it (first, so that a second decider learns the item was decided meanwhile), from
 * which state, and what the item itself must satisfy. The actions endpoint offers exactly the
 * actions this allows; `authorize` adds the comment.
 */
export function mayTake(
	flow: FlowKey,
	action: string,
	item: ItemFacts,
	caller: Caller,
	approverName: string | null,
): FlowRefusal | null {
	const transition = flows[flow].actions[action];
	if (!transition) return refusal(404, 'not_found');
	if (transition.by === 'owner' && caller.id !== item.owner.id && !caller.admin)
		return refusal(403, 'not_owner', { owner: item.owner.name, action: transition.label });
	if (transition.by === 'system' && !caller.admin) return refusal(403, 'system_only', { action: transition.label });
	if (transition.by === 'carer' && caller.id !== item.owner.id && !caller.admin && caller.position !== 'service')
		return refusal(403, 'not_carer', { owner: item.owner.name, action: transition.label });
	if (transition.by === 'approver') {
		const problem = mayDecide(
			caller,
			item.owner,
			flow === 'expense' && item.over_budget === true,
			approverName,
			transition.label,
		);
		if (problem) return problem;
	}
	return wrongState(flows[flow], action, item.status) ?? itemProblem(flow, action, item);
}

/** What the item must satisfy beyond its state. */
function itemProblem(flow: FlowKey, action: string, item: ItemFacts): FlowRefusal | null {
	if (flow === 'plan' && action === 'submit' && item.submit_problem) return item.submit_problem;
	if (flow === 'application' && action === 'apply') {
		if (!item.requires_application) return refusal(409, 'application_not_required');
		if (item.visit_status !== 'scheduled')
			return refusal(409, 'application_visit_state', { status: statusLabel('visit', String(item.visit_status)) });
	}
	if (flow === 'reschedule' && action === 'request' && item.visit_status !== 'scheduled')
		return refusal(409, 'application_visit_state', { status: statusLabel('visit', String(item.visit_status)) });
	// 处理投诉后及时回访: a complaint closes once its customer has been called back.
	if (flow === 'complaint' && action === 'close' && item.revisit_status !== 'done') {
		const status = item.revisit_status ? statusLabel('revisit', item.revisit_status) : label('无', 'none');
		return refusal(409, 'complaint_revisit_pending', { status });
	}
	if (flow === 'revisit') return revisitProblem(action, item);
	return null;
}

/** 回访报告 is reviewed once; 需上门拜访 is asked once, after a phone revisit, for a customer with an owner. */
export function revisitProblem(action: string, item: ItemFacts): FlowRefusal | null {
	if (action === 'review' && item.reviewed_at) return refusal(409, 'revisit_reviewed');
	if (action === 'escalate') {
		if (item.escalated_visit) return refusal(409, 'revisit_escalated', { visit: String(item.escalated_visit) });
		if (item.channel !== 'phone') {
			const channel = (revisitChannels as Record<string, Label>)[item.channel ?? ''] ?? label('无', 'none');
			return refusal(409, 'revisit_escalate_channel', { channel });
		}
		if (!item.customer_owner) return refusal(409, 'revisit_escalate_owner');
	}
	return null;
}

/** A transition that needs a reason refuses an empty one. */
export function missingComment(
	definition: FlowDefinition<string>,
	action: string,
	comment: string | null,
): FlowRefusal | null {
	const transition = definition.actions[action];
	return transition?.commentRequired && !comment?.trim()
		? refusal(422, 'comment_required', { action: transition.label })
		: null;
}

export const commentProblem = (flow: FlowKey, action: string, comment: string | null): FlowRefusal | null =>
	missingComment(flows[flow], action, comment);

/** `mayTake`, and the comment the transition needs. */
export const authorize = (
	flow: FlowKey,
	action: string,
	item: ItemFacts,
	caller: Caller,
	comment: string | null,
	approverName: string | null,
): FlowRefusal | null => mayTake(flow, action, item, caller, approverName) ?? commentProblem(flow, action, comment);

/** The approval_log row of a transition. */
export const logEntry = (
	flow: FlowKey,
	item: ItemFacts,
	to: string,
	caller: Caller,
	now: Date,
	comment: string | null,
): LogEntry => logRow(flows[flow], item, to, caller, now, comment);

/** The approval_log row of a transition of any transition table. */
export const logRow = (
	definition: FlowDefinition<string>,
	item: ItemFacts,
	to: string,
	caller: Caller,
	now: Date,
	comment: string | null,
): LogEntry => ({
	collection: definition.collection,
	item: String(item.id),
	from_status: item.status,
	to_status: to,
	actor: caller.id,
	at: now.toISOString(),
	comment: comment?.trim() || null,
});

/** Decides whether `caller` may take `action` on a plan, application or expense now, and what it writes. */
export function decide(input: DecisionInput): Decision {
	const { flow, action, item, caller, now } = input;
	const problem = authorize(flow, action, item, caller, input.comment, input.approverName ?? null);
	if (problem) return { ok: false, refusal: problem };
	const transition = flows[flow].actions[action]!;
	// A reschedule request's reason is what its log row says.
	const comment = input.comment?.trim() || (flow === 'reschedule' ? text(input.details?.reason) : null) || null;
	const refuse = (r: FlowRefusal): Decision => ({ ok: false, refusal: r });

	const at = now.toISOString();
	let patch: Record<string, unknown>;
	if (flow === 'plan') {
		if (action === 'submit') {
			const late = item.submit_due_at ? now.getTime() > Date.parse(item.submit_due_at) : false;
			patch = { submitted_at: at, submitted_late: late, approver: null, decided_at: null, decision_comment: null };
		} else if (action === 'revise') {
			patch = { revision: (item.revision ?? 1) + (item.status === 'approved' ? 1 : 0) };
		} else {
			patch = { approver: caller.id, decided_at: at, decision_comment: comment };
		}
	} else if (flow === 'application') {
		if (action === 'apply') {
			const lead = Date.parse(item.scheduled_start!) - now.getTime();
			patch = {
				application_submitted_at: at,
				application_late: lead < input.applicationLeadHours * 3_600_000,
				application_approver: null,
				application_decided_at: null,
			};
		} else {
			patch = { application_approver: caller.id, application_decided_at: at };
		}
	} else if (flow === 'reschedule') {
		const stamps = rescheduleStamps(action, item, input.details ?? {}, caller, now);
		if ('refusal' in stamps) return refuse(stamps.refusal);
		patch = stamps.patch;
	} else if (flow === 'follow_up') {
		patch = action === 'complete' ? { completed_at: at, overdue: false } : {};
	} else if (flow === 'revisit' || flow === 'complaint') {
		const care = careStamps(flow, action, item, input.details ?? {}, caller, now);
		if ('refusal' in care) return refuse(care.refusal);
		patch = care.patch;
	} else {
		patch = { approver: caller.id, decided_at: at, decision_comment: comment };
	}
	patch[flows[flow].statusField] = transition.to;
	return { ok: true, to: transition.to, patch, log: logEntry(flow, item, transition.to, caller, now, comment) };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * 改期: the request carries the new start (a later moment, not in the past) and the reason; an
 * approval moves the visit there, a rejection leaves it where the plan put it.
 */
function rescheduleStamps(
	action: string,
	item: ItemFacts,
	details: Record<string, unknown>,
	caller: Caller,
	now: Date,
): { patch: Record<string, unknown> } | { refusal: FlowRefusal } {
	const at = now.toISOString();
	if (action === 'request') {
		const reason = text(details.reason) ?? text(details.comment);
		if (!reason) return { refusal: refusal(422, 'reschedule_reason') };
		const start = typeof details.scheduled_start === 'string' ? Date.parse(details.scheduled_start) : NaN;
		if (!Number.isFinite(start) || start < now.getTime()) return { refusal: refusal(422, 'reschedule_start') };
		return {
			patch: {
				reschedule_to: new Date(start).toISOString(),
				reschedule_reason: reason,
				reschedule_requested_at: at,
				reschedule_approver: null,
				reschedule_decided_at: null,
			},
		};
	}
	const decided = { reschedule_approver: caller.id, reschedule_decided_at: at };
	return action === 'approve' && item.reschedule_to
		? { patch: { ...decided, scheduled_start: item.reschedule_to } }
		: { patch: decided };
}

/** What a revisit or complaint transition stamps, or why it may not be taken. */
function careStamps(
	flow: 'revisit' | 'complaint',
	action: string,
	item: ItemFacts,
	details: Record<string, unknown>,
	caller: Caller,
	now: Date,
): { patch: Record<string, unknown> } | { refusal: FlowRefusal } {
	const at = now.toISOString();
	if (flow === 'revisit') {
		// The supervisor's review stamps who and when; an escalation's visit is made and linked by the shell.
		if (action === 'review') return { patch: { reviewed_by: caller.id || null, reviewed_at: at } };
		if (action !== 'done') return { patch: {} };
		if (!isSatisfaction(details.satisfaction)) return { refusal: refusal(422, 'satisfaction_required') };
		const notes = text(details.notes);
		return { patch: { done_at: at, satisfaction: details.satisfaction, ...(notes ? { notes } : {}) } };
	}
	if (action === 'respond')
		return {
			patch: {
				responded_at: at,
				response_late: item.response_due_at ? now.getTime() > Date.parse(item.response_due_at) : false,
			},
		};
	if (action === 'resolve') {
		const resolution = text(details.resolution) ?? text(item.resolution);
		if (!resolution) return { refusal: refusal(422, 'resolution_required') };
		const late = item.resolution_due_at ? now.getTime() > Date.parse(item.resolution_due_at) : false;
		return { patch: { resolved_at: at, resolution, ...(late ? { resolution_late: true } : {}) } };
	}
	if (action === 'close') return closeStamps(item, details);
	return { patch: {} };
}

/**
 * 投诉关闭: a cause (written while open or sent with /close) and, for a valid complaint, a
 * corrective action; the preventive action, department and the rest may come along.
 */
function closeStamps(
	item: ItemFacts,
	details: Record<string, unknown>,
): { patch: Record<string, unknown> } | { refusal: FlowRefusal } {
	const patch: Record<string, unknown> = {};
	let cause = item.cause ?? null;
	if (details.cause !== undefined && details.cause !== null) {
		if (typeof details.cause !== 'string' || !(details.cause in complaintCauses))
			return { refusal: refusal(422, 'complaint_cause_invalid', { values: Object.keys(complaintCauses).join(', ') }) };
		cause = details.cause;
		patch.cause = cause;
	}
	if (!cause) return { refusal: refusal(422, 'complaint_cause_required') };
	let valid = item.valid !== false;
	if (details.valid !== undefined) {
		if (typeof details.valid !== 'boolean') return { refusal: refusal(422, 'complaint_valid_invalid') };
		valid = details.valid;
		patch.valid = valid;
	}
	for (const field of ['corrective_action', 'preventive_action', 'department'] as const) {
		const value = text(details[field]);
		if (value) patch[field] = value;
	}
	const corrective = (patch.corrective_action as string | undefined) ?? text(item.corrective_action);
	if (valid && !corrective) return { refusal: refusal(422, 'complaint_corrective_required') };
	return { patch };
}

/** The assistant files (报备) an approved application; not a status change. */
export function fileApplication(caller: Caller, status: string, filedAt: string | null): FlowRefusal | null {
	if (!caller.admin && caller.position !== 'assistant') return refusal(403, 'not_filer');
	if (status !== 'approved')
		return refusal(409, 'transition', {
			action: label('报备', 'file'),
			from: statusLabel('application', 'approved'),
			status: statusLabel('application', status),
		});
	if (filedAt) return refusal(409, 'already_filed');
	return null;
}

/** Whether a request takes the requester's month over budget; no budget set means no limit. */
export const isOverBudget = (spentThisMonth: number, amount: number, budget: number | null): boolean =>
	budget !== null && spentThisMonth + amount > budget;
