/**
 * The sales cycle's transition tables (商机 → 报价 → 合同 → 订单 → 发货), in the shape of
 * approval.ts `flows` and through its mechanism (wrong state, comment, log row), with the
 * deciders this cycle adds: the approver the discount rules name, a contract's reviewer at each
 * step (法务, 财务, 总经理) and whoever records a delivery. Pure: the API shell reads the facts
 * under lock and writes what `decideSales` returns.
 */
import {
	actionsIn,
	generalManagerLabel,
	label,
	logRow,
	mayDecide,
	missingComment,
	wrongState,
	type Caller,
	type FlowDefinition,
	type ItemFacts,
	type LogEntry,
} from './approval.ts';
import {
	contractStatuses,
	deliveryStatuses,
	approverPositions,
	commissionStatementStatuses,
	opportunityStages,
	orderStatuses,
	paymentScheduleStatuses,
	periodicReportStatuses,
	appraisalStatuses,
	receptionStatuses,
	quoteStatuses,
	targetStatuses,
	type Label,
} from './choices.ts';
import { appraisalApproverProblem } from './appraisals.ts';
import { contractApproveAction, contractReviewer, creditParams, overCredit, type Reviewer } from './contracts.ts';
import type { Cents } from './money.ts';
import { advanceProblem, defaultProbability, loseProblem, OPEN_STAGES, type Stage } from './opportunities.ts';
import { submittedLate } from './periodic-reports.ts';
import { sentLate, type DiscountApprover } from './quotes.ts';
import type { Order } from './receivables.ts';
import { targetApproverProblem, targetItemProblem, targetSetterProblem, type TargetFacts } from './targets.ts';
import { readPromises, type ReceptionPromise } from './receptions.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { isCleanText, TEXT_MAX } from './input.ts';

export type SalesFlowKey =
	| 'opportunity'
	| 'quote'
	| 'contract'
	| 'delivery'
	| 'order'
	| 'payment_schedule'
	| 'periodic_report'
	| 'target'
	| 'commission_statement'
	| 'appraisal'
	| 'reception';

/**
 * `approver`: who the discount rules name for a quote (the owner's manager, or a General
 * Manager); `manager`: the owner's manager or any General Manager; `legal`, `finance`,
 * `general_manager`: a contract's reviewer at that step;
 * `reviewer`: the reviewer of the step the contract is at; `deliverer`: the owner or a sales
 * assistant; `supervisor`: the owner's `reports_to` (a General Manager for a manager's);
 * `system`: the flows themselves (a signed contract, a payment, the sweep);
 * `setter`: who sets a target (targets.ts targetSetter); `target_approver`: the level above them;
 * `appraisal_approver`: the level above the person's manager (appraisals.ts appraisalApproverProblem);
 * `front_desk`: a reception's host or a sales assistant; `host_or_supervisor`: the host or whoever may approve.
 */
export type SalesActor =
	| 'owner'
	| 'approver'
	| 'manager'
	| Reviewer
	| 'reviewer'
	| 'deliverer'
	| 'supervisor'
	| 'system'
	| 'setter'
	| 'target_approver'
	| 'appraisal_approver'
	| 'front_desk'
	| 'host_or_supervisor';

const open = OPEN_STAGES;

export const salesFlows: Record<SalesFlowKey, FlowDefinition<SalesActor>> = {
	opportunity: {
		collection: 'opportunities',
		statusField: 'stage',
		ownerField: 'owner',
		statuses: opportunityStages,
		// Forward only, skipping allowed: each stage is reached from every open stage before it.
		actions: {
			qualify: { from: ['lead'], to: 'qualified', by: 'owner', label: label('确认需求', 'qualify') },
			propose: { from: ['lead', 'qualified'], to: 'proposal', by: 'owner', label: label('方案报价', 'propose') },
			negotiate: {
				from: ['lead', 'qualified', 'proposal'],
				to: 'negotiation',
				by: 'owner',
				label: label('商务谈判', 'negotiate'),
			},
			lose: { from: open, to: 'lost', by: 'owner', label: label('输单', 'mark lost') },
			win: { from: open, to: 'won', by: 'system', label: label('赢单', 'win') },
		},
	},
	quote: {
		collection: 'quotes',
		statusField: 'status',
		ownerField: 'owner',
		statuses: quoteStatuses,
		actions: {
			submit: { from: ['draft'], to: 'pending', by: 'owner', label: label('提交审批', 'submit') },
			// Every discount within the rep's own authority: submitting approves it at once.
			submit_within_authority: { from: ['draft'], to: 'approved', by: 'owner', label: label('提交', 'submit') },
			approve: { from: ['pending'], to: 'approved', by: 'approver', label: label('批准', 'approve') },
			reject: {
				from: ['pending'],
				to: 'rejected',
				by: 'approver',
				commentRequired: true,
				label: label('驳回', 'reject'),
			},
			send: { from: ['approved'], to: 'sent', by: 'owner', label: label('发送给客户', 'send') },
			accept: { from: ['sent'], to: 'accepted', by: 'owner', label: label('客户接受', 'record as accepted') },
			expire: { from: ['sent'], to: 'expired', by: 'system', label: label('记为过期', 'mark expired') },
		},
	},
	contract: {
		collection: 'contracts',
		statusField: 'status',
		ownerField: 'owner',
		statuses: contractStatuses,
		actions: {
			submit: { from: ['draft'], to: 'legal_review', by: 'owner', label: label('提交审核', 'submit') },
			approve_legal: {
				from: ['legal_review'],
				to: 'finance_review',
				by: 'legal',
				label: label('法务审核通过', 'pass legal review'),
			},
			approve_finance: {
				from: ['finance_review'],
				to: 'approved',
				by: 'finance',
				label: label('财务审核通过', 'pass finance review'),
			},
			// 超信用额度: finance passes it to a General Manager first.
			approve_over_credit: {
				from: ['finance_review'],
				to: 'pending_gm',
				by: 'finance',
				label: label('财务审核通过（超信用额度，报总经理）', 'pass finance review (over credit: to a General Manager)'),
			},
			approve_gm: { from: ['pending_gm'], to: 'approved', by: 'general_manager', label: label('批准', 'approve') },
			reject: {
				from: ['legal_review', 'finance_review', 'pending_gm'],
				to: 'rejected',
				by: 'reviewer',
				commentRequired: true,
				label: label('驳回', 'reject'),
			},
			sign: { from: ['approved'], to: 'signed', by: 'owner', label: label('签订', 'sign') },
			// Ended before its term (合同终止): management decides, and says why.
			terminate: {
				from: ['signed'],
				to: 'terminated',
				by: 'manager',
				commentRequired: true,
				label: label('终止合同', 'terminate'),
			},
		},
	},
	delivery: {
		collection: 'deliveries',
		statusField: 'status',
		// A delivery has no owner of its own: its order's owner is loaded as the item's owner.
		ownerField: 'order',
		statuses: deliveryStatuses,
		actions: {
			accept: { from: ['shipped'], to: 'accepted', by: 'deliverer', label: label('验收通过', 'record as accepted') },
			reject: {
				from: ['shipped'],
				to: 'rejected',
				by: 'deliverer',
				commentRequired: true,
				label: label('验收不通过', 'record as rejected'),
			},
		},
	},
	order: {
		collection: 'sales_orders',
		statusField: 'status',
		ownerField: 'owner',
		statuses: orderStatuses,
		actions: {
			deliver: { from: ['signed'], to: 'delivered', by: 'system', label: label('交付', 'deliver') },
			settle: { from: ['signed', 'delivered'], to: 'paid', by: 'system', label: label('回款完成', 'settle') },
		},
	},
	payment_schedule: {
		collection: 'payment_schedules',
		statusField: 'status',
		// Its order's owner, like a delivery's.
		ownerField: 'order',
		statuses: paymentScheduleStatuses,
		actions: {
			mark_overdue: { from: ['open'], to: 'overdue', by: 'system', label: label('记为逾期', 'mark overdue') },
			settle: { from: ['open', 'overdue'], to: 'paid', by: 'system', label: label('回款完成', 'settle') },
		},
	},
	// 周报 / 月报: the owner submits (again after a return), the supervisor approves or returns it.
	periodic_report: {
		collection: 'periodic_reports',
		statusField: 'status',
		ownerField: 'owner',
		statuses: periodicReportStatuses,
		actions: {
			submit: { from: ['draft', 'returned'], to: 'submitted', by: 'owner', label: label('提交', 'submit') },
			approve: { from: ['submitted'], to: 'approved', by: 'supervisor', label: label('通过', 'approve') },
			return: {
				from: ['submitted'],
				to: 'returned',
				by: 'supervisor',
				commentRequired: true,
				label: label('退回', 'return'),
			},
		},
	},
	// 目标分解: the setter submits, the level above approves or sends it back, the person confirms
	// (个人目标确认书: approved stays approved, confirmed_at is stamped); an approved target changes
	// only as a new draft revision (flow/targets.ts reviseTarget), the approved one kept as it is.
	target: {
		collection: 'sales_targets',
		statusField: 'status',
		ownerField: 'owner',
		statuses: targetStatuses,
		actions: {
			submit: { from: ['draft'], to: 'submitted', by: 'setter', label: label('提交审批', 'submit') },
			approve: { from: ['submitted'], to: 'approved', by: 'target_approver', label: label('批准', 'approve') },
			reject: {
				from: ['submitted'],
				to: 'draft',
				by: 'target_approver',
				commentRequired: true,
				label: label('退回', 'reject'),
			},
			confirm: { from: ['approved'], to: 'approved', by: 'owner', label: label('确认目标', 'confirm') },
			revise: { from: ['approved'], to: 'draft', by: 'setter', label: label('修订', 'revise') },
		},
	},
	// 提成单: generated as a draft (flow/commission.ts), a General Manager approves it, Finance pays it.
	// Neither decides their own statement (reviewerProblem); an Administrator may stand in.
	commission_statement: {
		collection: 'commission_statements',
		statusField: 'status',
		ownerField: 'person',
		statuses: commissionStatementStatuses,
		actions: {
			approve: { from: ['draft'], to: 'approved', by: 'general_manager', label: label('批准', 'approve') },
			pay: { from: ['approved'], to: 'paid', by: 'finance', label: label('发放', 'pay') },
		},
	},
	// 考核: generated as a draft; the person confirms (again after a return), the level above their
	// manager approves or returns it; an approved appraisal is locked.
	appraisal: {
		collection: 'appraisals',
		statusField: 'status',
		ownerField: 'person',
		statuses: appraisalStatuses,
		actions: {
			confirm: { from: ['draft', 'returned'], to: 'confirmed', by: 'owner', label: label('本人确认', 'confirm') },
			approve: {
				from: ['confirmed'],
				to: 'approved',
				by: 'appraisal_approver',
				label: label('批准', 'approve'),
			},
			return: {
				from: ['confirmed'],
				to: 'returned',
				by: 'appraisal_approver',
				commentRequired: true,
				label: label('退回', 'return'),
			},
		},
	},
	// 客户接待 (销售人员待客制度): the host requests, the supervisor (or a General Manager) approves,
	// the front desk stamps the arrival, the host records the leaving and then reports within
	// `reception_report_hours`; cancelled only before the customer arrives.
	reception: {
		collection: 'receptions',
		statusField: 'status',
		ownerField: 'host',
		statuses: receptionStatuses,
		actions: {
			approve: { from: ['requested'], to: 'approved', by: 'manager', label: label('批准', 'approve') },
			reject: {
				from: ['requested'],
				to: 'rejected',
				by: 'manager',
				commentRequired: true,
				label: label('驳回', 'reject'),
			},
			arrive: { from: ['approved'], to: 'arrived', by: 'front_desk', label: label('登记到访', 'record arrival') },
			leave: { from: ['arrived'], to: 'held', by: 'owner', label: label('登记离开', 'record leaving') },
			report: { from: ['held'], to: 'reported', by: 'owner', label: label('提交接待报告', 'report') },
			cancel: {
				from: ['requested', 'approved'],
				to: 'cancelled',
				by: 'host_or_supervisor',
				label: label('取消接待', 'cancel'),
			},
		},
	},
};

/** The actions of a sales flow that lead from `status` to `to`. */
export const salesActionsBetween = (flow: SalesFlowKey, status: string, to: string): string[] =>
	actionsIn(salesFlows[flow], status, to);

/** What a sales flow needs to know about the item beyond approval.ts ItemFacts, read under lock. */
export interface SalesFacts extends ItemFacts {
	/** quote: who the discount rules name for its lines (quotes.ts quoteApprover) */
	discount_approver?: DiscountApprover;
	/** quote: when it is due to the customer; periodic report: when it is due to the supervisor */
	due_at?: string | null;
	/** periodic report: whether it first went up late */
	late?: boolean;
	/** contract at finance review: the credit check's numbers (outstanding receivables in cents, the contract in cents, credit_limit as stored) */
	credit?: { outstanding: Cents; amount: Cents; limit: unknown };
	/** opportunity: the loss analysis already written on the item */
	lost_analysis?: string | null;
	/** order: its amounts in cents, for the payments it may still take */
	order?: Order;
	/** target: owner is the person, or the team's manager; the company's has no one */
	target?: TargetFacts;
	/** appraisal: the `reports_to` of the person's manager (the level that approves beside any General Manager) */
	managers_manager?: string | null;
	/** reception: when its report is due (null before it was held) */
	report_due_at?: string | null;
}

export const reviewerLabels: Record<Reviewer, Label> = {
	legal: label('法务', 'Legal'),
	finance: label('财务', 'Finance'),
	general_manager: generalManagerLabel,
};

/** A contract reviewer is recognised by `position`; Administrators may stand in, never for their own contract. */
function reviewerProblem(caller: Caller, item: ItemFacts, reviewer: Reviewer, action: Label): FlowRefusal | null {
	if (caller.id === item.owner.id) return refusal(403, 'self_review');
	if (caller.admin || caller.position === reviewer) return null;
	return refusal(403, 'not_approver', { action, approver: reviewerLabels[reviewer] });
}

/** Credit that was not checked vouches for nothing: without the numbers a contract counts as over credit. */
const isOverCredit = (item: SalesFacts) =>
	item.credit ? overCredit(item.credit.outstanding, item.credit.amount, item.credit.limit) : true;

/**
 * Whether `caller` may take `action` on the item as it stands: who may take it first (so that a
 * second decider learns the item was decided meanwhile), then from which state, then what the
 * item must satisfy. The same order and refusals as approval.ts `mayTake`.
 */
export function maySalesTake(
	flow: SalesFlowKey,
	action: string,
	item: SalesFacts,
	caller: Caller,
	approverName: string | null,
): FlowRefusal | null {
	const definition = salesFlows[flow];
	const transition = definition.actions[action];
	if (!transition) return refusal(404, 'not_found');
	const isOwner = caller.id === item.owner.id;
	const by = transition.by === 'reviewer' ? contractReviewer(item.status) : transition.by;
	if (flow === 'target') {
		const problem = targetActorProblem(transition.by, item, caller, transition.label);
		return (
			problem ??
			wrongState(definition, action, item.status) ??
			targetItemProblem(action, item.target!) ??
			salesItemProblem(flow, action, item)
		);
	}
	if (by === 'appraisal_approver') {
		const problem = appraisalApproverProblem(caller, item.owner, item.managers_manager ?? null, transition.label);
		if (problem) return problem;
	}
	if (by === 'owner' && !isOwner && !caller.admin)
		return refusal(403, 'not_owner', { owner: item.owner.name, action: transition.label });
	if (by === 'system' && !caller.admin) return refusal(403, 'system_only', { action: transition.label });
	if (by === 'front_desk' && !isOwner && !caller.admin && caller.position !== 'assistant')
		return refusal(403, 'not_front_desk', { owner: item.owner.name, action: transition.label });
	if (by === 'host_or_supervisor' && !isOwner) {
		const problem =
			caller.position === 'general_manager'
				? null
				: mayDecide(caller, item.owner, false, approverName, transition.label);
		if (problem) return refusal(403, 'not_host_or_supervisor', { owner: item.owner.name, action: transition.label });
	}
	if (by === 'deliverer' && !isOwner && !caller.admin && caller.position !== 'assistant')
		return refusal(403, 'not_deliverer', { owner: item.owner.name, action: transition.label });
	if (by === 'approver') {
		if (isOwner) return refusal(403, 'self_review');
		// Without the rules' answer, the safest approver.
		const needsGeneralManager = (item.discount_approver ?? 'general_manager') === 'general_manager';
		const problem = mayDecide(caller, item.owner, needsGeneralManager, approverName, transition.label);
		if (problem) return problem;
	}
	if (by === 'supervisor') {
		const problem = mayDecide(caller, item.owner, false, approverName, transition.label);
		if (problem) return problem;
	}
	if (by === 'manager' && !(caller.position === 'general_manager' && !isOwner)) {
		const problem = mayDecide(caller, item.owner, false, approverName, transition.label);
		if (problem) return problem;
	}
	if (by === 'legal' || by === 'finance' || by === 'general_manager') {
		const problem = reviewerProblem(caller, item, by, transition.label);
		if (problem) return problem;
	}
	return wrongState(definition, action, item.status) ?? salesItemProblem(flow, action, item);
}

/** Who takes a target's transitions: its setter, the level above, or the person it is for. */
function targetActorProblem(by: SalesActor, item: SalesFacts, caller: Caller, action: Label): FlowRefusal | null {
	const target = item.target!;
	if (by === 'setter') return targetSetterProblem(caller, target, action);
	if (by === 'target_approver') return targetApproverProblem(caller, item.owner, target, action);
	// The company's target has no person to confirm it.
	if (target.level === 'company') return refusal(409, 'target_company_confirm');
	if (caller.id !== item.owner.id && !caller.admin)
		return refusal(403, 'not_owner', { owner: item.owner.name, action });
	return null;
}

/** What the item must satisfy beyond its state. */
function salesItemProblem(flow: SalesFlowKey, action: string, item: SalesFacts): FlowRefusal | null {
	if (
		(flow === 'quote' || flow === 'contract' || flow === 'periodic_report' || flow === 'target') &&
		action.startsWith('submit') &&
		item.submit_problem
	)
		return item.submit_problem;
	if (flow === 'quote' && action === 'submit' && item.discount_approver === 'none')
		return refusal(409, 'quote_within_authority');
	if (flow === 'quote' && action === 'submit_within_authority' && item.discount_approver !== 'none') {
		const approver = item.discount_approver ?? 'general_manager';
		return refusal(409, 'quote_needs_approval', {
			approver: approver === 'general_manager' ? generalManagerLabel : approverPositions[approver],
		});
	}
	if (flow === 'contract' && (action === 'approve_finance' || action === 'approve_over_credit')) {
		const over = isOverCredit(item);
		const params = item.credit
			? creditParams(item.credit.outstanding, item.credit.amount, item.credit.limit)
			: { outstanding: '?', amount: '?', limit: '?' };
		if (action === 'approve_finance' && over) return refusal(409, 'contract_over_credit', params);
		if (action === 'approve_over_credit' && !over) return refusal(409, 'contract_within_credit');
	}
	return null;
}

/** `maySalesTake`, and the comment the transition needs. */
export const authorizeSales = (
	flow: SalesFlowKey,
	action: string,
	item: SalesFacts,
	caller: Caller,
	comment: string | null,
	approverName: string | null,
): FlowRefusal | null =>
	maySalesTake(flow, action, item, caller, approverName) ?? missingComment(salesFlows[flow], action, comment);

/** `POST /opportunities/:id/advance { stage }`: the table's action that moves the item there, or why none does. */
export function advanceAction(from: string, stage: unknown): { action: string } | FlowRefusal {
	const problem = advanceProblem(from, stage);
	if (problem) return problem;
	return { action: salesActionsBetween('opportunity', from, stage as string)[0]! };
}

/**
 * The table's action a route takes: `/opportunities/:id/advance` names the stage in its body,
 * `/quotes/:id/submit` approves at once when every discount is within the rep's own
 * authority, and `/contracts/:id/approve` is the caller's review step. Other routes name their action.
 */
export function salesRouteAction(
	flow: SalesFlowKey,
	action: string,
	item: SalesFacts,
	body: Record<string, unknown> = {},
): { action: string } | FlowRefusal {
	if (flow === 'opportunity' && action === 'advance') return advanceAction(item.status, body.stage);
	if (flow === 'quote' && action === 'submit')
		return { action: item.discount_approver === 'none' ? 'submit_within_authority' : 'submit' };
	// Outside review the first review step stands in, so that the refusal says who reviews from which state.
	if (flow === 'contract' && action === 'approve')
		return { action: contractApproveAction(item.status, isOverCredit(item)) ?? 'approve_legal' };
	return { action };
}

export interface SalesDecisionInput {
	flow: SalesFlowKey;
	action: string;
	item: SalesFacts;
	caller: Caller;
	comment: string | null;
	now: Date;
	/** The name of the owner's `reports_to`, for messages. */
	approverName?: string | null;
	/** What the caller sent beside the comment: an opportunity's `lost_reason` and `lost_analysis`. */
	details?: Record<string, unknown>;
	/** visit_settings.stage_probabilities */
	stageProbabilities?: Record<string, unknown> | null;
	/** visit_settings.reception_report_hours: a reception's report is due this long after the customer left */
	receptionReportHours?: number;
	/** The company's date now (YYYY-MM-DD): a reception's promises are due from it on. */
	today?: string;
}

export type SalesDecision =
	| {
			ok: true;
			to: string;
			patch: Record<string, unknown>;
			log: LogEntry;
			/** reception report: the promises, each to become a follow-up of the host's */
			followUps?: ReceptionPromise[];
	  }
	| { ok: false; refusal: FlowRefusal };

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

type Stamps = { patch: Record<string, unknown>; followUps?: ReceptionPromise[] } | { refusal: FlowRefusal };

/** What a transition stamps beside the status, or why its input is refused. */
function stamps(input: SalesDecisionInput): Stamps {
	const { flow, action, item, caller, now } = input;
	const to = salesFlows[flow].actions[action]!.to;
	const comment = text(input.comment);
	const at = now.toISOString();
	const details = input.details ?? {};
	if (flow === 'opportunity') {
		const patch: Record<string, unknown> = {
			stage_changed_at: at,
			probability: defaultProbability(to as Stage, input.stageProbabilities),
		};
		if (to === 'won' || to === 'lost') patch.closed_at = at;
		if (action !== 'lose') return { patch };
		// The analysis may be written on the item first, or sent as `lost_analysis` or the comment.
		const analysis = text(details.lost_analysis) ?? comment ?? text(item.lost_analysis);
		const lost = loseProblem(details.lost_reason, analysis);
		return lost
			? { refusal: lost }
			: { patch: { ...patch, lost_reason: details.lost_reason, lost_analysis: analysis } };
	}
	if (flow === 'quote') {
		if (action === 'submit') return { patch: { approver: null, decided_at: null, decision_comment: null } };
		if (action === 'submit_within_authority')
			return { patch: { approver: null, decided_at: at, decision_comment: null } };
		if (action === 'approve' || action === 'reject')
			return { patch: { approver: caller.id, decided_at: at, decision_comment: comment } };
		if (action === 'send') return { patch: { sent_at: at, sent_late: sentLate(now, item.due_at ?? null) } };
	}
	if (flow === 'contract') {
		const step = action === 'reject' ? contractReviewer(item.status) : null;
		// A rejection keeps its reason on the contract; a review step's comment is in the log.
		const decision = action === 'reject' ? { decision_comment: comment } : {};
		if (action === 'approve_legal' || step === 'legal')
			return { patch: { legal_reviewer: caller.id, legal_reviewed_at: at, ...decision } };
		if (action === 'approve_finance' || action === 'approve_over_credit' || step === 'finance') {
			const patch: Record<string, unknown> = { finance_reviewer: caller.id, finance_reviewed_at: at, ...decision };
			if (action !== 'reject') patch.over_credit = action === 'approve_over_credit';
			return { patch };
		}
		if (action === 'approve_gm') return { patch: { decision_comment: comment } };
		if (action === 'sign') return { patch: { signed_at: at } };
		if (action === 'terminate') return { patch: { decision_comment: comment } };
		return { patch: decision };
	}
	if (flow === 'delivery' && action === 'accept') return { patch: { accepted_at: at } };
	if (flow === 'periodic_report') {
		if (action === 'submit')
			return {
				patch: {
					submitted_at: at,
					late: submittedLate(now, item.due_at ?? null, item.status, item.late === true),
					reviewer: null,
					review_comment: null,
				},
			};
		return { patch: { reviewer: caller.id, review_comment: comment } };
	}
	if (flow === 'commission_statement') {
		if (action === 'approve') return { patch: { approver: caller.id || null, decided_at: at } };
		if (action === 'pay') return { patch: { paid_at: at } };
	}
	if (flow === 'target') {
		if (action === 'submit') return { patch: { submitted_by: caller.id || null, approver: null } };
		if (action === 'approve' || action === 'reject') return { patch: { approver: caller.id || null } };
		if (action === 'confirm') return { patch: { confirmed_at: at } };
	}
	if (flow === 'reception') return receptionStamps(input, at, comment);
	if (flow === 'appraisal') {
		if (action === 'confirm') return { patch: { employee_confirmed_at: at, approver: null, decided_at: null } };
		return { patch: { approver: caller.id || null, decided_at: at } };
	}
	return { patch: {} };
}

/** 默认接待报告时限: a day after the customer left. */
export const DEFAULT_RECEPTION_REPORT_HOURS = 24;

/** A reception's stamps: the decider, the arrival, the leaving and its report's deadline, the report and whether it was late. */
function receptionStamps(input: SalesDecisionInput, at: string, comment: string | null): Stamps {
	const { action, caller, now, item } = input;
	if (action === 'approve' || action === 'reject') return { patch: { approver: caller.id || null } };
	if (action === 'arrive') return { patch: { arrived_at: at } };
	if (action === 'leave') {
		const hours = input.receptionReportHours ?? DEFAULT_RECEPTION_REPORT_HOURS;
		return { patch: { left_at: at, report_due_at: new Date(now.getTime() + hours * 3_600_000).toISOString() } };
	}
	if (action === 'report') {
		const details = input.details ?? {};
		if (details.report !== undefined && details.report !== null && !isCleanText(details.report))
			return { refusal: refusal(400, 'text_invalid', { field: 'report', max: String(TEXT_MAX) }) };
		const report = text(details.report) ?? comment;
		if (!report) return { refusal: refusal(400, 'reception_report_text') };
		// 承诺事项: each becomes a follow-up, written with the report or not at all.
		const followUps = readPromises(details.promises, input.today ?? now.toISOString().slice(0, 10));
		if (!Array.isArray(followUps)) return { refusal: followUps };
		const due = item.report_due_at ? Date.parse(item.report_due_at) : null;
		return { patch: { report, report_late: due !== null && now.getTime() > due }, followUps };
	}
	return { patch: {} };
}

function decided(input: SalesDecisionInput): SalesDecision {
	const result = stamps(input);
	if ('refusal' in result) return { ok: false, refusal: result.refusal };
	const definition = salesFlows[input.flow];
	const to = definition.actions[input.action]!.to;
	return {
		ok: true,
		to,
		patch: { ...result.patch, [definition.statusField]: to },
		log: logRow(definition, input.item, to, input.caller, input.now, text(input.comment)),
		...(result.followUps?.length ? { followUps: result.followUps } : {}),
	};
}

/** Decides whether `caller` may take `action` on a sales item now, and what it writes. */
export function decideSales(input: SalesDecisionInput): SalesDecision {
	const { flow, action, item, caller } = input;
	const problem = authorizeSales(flow, action, item, caller, input.comment, input.approverName ?? null);
	return problem ? { ok: false, refusal: problem } : decided(input);
}

/**
 * A step the flows take as a consequence of another (an accepted delivery delivers the order, a
 * payment that covers it settles it, a late schedule turns overdue): the `system` transition
 * of `flow` from the item's state to `to`, logged as whoever caused it. Null when no such step
 * leads there: the item is there already, or past it (a paid order is not delivered again, a
 * cancelled one stays cancelled).
 */
export function followOn(
	flow: SalesFlowKey,
	item: SalesFacts,
	to: string,
	actor: Caller,
	now: Date,
	stageProbabilities: Record<string, unknown> | null = null,
): SalesDecision | null {
	const action = salesActionsBetween(flow, item.status, to).find((a) => salesFlows[flow].actions[a]!.by === 'system');
	return action ? decided({ flow, action, item, caller: actor, comment: null, now, stageProbabilities }) : null;
}

/**
 * 签订合同即赢单: signing a contract wins its open opportunity in the same transaction, logged as
 * the signer's. One already won stays as it is (null); a lost one does not reopen, so the
 * signing is refused.
 */
export function winBySigning(
	opportunity: SalesFacts,
	signer: Caller,
	now: Date,
	stageProbabilities: Record<string, unknown> | null,
): SalesDecision | null {
	if (opportunity.status === 'lost')
		return { ok: false, refusal: refusal(409, 'opportunity_closed', { status: opportunityStages.lost }) };
	return followOn('opportunity', opportunity, 'won', signer, now, stageProbabilities);
}
