/**
 * The actions offered for an item, against the step functions that take them: for every flow,
 * state and caller, an action is offered exactly when the step with valid inputs succeeds.
 */
import { fillOffered } from '../../extensions/sales-visits/src/domain/plan-fill.ts';
import { describe, expect, it } from 'vitest';
import { actionRoutes } from '../../extensions/sales-visits/src/domain/action-routes.ts';
import {
	itemActions,
	type FlowFacts,
	type ItemExtras,
	type OfferInput,
} from '../../extensions/sales-visits/src/domain/actions.ts';
import {
	decide,
	fileApplication,
	flows,
	type Caller,
	type FlowKey,
	type ItemFacts,
	type Person,
} from '../../extensions/sales-visits/src/domain/approval.ts';
import { isSalesFlow, type AnyFlowKey } from '../../extensions/sales-visits/src/domain/flow-table.ts';
import { OPEN_STAGES } from '../../extensions/sales-visits/src/domain/opportunities.ts';
import { recordPayment } from '../../extensions/sales-visits/src/domain/receivables.ts';
import { refusal } from '../../extensions/sales-visits/src/domain/refusals.ts';
import {
	decideSales,
	salesFlows,
	salesRouteAction,
	type SalesFacts,
	type SalesFlowKey,
} from '../../extensions/sales-visits/src/domain/sales-flows.ts';
import {
	acknowledgeProblem,
	cancelVisit,
	checkIn,
	checkOut,
	reviewReport,
	submitReport,
	type FieldWorkSettings,
	type VisitFacts,
} from '../../extensions/sales-visits/src/domain/visit-rules.ts';

const rep: Person = { id: 'rep1', name: '张三', position: 'rep', reports_to: 'manager1' };
const manager: Person = { id: 'manager1', name: '李经理', position: 'manager', reports_to: 'gm' };
const callers: Record<string, Caller> = {
	owner: { ...rep, admin: false },
	manager1: { ...manager, admin: false },
	manager2: { id: 'manager2', name: '王经理', position: 'manager', reports_to: 'gm', admin: false },
	gm: { id: 'gm', name: '总', position: 'general_manager', reports_to: null, admin: false },
	rep2: { id: 'rep2', name: '赵', position: 'rep', reports_to: 'manager1', admin: false },
	assistant: { id: 'assistant', name: '助理', position: 'assistant', reports_to: null, admin: false },
	service: { id: 'service', name: '客服', position: 'service', reports_to: null, admin: false },
	legal: { id: 'legal', name: '法务', position: 'legal', reports_to: null, admin: false },
	finance: { id: 'finance', name: '财务', position: 'finance', reports_to: null, admin: false },
	admin: { id: 'admin', name: 'Admin', position: null, reports_to: null, admin: true },
};

const settings: FieldWorkSettings = {
	timezone: 'Asia/Shanghai',
	report_deadline_hours: 48,
	report_deadline_workdays: null,
	geofence_radius_m: 500,
	geofence_mode: 'soft',
	check_in_max_accuracy_m: 200,
	check_in_max_fix_age_s: 300,
	unapproved_check_in: 'refuse',
	// 报备后方可出门, and check-in only on the scheduled day: the offer must hold back what these refuse.
	require_filing_before_check_in: true,
	check_in_window_hours: 12,
};
const now = new Date('2030-03-04T02:00:00Z');
/** 14:00 in Shanghai on `now`'s day: a visit that may be checked in now (the default one is tomorrow's). */
const today = '2030-03-04T06:00:00Z';
const customer = { latitude: 31.23, longitude: 121.47 };

const visitFacts = (over: Partial<VisitFacts> = {}): VisitFacts => ({
	id: 7,
	status: 'scheduled',
	owner: rep,
	channel: 'onsite',
	requires_application: false,
	application_status: 'not_required',
	report_due_at: '2030-03-06T02:00:00Z',
	customer_visible: true,
	has_report: true,
	visit_status: 'scheduled',
	scheduled_start: '2030-03-05T01:00:00Z',
	...over,
});

function offer(flowFacts: FlowFacts[], caller: Caller, extras: ItemExtras = {}, collection = 'visits') {
	const input: OfferInput = {
		collection,
		id: 7,
		target: 7,
		flows: flowFacts,
		extras,
		caller,
		language: 'zh-CN',
		settings: { ...settings, application_lead_hours: 24 },
		now,
	};
	return itemActions(input);
}

/** Whether the step behind `key` accepts valid inputs from `caller` now. */
function accepted(key: string, facts: ItemFacts, caller: Caller, extras: ItemExtras): boolean {
	const [flow, action] = key.split('.') as [AnyFlowKey, string];
	if (isSalesFlow(flow)) return salesAccepted(flow, action, facts, caller);
	const v = facts as VisitFacts;
	switch (key) {
		case 'application.file':
			return fileApplication(caller, facts.status, extras.application_filed_at ?? null) === null;
		case 'visit.acknowledge':
			return (
				acknowledgeProblem(
					caller,
					facts.owner,
					extras.outside_geofence === true,
					extras.geofence_acknowledged_at ?? null,
					'manager1',
				) === null
			);
		case 'visit.check_in':
			return checkIn({
				item: v,
				caller,
				fix: { ...customer, accuracy: 10, timestamp: now.getTime() },
				reason: null,
				customer,
				settings,
				now,
			}).ok;
		case 'visit.check_out':
			return checkOut(v, caller, settings, new Map(), now).ok;
		case 'visit.cancel':
			return cancelVisit(v, caller, 'reason', now).ok;
		case 'report.submit':
			return submitReport(v, caller, now).ok;
		case 'plan.fill':
			// Offered when the fill would add items: the owner's editable month plan that leaves someone short.
			return fillOffered(
				caller,
				{ owner: facts.owner.id, status: facts.status, period_type: facts.period_type ?? '' },
				facts.live_short_count ?? 0,
			);
		case 'report.approve':
		case 'report.return':
			return reviewReport(v, caller, action === 'approve' ? 'approved' : 'returned', 'reason', 'manager1', now).ok;
		default:
			return decide({
				flow,
				action,
				item: facts,
				caller,
				comment: 'reason',
				now,
				applicationLeadHours: 24,
				approverName: 'manager1',
				details: {
					satisfaction: 4,
					resolution: 'fixed',
					cause: 'service',
					corrective_action: 'retrain',
					reason: 'reason',
					scheduled_start: '2031-01-01T01:00:00Z',
				},
			}).ok;
	}
}

/** A sales route with a valid body: the next stage, a lost reason and an analysis. */
function salesAccepted(flow: SalesFlowKey, action: string, facts: SalesFacts, caller: Caller): boolean {
	// A payment of one cent, which any order with money open takes.
	if (flow === 'order' && action === 'pay')
		return facts.order !== undefined && !('code' in recordPayment(caller, facts.order, [], '0.01'));
	const body = { stage: OPEN_STAGES[OPEN_STAGES.indexOf(facts.status as never) + 1], lost_reason: 'price' };
	const routed = salesRouteAction(flow, action, facts, body);
	if ('code' in routed) return false;
	return decideSales({
		flow,
		action: routed.action,
		item: facts,
		caller,
		comment: '客户选择了竞争对手的低价方案',
		now,
		approverName: 'manager1',
		details: body,
	}).ok;
}

/** The sales flows the routes address, with the facts that matter: who the discount rules name. */
function* salesCases(): Generator<{ flow: AnyFlowKey; facts: SalesFacts; extras: ItemExtras }> {
	for (const flow of ['opportunity', 'quote'] as const)
		for (const status of Object.keys(salesFlows[flow].statuses))
			for (const owner of [rep, manager]) {
				const base: SalesFacts = { id: 7, status, owner };
				const variants =
					flow === 'quote'
						? (['none', 'manager', 'general_manager'] as const).map((a) => ({ ...base, discount_approver: a }))
						: [base];
				for (const facts of variants) yield { flow, facts, extras: {} };
			}
	// A contract within credit, over it, and unchecked; a draft with and without a problem.
	for (const status of Object.keys(salesFlows.contract.statuses))
		for (const owner of [rep, manager])
			for (const credit of [
				{ outstanding: 0, amount: 100_00, limit: '500.00' },
				{ outstanding: 450_00, amount: 100_00, limit: '500.00' },
				undefined,
			]) {
				const facts: SalesFacts = { id: 7, status, owner, ...(credit ? { credit } : {}) };
				yield { flow: 'contract', facts, extras: {} };
				if (status === 'draft')
					yield { flow: 'contract', facts: { ...facts, submit_problem: refusal(422, 'contract_amount') }, extras: {} };
			}
	for (const status of Object.keys(salesFlows.delivery.statuses))
		for (const owner of [rep, manager]) yield { flow: 'delivery', facts: { id: 7, status, owner }, extras: {} };
	// A weekly or monthly report ready to go up, and one without its market analysis.
	for (const status of Object.keys(salesFlows.periodic_report.statuses))
		for (const owner of [rep, manager]) {
			const facts: SalesFacts = { id: 7, status, owner, due_at: '2030-03-01T10:00:00Z' };
			yield { flow: 'periodic_report', facts, extras: {} };
			yield {
				flow: 'periodic_report',
				facts: { ...facts, submit_problem: refusal(422, 'periodic_report_market_analysis') },
				extras: {},
			};
		}
	// An appraisal of a rep (approved by their manager's manager) and of a manager (by a General Manager).
	for (const status of Object.keys(salesFlows.appraisal.statuses))
		for (const owner of [rep, manager])
			yield {
				flow: 'appraisal',
				facts: { id: 7, status, owner, managers_manager: owner === rep ? 'gm' : null },
				extras: {},
			};
	// A person's target (set by their manager) and a team's (set by the manager themself), confirmed or not, revised or not.
	for (const status of Object.keys(salesFlows.target.statuses))
		for (const owner of [rep, manager])
			for (const confirmed_at of [null, '2030-01-05T00:00:00Z'])
				for (const newer_revision of [null, 2]) {
					const target = {
						level: owner === rep ? ('person' as const) : ('team' as const),
						setter: manager,
						submitted_by: status === 'draft' ? null : manager.id,
						confirmed_at,
						newer_revision,
					};
					yield { flow: 'target', facts: { id: 7, status, owner, target }, extras: {} };
				}
	// 提成单: a rep's and a manager's, in each state.
	for (const status of Object.keys(salesFlows.commission_statement.statuses))
		for (const owner of [rep, manager])
			yield { flow: 'commission_statement', facts: { id: 7, status, owner }, extras: {} };
	// 客户接待: a rep's and a manager's, in each state, the report due or not yet.
	for (const status of Object.keys(salesFlows.reception.statuses))
		for (const owner of [rep, manager])
			yield { flow: 'reception', facts: { id: 7, status, owner, report_due_at: null }, extras: {} };
	// An order with money open, paid up, and without its amounts read.
	for (const status of Object.keys(salesFlows.order.statuses))
		for (const paid of [0, 100_00, undefined]) {
			const order =
				paid === undefined ? {} : { order: { amount: 100_00, paid_amount: paid, status, delivered: false } };
			yield { flow: 'order', facts: { id: 7, status, owner: rep, ...order } as SalesFacts, extras: {} };
		}
}

/** Every state of every flow, with the item facts that matter in it. */
function* cases(): Generator<{ flow: AnyFlowKey; facts: ItemFacts; extras: ItemExtras }> {
	for (const flow of Object.keys(flows) as FlowKey[]) {
		for (const status of Object.keys(flows[flow].statuses)) {
			for (const owner of [rep, manager]) {
				const base =
					flow === 'visit' || flow === 'report' || flow === 'application'
						? visitFacts({ status, owner })
						: { id: 7, status, owner };
				const variants: ItemFacts[] = [base];
				if (flow === 'application')
					variants.push(
						{ ...base, requires_application: true },
						{ ...base, requires_application: true, visit_status: 'completed' },
					);
				if (flow === 'visit')
					variants.push(
						visitFacts({ status, owner, requires_application: true, application_status: 'pending' }),
						visitFacts({ status, owner, channel: 'phone' }),
						visitFacts({ status, owner, customer_visible: false }),
						visitFacts({ status, owner, scheduled_start: today }),
						...[null, '2030-03-03T09:00:00Z'].map((application_filed_at) =>
							visitFacts({
								status,
								owner,
								scheduled_start: today,
								requires_application: true,
								application_status: 'approved',
								application_filed_at,
							}),
						),
					);
				if (flow === 'report') variants.push(visitFacts({ status, owner, has_report: false }));
				if (flow === 'complaint')
					variants.push({ ...base, revisit_status: 'done' }, { ...base, revisit_status: 'scheduled' });
				if (flow === 'expense') variants.push({ ...base, over_budget: true });
				// 按频次补齐: a month plan leaving customers short, a covered one, a week plan.
				if (flow === 'plan')
					variants.push(
						{ ...base, period_type: 'month', live_short_count: 2 },
						{ ...base, period_type: 'month', live_short_count: 0 },
						{ ...base, period_type: 'week', live_short_count: 2 },
					);
				// 回访: a phone revisit with its customer's owner, reviewed or not, escalated or not; an on-site one.
				if (flow === 'revisit') {
					const phone = { ...base, channel: 'phone', customer_owner: 'rep2', reviewed_at: null, escalated_visit: null };
					variants.push(
						phone,
						{ ...phone, reviewed_at: '2030-03-01T00:00:00Z', escalated_visit: 9 },
						{ ...phone, channel: 'onsite' },
						{ ...phone, customer_owner: null },
					);
				}
				if (flow === 'reschedule') variants.push({ ...base, visit_status: 'scheduled' });
				for (const facts of variants) {
					yield { flow, facts, extras: {} };
					if (flow === 'application') yield { flow, facts, extras: { application_filed_at: '2030-03-01T00:00:00Z' } };
					if (flow === 'visit') yield { flow, facts, extras: { outside_geofence: true } };
				}
			}
		}
	}
	yield* salesCases();
}

describe('the actions offered', () => {
	it('are exactly the actions whose step accepts valid inputs, for every flow, state and caller', () => {
		let offered = 0;
		let refused = 0;
		const seen = new Set<string>();
		for (const { flow, facts, extras } of cases()) {
			for (const [name, caller] of Object.entries(callers)) {
				const keys = new Set(
					offer([{ flow, facts, approverName: '李经理' }], caller, extras).actions.map((a) => a.key),
				);
				for (const route of actionRoutes.filter((r) => r.flow === flow)) {
					const ok = accepted(route.key, facts, caller, extras);
					expect(
						keys.has(route.key),
						`${route.key} for ${name} in ${flow} ${facts.status} ${JSON.stringify(extras)}`,
					).toBe(ok);
					if (ok) {
						offered++;
						seen.add(route.key);
					} else refused++;
				}
			}
		}
		expect(offered).toBeGreaterThan(50);
		expect(refused).toBeGreaterThan(500);
		// Every route is offered to somebody somewhere: the test cannot pass by offering nothing.
		expect([...seen].sort()).toEqual(actionRoutes.map((r) => r.key).sort());
		// Some 20,000 offers and steps: seconds on a loaded machine, not Vitest's default five.
	}, 60_000);

	it('say who the item waits on and by when, in the company zone', () => {
		const plan = (status: string, owner = rep) => [
			{
				flow: 'plan' as const,
				facts: { id: 1, status, owner, submit_due_at: '2030-02-28T15:59:59.000Z' },
				approverName: '李经理',
			},
		];
		expect(offer(plan('submitted'), callers.owner!).waiting_on).toEqual({
			kind: 'user',
			id: 'manager1',
			label: '李经理',
		});
		expect(offer(plan('submitted', manager), callers.owner!).waiting_on).toMatchObject({
			kind: 'position',
			position: 'general_manager',
			label: '总经理',
		});
		expect(offer(plan('draft'), callers.owner!)).toMatchObject({
			waiting_on: { kind: 'user', id: 'rep1' },
			due_at: '2030-02-28T15:59:59.000Z',
		});
		expect(offer(plan('approved'), callers.owner!)).toMatchObject({ waiting_on: null, due_at: null });

		const revisit = [
			{ flow: 'revisit' as const, facts: { id: 2, status: 'scheduled', owner: rep }, approverName: null },
		];
		// The end of 5 March in Shanghai is 15:59:59.999 UTC, not the browser's midnight.
		expect(offer(revisit, callers.service!, { due_date: '2030-03-05' }, 'revisits').due_at).toBe(
			'2030-03-05T15:59:59.999Z',
		);

		const application = [
			{
				flow: 'application' as const,
				facts: visitFacts({ status: 'not_required', requires_application: true }),
				approverName: '李经理',
			},
		];
		expect(offer(application, callers.owner!).due_at).toBe('2030-03-04T01:00:00.000Z');
	});

	it('tell who will approve a draft quote before it is submitted, as the discount rules name them', () => {
		const quote = (discount_approver: SalesFacts['discount_approver'], status = 'draft', owner = rep) => [
			{ flow: 'quote' as const, facts: { id: 3, status, owner, discount_approver }, approverName: '李经理' },
		];
		const notes = (q: FlowFacts[], language: 'zh-CN' | 'en-US' = 'zh-CN') =>
			itemActions({
				collection: 'quotes',
				id: 3,
				target: 3,
				flows: q,
				extras: {},
				caller: callers.owner!,
				language,
				settings: { ...settings, application_lead_hours: 24 },
				now,
			}).notes;
		expect(notes(quote('manager'))).toEqual([{ key: 'quote.approval', label: '审批人', value: '李经理' }]);
		expect(notes(quote('manager', 'draft', manager))).toEqual([
			{ key: 'quote.approval', label: '审批人', value: '总经理' },
		]);
		expect(notes(quote('general_manager'), 'en-US')).toEqual([
			{ key: 'quote.approval', label: 'Approved by', value: 'a General Manager' },
		]);
		expect(notes(quote('none'))[0]!.value).toContain('无需审批');
		expect(notes(quote('none'), 'en-US')[0]!.value).toMatch(/^Nobody/);
		// Past draft the approver is who the quote waits on, or nobody any more.
		for (const status of ['pending', 'approved', 'sent']) expect(notes(quote('manager', status)), status).toEqual([]);
		const plan = [{ flow: 'plan' as const, facts: { id: 1, status: 'draft', owner: rep }, approverName: '李经理' }];
		expect(offer(plan, callers.owner!).notes).toEqual([]);
	});

	it('show the approver how many customers a submitted plan leaves short, beside approve and reject', () => {
		const plan = (status: string, coverage_short_count: number) => [
			{ flow: 'plan' as const, facts: { id: 1, status, owner: rep, coverage_short_count }, approverName: '李经理' },
		];
		const shown = offer(plan('submitted', 11), callers.manager1!);
		expect(shown.notes).toEqual([{ key: 'plan.coverage', label: '未满足频次的客户', value: '11' }]);
		expect(shown.actions.map((a) => a.key)).toEqual(expect.arrayContaining(['plan.approve', 'plan.reject']));
		expect(offer(plan('submitted', 0), callers.manager1!).notes).toEqual([]);
		// A draft's stored count is its last submission's, not the plan as it stands.
		expect(offer(plan('draft', 11), callers.owner!).notes).toEqual([]);
	});

	it('carry the inputs each action needs, in the caller’s language', () => {
		const revisit = [
			{ flow: 'revisit' as const, facts: { id: 2, status: 'scheduled', owner: rep }, approverName: null },
		];
		const done = offer(revisit, callers.service!, {}, 'revisits').actions.find((a) => a.key === 'revisit.done')!;
		expect(done.inputs[0]).toMatchObject({ name: 'satisfaction', required: true, type: 'rating' });
		expect(done.inputs[0]!.choices!.map((c) => c.value)).toEqual([1, 2, 3, 4, 5]);

		const visit = [{ flow: 'visit' as const, facts: visitFacts({ scheduled_start: today }), approverName: '李经理' }];
		const english = itemActions({
			collection: 'visits',
			id: 7,
			target: 7,
			flows: visit,
			extras: {},
			caller: callers.owner!,
			language: 'en-US',
			settings: { ...settings, application_lead_hours: 24 },
			now,
		});
		expect(english.actions.map((a) => [a.key, a.label])).toEqual([
			['visit.check_in', 'Check in'],
			['visit.cancel', 'Cancel'],
		]);
		expect(english.actions[0]!.inputs.map((i) => [i.name, i.type, i.required])).toEqual([
			['position', 'geolocation', true],
			['reason', 'text', false],
		]);
		expect(english.actions[1]!.inputs[0]).toMatchObject({ name: 'comment', required: true });

		const report = [{ flow: 'report' as const, facts: visitFacts({ status: 'submitted' }), approverName: '李经理' }];
		const review = offer(report, callers.manager1!).actions;
		expect(review.map((a) => [a.key, a.path, a.body])).toEqual([
			['report.approve', '/visit-flow/visits/7/report/review', { decision: 'approved' }],
			['report.return', '/visit-flow/visits/7/report/review', { decision: 'returned' }],
		]);
	});
});
