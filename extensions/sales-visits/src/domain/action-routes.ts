/**
 * Every action of `/visit-flow` on an item: its path, the flow and transition it takes, and
 * the fields its body always carries. The endpoint mounts these routes and the actions
 * endpoint offers them, so a path exists exactly when an action can be offered.
 */
import type { AnyFlowKey } from './flow-table.ts';

export interface ActionRoute {
	/** `<flow>.<action>`: the key the actions endpoint offers it under. */
	key: string;
	flow: AnyFlowKey;
	/**
	 * A transition of the flow's table, a step that is not one (`file`, `acknowledge`, an order's `pay`), or a
	 * sales route that picks its transition (sales-flows.ts salesRouteAction: `advance`, `submit`, a contract's `approve`).
	 */
	action: string;
	/** Under /visit-flow, with `:id` for the item's key. */
	path: string;
	/** Fields the request always carries. */
	body?: Record<string, string>;
}

const route = (flow: AnyFlowKey, action: string, path: string, body?: Record<string, string>): ActionRoute => ({
	key: `${flow}.${action}`,
	flow,
	action,
	path,
	...(body ? { body } : {}),
});

export const actionRoutes: readonly ActionRoute[] = [
	route('plan', 'submit', '/plans/:id/submit'),
	route('plan', 'approve', '/plans/:id/approve'),
	route('plan', 'reject', '/plans/:id/reject'),
	route('plan', 'revise', '/plans/:id/revise'),
	// Not a transition: items added to an editable month plan for what its coverage check finds short (flow/plan-fill.ts).
	route('plan', 'fill', '/plans/:id/fill'),
	route('application', 'apply', '/visits/:id/application'),
	route('application', 'approve', '/visits/:id/application/approve'),
	route('application', 'reject', '/visits/:id/application/reject'),
	route('application', 'file', '/visits/:id/application/file'),
	route('reschedule', 'request', '/visits/:id/reschedule'),
	route('reschedule', 'approve', '/visits/:id/reschedule/approve'),
	route('reschedule', 'reject', '/visits/:id/reschedule/reject'),
	route('expense', 'approve', '/expenses/:id/approve'),
	route('expense', 'reject', '/expenses/:id/reject'),
	route('visit', 'check_in', '/visits/:id/check-in'),
	route('visit', 'acknowledge', '/visits/:id/check-in/acknowledge'),
	route('visit', 'check_out', '/visits/:id/check-out'),
	route('visit', 'cancel', '/visits/:id/cancel'),
	route('report', 'submit', '/visits/:id/report'),
	route('report', 'approve', '/visits/:id/report/review', { decision: 'approved' }),
	route('report', 'return', '/visits/:id/report/review', { decision: 'returned' }),
	route('follow_up', 'complete', '/follow-ups/:id/complete'),
	route('follow_up', 'cancel', '/follow-ups/:id/cancel'),
	route('revisit', 'done', '/revisits/:id/done'),
	route('revisit', 'cancel', '/revisits/:id/cancel'),
	route('revisit', 'review', '/revisits/:id/review'),
	route('revisit', 'escalate', '/revisits/:id/escalate'),
	route('complaint', 'respond', '/complaints/:id/respond'),
	route('complaint', 'resolve', '/complaints/:id/resolve'),
	route('complaint', 'close', '/complaints/:id/close'),
	route('opportunity', 'advance', '/opportunities/:id/advance'),
	route('opportunity', 'lose', '/opportunities/:id/lose'),
	route('quote', 'submit', '/quotes/:id/submit'),
	route('quote', 'approve', '/quotes/:id/approve'),
	route('quote', 'reject', '/quotes/:id/reject'),
	route('quote', 'send', '/quotes/:id/send'),
	route('quote', 'accept', '/quotes/:id/accept'),
	route('contract', 'submit', '/contracts/:id/submit'),
	route('contract', 'approve', '/contracts/:id/approve'),
	route('contract', 'reject', '/contracts/:id/reject'),
	route('contract', 'sign', '/contracts/:id/sign'),
	route('contract', 'terminate', '/contracts/:id/terminate'),
	route('delivery', 'accept', '/deliveries/:id/accept'),
	route('delivery', 'reject', '/deliveries/:id/reject'),
	// Not a transition: a payment moves the order only once it covers the amount (flow/payments.ts).
	route('order', 'pay', '/orders/:id/payments'),
	route('appraisal', 'confirm', '/appraisals/:id/confirm'),
	route('appraisal', 'approve', '/appraisals/:id/approve'),
	route('appraisal', 'return', '/appraisals/:id/return'),
	route('periodic_report', 'submit', '/periodic-reports/:id/submit'),
	route('periodic_report', 'approve', '/periodic-reports/:id/review', { decision: 'approved' }),
	route('periodic_report', 'return', '/periodic-reports/:id/review', { decision: 'returned' }),
	route('target', 'submit', '/targets/:id/submit'),
	route('target', 'approve', '/targets/:id/approve'),
	route('target', 'reject', '/targets/:id/reject'),
	route('target', 'confirm', '/targets/:id/confirm'),
	// Not a transition of the row: a new draft revision is made from it (flow/targets.ts reviseTarget).
	route('target', 'revise', '/targets/:id/revise'),
	route('commission_statement', 'approve', '/commission-statements/:id/approve'),
	route('commission_statement', 'pay', '/commission-statements/:id/pay'),
	route('reception', 'approve', '/receptions/:id/approve'),
	route('reception', 'reject', '/receptions/:id/reject'),
	route('reception', 'arrive', '/receptions/:id/arrive'),
	route('reception', 'leave', '/receptions/:id/leave'),
	route('reception', 'report', '/receptions/:id/report'),
	route('reception', 'cancel', '/receptions/:id/cancel'),
];

/** The collections the actions endpoint answers for, and the flows each one carries (main first). */
export const collectionFlows: Readonly<Record<string, readonly AnyFlowKey[]>> = {
	visit_plans: ['plan'],
	visits: ['visit', 'application', 'report', 'reschedule'],
	// A report is reviewed from its own form too; the actions act on its visit.
	visit_reports: ['report'],
	expense_requests: ['expense'],
	follow_ups: ['follow_up'],
	revisits: ['revisit'],
	complaints: ['complaint'],
	opportunities: ['opportunity'],
	quotes: ['quote'],
	contracts: ['contract'],
	deliveries: ['delivery'],
	sales_orders: ['order'],
	periodic_reports: ['periodic_report'],
	appraisals: ['appraisal'],
	sales_targets: ['target'],
	commission_statements: ['commission_statement'],
	receptions: ['reception'],
};

/** The route's path for one item. */
export const pathFor = (route: ActionRoute, id: number | string) =>
	`/visit-flow${route.path.replace(':id', String(id))}`;
