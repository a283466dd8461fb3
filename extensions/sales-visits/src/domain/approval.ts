/**
 * The one approval mechanism that visit plans, out-of-office visit applications (拜访申请)
 * and expense requests share: a transition table per flow, who may take each transition,
 * what it stamps, and the approval_log row it writes. Pure: the API shell loads the facts,
 * locks the row and writes what `decide` returns.
 */
import { applicationStatuses, expenseStatuses, planStatuses, visitStatuses, type ChoiceSet, type Label } from './choices.ts';
import { refusal, type FlowRefusal } from './refusals.ts';

export type FlowKey = 'plan' | 'application' | 'expense';
export type Actor = 'owner' | 'approver';

export interface Transition {
	from: readonly string[];
	to: string;
	by: Actor;
	commentRequired?: boolean;
	label: Label;
}

export interface FlowDefinition {
	collection: 'visit_plans' | 'visits' | 'expense_requests';
	statusField: string;
	ownerField: string;
	statuses: ChoiceSet<string>;
	actions: Record<string, Transition>;
}

const label = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

export const flows: Record<FlowKey, FlowDefinition> = {
	plan: {
		collection: 'visit_plans',
		statusField: 'status',
		ownerField: 'owner',
		statuses: planStatuses,
		actions: {
			submit: { from: ['draft'], to: 'submitted', by: 'owner', label: label('提交', 'submit') },
			approve: { from: ['submitted'], to: 'approved', by: 'approver', label: label('批准', 'approve') },
			reject: { from: ['submitted'], to: 'rejected', by: 'approver', commentRequired: true, label: label('驳回', 'reject') },
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
			reject: { from: ['pending'], to: 'rejected', by: 'approver', commentRequired: true, label: label('驳回', 'reject') },
		},
	},
	expense: {
		collection: 'expense_requests',
		statusField: 'status',
		ownerField: 'requester',
		statuses: expenseStatuses,
		actions: {
			approve: { from: ['pending'], to: 'approved', by: 'approver', label: label('批准', 'approve') },
			reject: { from: ['pending'], to: 'rejected', by: 'approver', commentRequired: true, label: label('驳回', 'reject') },
		},
	},
};

/** The flow's actions that lead from `status` to `to`. */
export const actionsBetween = (flow: FlowKey, status: string, to: string): string[] =>
	Object.entries(flows[flow].actions)
		.filter(([, t]) => t.to === to && t.from.includes(status))
		.map(([action]) => action);

export interface Person {
	id: string;
	name: string;
	position: string | null;
	reports_to: string | null;
}

export interface Caller extends Person {
	/** Administrators may act for anyone, but never decide their own requests. */
	admin: boolean;
}

/** Who decides for `owner`: their `reports_to`, or any General Manager for a manager's items and over-budget expenses. */
export type Approver = { kind: 'user'; id: string } | { kind: 'general_manager' } | null;

export function approverOf(owner: Person, needsGeneralManager = false): Approver {
	if (needsGeneralManager || owner.position === 'manager' || owner.position === 'general_manager') return { kind: 'general_manager' };
	return owner.reports_to ? { kind: 'user', id: owner.reports_to } : null;
}

export const generalManagerLabel = label('总经理', 'a General Manager');

export function mayDecide(caller: Caller, owner: Person, needsGeneralManager: boolean, approverName: string | null): FlowRefusal | null {
	if (caller.id === owner.id) return refusal(403, 'self_approval');
	if (caller.admin) return null;
	const approver = approverOf(owner, needsGeneralManager);
	if (approver === null) return refusal(409, 'no_approver', { owner: owner.name });
	const allowed = approver.kind === 'general_manager' ? caller.position === 'general_manager' : caller.id === approver.id;
	return allowed ? null : refusal(403, 'not_approver', { approver: approver.kind === 'general_manager' ? generalManagerLabel : (approverName ?? approver.id) });
}

/** What a flow needs to know about the item, read under lock. */
export interface ItemFacts {
	id: number;
	status: string;
	owner: Person;
	/** plan */
	revision?: number;
	submit_due_at?: string | null;
	/** application */
	visit_status?: string;
	requires_application?: boolean;
	scheduled_start?: string;
	/** expense: the requester's month, this request included, goes over their budget */
	over_budget?: boolean;
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

export type Decision = { ok: true; to: string; patch: Record<string, unknown>; log: LogEntry } | { ok: false; refusal: FlowRefusal };

const statusLabel = (flow: FlowKey, status: string): Label => flows[flow].statuses[status] ?? label(status, status);
const listLabels = (flow: FlowKey, statuses: readonly string[]): Label => ({
	'zh-CN': statuses.map((s) => statusLabel(flow, s)['zh-CN']).join('、'),
	'en-US': statuses.map((s) => statusLabel(flow, s)['en-US']).join(' or '),
});

/** Decides whether `caller` may take `action` on the item now, and what it writes. */
export function decide(input: DecisionInput): Decision {
	const { flow, action, item, caller, now } = input;
	const transition = flows[flow].actions[action];
	if (!transition) return { ok: false, refusal: refusal(404, 'not_found') };
	const comment = input.comment?.trim() || null;
	const refuse = (r: FlowRefusal): Decision => ({ ok: false, refusal: r });

	// Who may act comes first: a second decider then learns the item was decided meanwhile.
	if (transition.by === 'owner' && caller.id !== item.owner.id && !caller.admin) {
		return refuse(refusal(403, 'not_owner', { owner: item.owner.name, action: transition.label }));
	}
	if (transition.by === 'approver') {
		const problem = mayDecide(caller, item.owner, flow === 'expense' && item.over_budget === true, input.approverName ?? null);
		if (problem) return refuse(problem);
	}
	if (!transition.from.includes(item.status)) {
		return refuse(refusal(409, 'transition', { action: transition.label, from: listLabels(flow, transition.from), status: statusLabel(flow, item.status) }));
	}
	if (transition.commentRequired && !comment) return refuse(refusal(422, 'comment_required'));

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
			if (!item.requires_application) return refuse(refusal(409, 'application_not_required'));
			if (item.visit_status !== 'scheduled') return refuse(refusal(409, 'application_visit_state', { status: visitStatuses[item.visit_status as keyof typeof visitStatuses] ?? label(String(item.visit_status), String(item.visit_status)) }));
			const lead = Date.parse(item.scheduled_start!) - now.getTime();
			patch = { application_submitted_at: at, application_late: lead < input.applicationLeadHours * 3_600_000, application_approver: null, application_decided_at: null };
		} else {
			patch = { application_approver: caller.id, application_decided_at: at };
		}
	} else {
		patch = { approver: caller.id, decided_at: at, decision_comment: comment };
	}
	patch[flows[flow].statusField] = transition.to;
	return {
		ok: true,
		to: transition.to,
		patch,
		log: { collection: flows[flow].collection, item: String(item.id), from_status: item.status, to_status: transition.to, actor: caller.id, at, comment },
	};
}

/** The assistant files (报备) an approved application; not a status change. */
export function fileApplication(caller: Caller, status: string, filedAt: string | null): FlowRefusal | null {
	if (!caller.admin && caller.position !== 'assistant') return refusal(403, 'not_filer');
	if (status !== 'approved') return refusal(409, 'transition', { action: label('报备', 'file'), from: statusLabel('application', 'approved'), status: statusLabel('application', status) });
	if (filedAt) return refusal(409, 'already_filed');
	return null;
}

/** Whether a request takes the requester's month over budget; no budget set means no limit. */
export const isOverBudget = (spentThisMonth: number, amount: number, budget: number | null): boolean => budget !== null && spentThisMonth + amount > budget;
