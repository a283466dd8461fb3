/**
 * What a caller may do to an item now, who the item waits on and by when. Each route of
 * `action-routes.ts` is offered exactly when the rule that guards it (`mayTake`,
 * `visitStepProblem`, `fileApplication`, `acknowledgeProblem`) has nothing against it; the
 * inputs it needs come from the same transition table. Pure: flow/actions.ts reads the facts.
 */
import type { ActionInput, FlowState, ItemActions, ItemNote, OfferedAction, WaitingOn } from './action-model.ts';
import { actionRoutes, pathFor, type ActionRoute } from './action-routes.ts';
import { approverOf, fileApplication, generalManagerLabel, mayTake, type Caller } from './approval.ts';
import {
	approverPositions,
	complaintCauses,
	lostReasons,
	opportunityStages,
	paymentMethods,
	values,
	type Label,
} from './choices.ts';
import { definitionOf, flowNames, isSalesFlow, stateLabel, type AnyFlowKey } from './flow-table.ts';
import type { Language } from './language.ts';
import { isOpenStage, LOST_ANALYSIS_MIN, OPEN_STAGES, type Stage } from './opportunities.ts';
import { paymentOfferProblem } from './receivables.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { contractReviewer } from './contracts.ts';
import { shortfallNote } from './coverage.ts';
import { fillOffered, fillProblem } from './plan-fill.ts';
import { maySalesTake, reviewerLabels, salesRouteAction, type SalesFacts } from './sales-flows.ts';
import {
	acknowledgeProblem,
	REPORT_FIELDS,
	visitStepProblem,
	type CheckInSettings,
	type FieldWorkSettings,
	type VisitFacts,
} from './visit-rules.ts';
import { endOfDay } from './zoned-time.ts';

const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

const texts = {
	comment: l('意见', 'Comment'),
	reason: l('原因', 'Reason'),
	position: l('当前位置', 'Your position'),
	outsideReason: l('超出签到范围的原因（超出时必填）', 'Why you are outside the geofence (needed when you are)'),
	satisfaction: l('客户满意度', 'Customer satisfaction'),
	notes: l('回访记录', 'Notes'),
	receptionReport: l(
		'接待报告（经过、客户需求与意见、承诺事项）',
		'Report (how it went, needs and opinions, promises)',
	),
	resolution: l('处理结果', 'Resolution'),
	cause: l('投诉原因', 'Cause'),
	correctiveAction: l('纠正措施', 'Corrective action'),
	preventiveAction: l('预防措施', 'Preventive action'),
	department: l('责任部门', 'Department'),
	followUps: l('待跟进事项', 'Follow-ups'),
	promises: l(
		'承诺事项（每项生成一条跟进事项，未填日期的一周后到期）',
		'Promises (each becomes a follow-up; without a date, due in a week)',
	),
	summary: l('拜访概要', 'Summary'),
	customer_feedback: l('客户反馈', 'Customer feedback'),
	outcome: l('拜访成果', 'Outcome'),
	participants: l('参与人员', 'Participants'),
	competitor_info: l('竞争对手信息', 'Competitor information'),
	next_steps: l('后续计划', 'Next steps'),
	file: l('报备', 'File'),
	acknowledge: l('确认范围外签到', 'Acknowledge the check-in outside the geofence'),
	review: l('审核报告', 'Review the report'),
	advance: l('推进阶段', 'Advance the stage'),
	passReview: l('审核通过', 'Pass the review'),
	stage: l('推进到', 'Move to'),
	lostReason: l('输单原因', 'Lost reason'),
	lostAnalysis: l('战败分析', 'Loss analysis'),
	assistant: l('销售助理', 'A sales assistant'),
	noApprover: l('未设置上级，请联系管理员', 'Nobody: no supervisor is set, ask an administrator'),
	approval: l('审批人', 'Approved by'),
	pay: l('登记回款', 'Record a payment'),
	amount: l('回款金额（元）', 'Amount (CNY)'),
	receivedAt: l('到账日期（默认今天）', 'Received on (today if empty)'),
	newStart: l('新的拜访时间', 'New start'),
	escalateReason: l('电话未能解决的问题', 'What the call could not solve'),
	escalateStart: l('上门拜访时间（留空为下一个工作日 9:00）', 'Visit start (empty: 9:00 on the next working day)'),
	method: l('回款方式', 'Method'),
	finance: l('财务', 'Finance'),
	fill: l('按频次补齐', 'Fill to the quota'),
} satisfies Record<string, Label>;

const satisfactionLabels = [
	l('非常不满意', 'Very dissatisfied'),
	l('不满意', 'Dissatisfied'),
	l('一般', 'Neutral'),
	l('满意', 'Satisfied'),
	l('非常满意', 'Very satisfied'),
];

/** The flows of the item with what the rules know of each, the main one first. */
export interface FlowFacts {
	flow: AnyFlowKey;
	facts: SalesFacts;
	approverName: string | null;
}

/** What the offer needs beyond the flows' facts: stamps that are not states, and what inputs start from. */
export interface ItemExtras {
	/** visits */
	application_filed_at?: string | null;
	outside_geofence?: boolean;
	geofence_acknowledged_at?: string | null;
	/** follow-ups and revisits: YYYY-MM-DD */
	due_date?: string | null;
	/** A returned report's content, to revise rather than rewrite. */
	report?: Record<string, string | null>;
}

export interface OfferInput {
	collection: string;
	id: number;
	/** The key the paths act on: the visit of a visit_reports row, else `id`. */
	target: number;
	flows: FlowFacts[];
	extras: ItemExtras;
	caller: Caller;
	language: Language;
	settings: CheckInSettings & Pick<FieldWorkSettings, 'timezone'> & { application_lead_hours: number };
	now: Date;
}

/** What keeps 按频次补齐 off the panel of a plan that leaves nobody short (not a refusal of the POST, which adds nothing). */
const NOTHING_SHORT = refusal(409, 'plan_fill_nothing');

/** Why `route` may not be taken on the item now, or null. The same rules refuse the POST. */
export function routeProblem(route: ActionRoute, item: FlowFacts, input: OfferInput): FlowRefusal | null {
	const { caller, extras, settings } = input;
	const { facts, approverName } = item;
	if (route.key === 'application.file')
		return fileApplication(caller, facts.status, extras.application_filed_at ?? null);
	if (route.key === 'visit.acknowledge')
		return acknowledgeProblem(
			caller,
			facts.owner,
			extras.outside_geofence === true,
			extras.geofence_acknowledged_at ?? null,
			approverName,
		);
	if (route.key === 'order.pay')
		return facts.order ? paymentOfferProblem(caller, facts.order) : refusal(404, 'not_found');
	if (route.key === 'plan.fill') {
		const plan = { owner: facts.owner.id, status: facts.status, period_type: facts.period_type ?? '' };
		// Offered only while it would add something; posted anyway, it adds nothing.
		return fillProblem(caller, plan) ?? (fillOffered(caller, plan, facts.live_short_count ?? 0) ? null : NOTHING_SHORT);
	}
	if (route.flow === 'visit' || route.flow === 'report')
		return visitStepProblem(route.flow, route.action, facts as VisitFacts, caller, approverName, settings, input.now);
	if (isSalesFlow(route.flow)) {
		// `advance` is offered when a later stage can be reached: the nearest one stands for them all.
		const body = route.action === 'advance' ? { stage: laterStages(facts.status)[0] } : {};
		const routed = salesRouteAction(route.flow, route.action, facts, body);
		return 'code' in routed ? routed : maySalesTake(route.flow, routed.action, facts, caller, approverName);
	}
	return mayTake(route.flow, route.action, facts, caller, approverName);
}

/** The open stages after `stage`, where an opportunity may be advanced to; none from a closed one. */
const laterStages = (stage: string) =>
	isOpenStage(stage) ? OPEN_STAGES.slice(OPEN_STAGES.indexOf(stage as Stage) + 1) : [];

const text = (
	name: string,
	label: Label,
	language: Language,
	required: boolean,
	extra: Partial<ActionInput> = {},
): ActionInput => ({ name, required, type: 'text', label: label[language], ...extra });

/** The inputs a route's request takes beside its fixed body. */
function inputsOf(route: ActionRoute, item: FlowFacts, input: OfferInput): ActionInput[] {
	const { language, extras } = input;
	const transition = definitionOf(route.flow).actions[route.action];
	switch (route.key) {
		case 'visit.check_in': {
			const onsite = (item.facts as VisitFacts).channel === 'onsite';
			return onsite
				? [
						{ name: 'position', required: true, type: 'geolocation', label: texts.position[language] },
						text('reason', texts.outsideReason, language, false),
					]
				: [];
		}
		// Stamps: one tap at the door, as check-out is.
		case 'visit.check_out':
		case 'visit.acknowledge':
		case 'application.file':
		case 'reception.arrive':
		case 'reception.leave':
		case 'plan.fill':
			return [];
		case 'report.submit':
			return [
				...REPORT_FIELDS.map((field) =>
					text(field, texts[field], language, field === 'summary', {
						...(field === 'summary' ? { min_length: 10 } : {}),
						...(extras.report?.[field] ? { value: extras.report[field] } : {}),
					}),
				),
				{ name: 'follow_ups', required: false, type: 'follow_ups', label: texts.followUps[language] },
			];
		case 'revisit.done':
			return [
				{
					name: 'satisfaction',
					required: true,
					type: 'rating',
					label: texts.satisfaction[language],
					choices: satisfactionLabels.map((label, i) => ({ value: i + 1, label: label[language] })),
				},
				text('notes', texts.notes, language, false),
			];
		case 'opportunity.advance':
			return [
				{
					name: 'stage',
					required: true,
					type: 'choice',
					label: texts.stage[language],
					choices: laterStages(item.facts.status).map((s) => ({ value: s, label: opportunityStages[s][language] })),
				},
			];
		case 'opportunity.lose':
			return [
				{
					name: 'lost_reason',
					required: true,
					type: 'choice',
					label: texts.lostReason[language],
					choices: values(lostReasons).map((r) => ({ value: r, label: lostReasons[r][language] })),
				},
				text('comment', texts.lostAnalysis, language, true, {
					min_length: LOST_ANALYSIS_MIN,
					...(item.facts.lost_analysis ? { value: item.facts.lost_analysis } : {}),
				}),
			];
		case 'order.pay':
			return [
				text('amount', texts.amount, language, true),
				{ name: 'received_at', required: false, type: 'date', label: texts.receivedAt[language] },
				{
					name: 'method',
					required: false,
					type: 'choice',
					label: texts.method[language],
					choices: values(paymentMethods).map((m) => ({ value: m, label: paymentMethods[m][language] })),
				},
			];
		case 'revisit.escalate':
			return [
				text('comment', texts.escalateReason, language, true),
				{ name: 'scheduled_start', required: false, type: 'datetime', label: texts.escalateStart[language] },
			];
		case 'reschedule.request':
			return [
				{ name: 'scheduled_start', required: true, type: 'datetime', label: texts.newStart[language] },
				text('reason', texts.reason, language, true),
			];
		case 'reception.report':
			return [
				text('report', texts.receptionReport, language, true),
				// Sent as `[{ description, due_date }]` by the panel; the endpoint also takes `text` for `description`.
				{ name: 'promises', required: false, type: 'follow_ups', label: texts.promises[language] },
			];
		case 'complaint.resolve': {
			const held = item.facts.resolution?.trim() || null;
			return [text('resolution', texts.resolution, language, held === null, held ? { value: held } : {})];
		}
		case 'complaint.close': {
			// 投诉关闭: the cause and, for a valid complaint, the corrective action, unless written while open.
			const f = item.facts;
			const cause = f.cause ?? null;
			const corrective = f.corrective_action?.trim() || null;
			return [
				{
					name: 'cause',
					required: cause === null,
					type: 'choice',
					label: texts.cause[language],
					choices: values(complaintCauses).map((c) => ({ value: c, label: complaintCauses[c][language] })),
					...(cause ? { value: cause } : {}),
				},
				text(
					'corrective_action',
					texts.correctiveAction,
					language,
					f.valid !== false && corrective === null,
					corrective ? { value: corrective } : {},
				),
				text('preventive_action', texts.preventiveAction, language, false),
				text('department', texts.department, language, false),
			];
		}
		default:
			return [
				text(
					'comment',
					transition?.commentRequired ? texts.reason : texts.comment,
					language,
					transition?.commentRequired === true,
				),
			];
	}
}

function labelOf(route: ActionRoute): Label {
	if (route.key === 'application.file') return texts.file;
	if (route.key === 'visit.acknowledge') return texts.acknowledge;
	if (route.key === 'opportunity.advance') return texts.advance;
	if (route.key === 'contract.approve') return texts.passReview;
	if (route.key === 'order.pay') return texts.pay;
	if (route.key === 'plan.fill') return texts.fill;
	const label = definitionOf(route.flow).actions[route.action]!.label;
	return { 'zh-CN': label['zh-CN'], 'en-US': label['en-US'].charAt(0).toUpperCase() + label['en-US'].slice(1) };
}

const toneOf = (route: ActionRoute): OfferedAction['tone'] =>
	route.action === 'reject' || route.action === 'return'
		? 'danger'
		: route.action === 'cancel' ||
			  route.action === 'revise' ||
			  route.action === 'acknowledge' ||
			  route.action === 'escalate'
			? 'secondary'
			: 'primary';

function stateOf(item: FlowFacts, language: Language): FlowState {
	const definition = definitionOf(item.flow);
	const value = item.facts.status ?? '';
	return {
		flow: item.flow,
		name: flowNames[item.flow][language],
		field: definition.statusField,
		value,
		label: stateLabel(item.flow, value)[language],
	};
}

interface Wait {
	on: WaitingOn;
	due: string | null;
}

const endOf = (date: string | null | undefined, zone: string) =>
	date ? endOfDay(String(date).slice(0, 10), zone).toISOString() : null;

/** Who decides the item in its flow: the owner's manager, or a General Manager when the rules say so. */
function approverFor({ facts, flow, approverName }: FlowFacts, language: Language): WaitingOn {
	const needsGeneralManager =
		(flow === 'expense' && facts.over_budget === true) ||
		(flow === 'quote' && facts.discount_approver === 'general_manager');
	const who = approverOf(facts.owner, needsGeneralManager);
	if (who === null) return { kind: 'position', position: 'none', label: texts.noApprover[language] };
	if (who.kind === 'general_manager')
		return { kind: 'position', position: 'general_manager', label: generalManagerLabel[language] };
	return { kind: 'user', id: who.id, label: approverName ?? who.id };
}

/**
 * 拜访覆盖检查: how many customers a submitted month plan leaves short, for its approver.
 * 报价审批: before a draft quote is submitted, who the discount rules name for its lines as they
 * stand (nobody within the owner's own authority), the same answer its submit acts on.
 */
function notesOf(items: FlowFacts[], language: Language): ItemNote[] {
	const plan = items.find((i) => i.flow === 'plan');
	const short = plan && shortfallNote(plan.facts.status, plan.facts.coverage_short_count ?? 0, language);
	if (short) return [short];
	const quote = items.find((i) => i.flow === 'quote');
	if (!quote || quote.facts.status !== 'draft' || !quote.facts.discount_approver) return [];
	const value =
		quote.facts.discount_approver === 'none'
			? approverPositions.none[language]
			: (approverFor(quote, language)?.label ?? '');
	return [{ key: 'quote.approval', label: texts.approval[language], value }];
}

/** Who the item waits on in one flow, and by when; null when that flow waits on nobody. */
function waitIn(item: FlowFacts, input: OfferInput): Wait | null {
	const { facts, flow } = item;
	const { language, extras, settings } = input;
	const owner: WaitingOn = { kind: 'user', id: facts.owner.id, label: facts.owner.name };
	const approver = () => approverFor(item, language);
	const status = facts.status;
	const awaitsApprover = Object.values(definitionOf(flow).actions).some(
		(t) => t.by === 'approver' && t.from.includes(status),
	);
	const visit = facts as VisitFacts;
	switch (flow) {
		case 'plan':
			if (awaitsApprover) return { on: approver(), due: null };
			return status === 'draft'
				? { on: owner, due: facts.submit_due_at ?? null }
				: status === 'rejected'
					? { on: owner, due: null }
					: null;
		case 'application': {
			const start = facts.scheduled_start ? Date.parse(facts.scheduled_start) : NaN;
			if (status === 'pending')
				return { on: approver(), due: Number.isFinite(start) ? new Date(start).toISOString() : null };
			const needed = facts.requires_application === true && facts.visit_status === 'scheduled';
			if (needed && (status === 'not_required' || status === 'rejected')) {
				return {
					on: owner,
					due: Number.isFinite(start)
						? new Date(start - settings.application_lead_hours * 3_600_000).toISOString()
						: null,
				};
			}
			if (status === 'approved' && !extras.application_filed_at)
				return { on: { kind: 'position', position: 'assistant', label: texts.assistant[language] }, due: null };
			return null;
		}
		case 'visit':
			return status === 'scheduled' || status === 'in_progress' ? { on: owner, due: null } : null;
		case 'report':
			if (awaitsApprover) return { on: approver(), due: null };
			return ['pending', 'overdue', 'returned'].includes(status)
				? { on: owner, due: visit.report_due_at ?? null }
				: null;
		case 'expense':
			return awaitsApprover ? { on: approver(), due: null } : null;
		case 'follow_up':
		case 'revisit':
			// 回访报告: a done revisit awaits its owner's supervisor until it is reviewed.
			if (flow === 'revisit' && status === 'done' && !facts.reviewed_at) return { on: approver(), due: null };
			return status === (flow === 'revisit' ? 'scheduled' : 'open')
				? { on: owner, due: endOf(extras.due_date, settings.timezone) }
				: null;
		case 'complaint':
			if (status === 'open') return { on: owner, due: facts.response_due_at ?? null };
			return status === 'responded' || status === 'resolved' ? { on: owner, due: null } : null;
		case 'opportunity':
			return (OPEN_STAGES as readonly string[]).includes(status) ? { on: owner, due: null } : null;
		case 'quote':
			if (awaitsApprover) return { on: approver(), due: null };
			// 24–48 小时内报价: a draft or an approved quote is due to the customer by `due_at`.
			if (status === 'draft' || status === 'approved') return { on: owner, due: facts.due_at ?? null };
			return status === 'rejected' || status === 'sent' ? { on: owner, due: null } : null;
		case 'contract': {
			const reviewer = contractReviewer(status);
			if (reviewer)
				return { on: { kind: 'position', position: reviewer, label: reviewerLabels[reviewer][language] }, due: null };
			return status === 'draft' || status === 'approved' ? { on: owner, due: null } : null;
		}
		case 'delivery':
			// 验收: the owner (or an assistant) records what the customer decides.
			return status === 'shipped' ? { on: owner, due: null } : null;
		case 'appraisal': {
			// 考核: the person confirms, the level above their manager (or a General Manager) decides.
			const gm: WaitingOn = { kind: 'position', position: 'general_manager', label: generalManagerLabel[language] };
			if (status === 'confirmed') return { on: gm, due: null };
			return status === 'draft' || status === 'returned' ? { on: owner, due: null } : null;
		}
		case 'periodic_report':
			if (status === 'submitted') return { on: approver(), due: null };
			return status === 'draft' || status === 'returned' ? { on: owner, due: facts.due_at ?? null } : null;
		case 'target': {
			// 目标: the setter drafts and submits, the level above approves, the person confirms.
			const target = facts.target;
			if (!target) return null;
			const gm: WaitingOn = { kind: 'position', position: 'general_manager', label: generalManagerLabel[language] };
			if (status === 'draft')
				return {
					on: target.setter ? { kind: 'user', id: target.setter.id, label: target.setter.name } : gm,
					due: null,
				};
			if (status === 'submitted') return { on: gm, due: null };
			return status === 'approved' && target.confirmed_at === null && target.level !== 'company'
				? { on: owner, due: null }
				: null;
		}
		case 'commission_statement':
			// 提成单: a General Manager approves the draft, Finance pays the approved one.
			if (status === 'draft')
				return {
					on: { kind: 'position', position: 'general_manager', label: generalManagerLabel[language] },
					due: null,
				};
			return status === 'approved'
				? { on: { kind: 'position', position: 'finance', label: texts.finance[language] }, due: null }
				: null;
		case 'reception':
			// 客户接待: the supervisor decides the request, the front desk (or the host) stamps the arrival, the host reports.
			if (status === 'requested') return { on: approver(), due: null };
			if (status === 'approved' || status === 'arrived') return { on: owner, due: null };
			return status === 'held' ? { on: owner, due: facts.report_due_at ?? null } : null;
		case 'order':
			// Money still open on the order: Finance records it as it arrives.
			return status === 'signed' || status === 'delivered'
				? { on: { kind: 'position', position: 'finance', label: texts.finance[language] }, due: null }
				: null;
		default:
			return null;
	}
}

/** A visit waits on its application first, then on its report, then on the visit itself. */
const WAIT_ORDER: AnyFlowKey[] = ['application', 'report', 'visit'];

export function itemActions(input: OfferInput): ItemActions {
	const { flows: items, language } = input;
	const actions: OfferedAction[] = [];
	for (const route of actionRoutes) {
		const item = items.find((i) => i.flow === route.flow);
		if (!item || routeProblem(route, item, input)) continue;
		actions.push({
			key: route.key,
			label: labelOf(route)[language],
			method: 'POST',
			path: pathFor(route, input.target),
			inputs: inputsOf(route, item, input),
			...(route.body ? { body: route.body } : {}),
			tone: toneOf(route),
		});
	}
	const ordered = [...items].sort(
		(a, b) => (WAIT_ORDER.indexOf(a.flow) + 1 || 99) - (WAIT_ORDER.indexOf(b.flow) + 1 || 99),
	);
	const wait = ordered.map((i) => ({ flow: i.flow, wait: waitIn(i, input) })).find((w) => w.wait !== null) ?? null;
	const states = items.map((i) => stateOf(i, language));
	return {
		collection: input.collection,
		id: input.id,
		state: states[0]!,
		states,
		waiting_on: wait?.wait?.on ?? null,
		waiting_in: wait?.flow ?? null,
		due_at: wait?.wait?.due ?? null,
		notes: notesOf(items, language),
		actions,
		language,
	};
}
