/**
 * The visit half's flows (approval.ts `flows`) and the sales cycle's (sales-flows.ts
 * `salesFlows`) under one key, so that the one transition mechanism, the routes and the
 * actions endpoint address either. The two tables keep their own actor types.
 */
import { flows, label, labelIn, type FlowDefinition, type FlowKey } from './approval.ts';
import type { Label } from './choices.ts';
import { salesFlows, type SalesFlowKey } from './sales-flows.ts';

export type AnyFlowKey = FlowKey | SalesFlowKey;

export const isSalesFlow = (flow: AnyFlowKey): flow is SalesFlowKey => Object.hasOwn(salesFlows, flow);

export const definitionOf = (flow: AnyFlowKey): FlowDefinition<string> =>
	isSalesFlow(flow) ? salesFlows[flow] : flows[flow];

/** A state of either table in both languages. */
export const stateLabel = (flow: AnyFlowKey, status: string): Label => labelIn(definitionOf(flow), status);

/** Each state machine's name, shown beside its state (a visit has three: 拜访状态, 拜访申请, 报告状态). */
export const flowNames: Readonly<Record<AnyFlowKey, Label>> = {
	plan: label('计划状态', 'Plan'),
	visit: label('拜访状态', 'Visit'),
	application: label('拜访申请', 'Application'),
	reschedule: label('改期申请', 'Reschedule'),
	report: label('报告状态', 'Report'),
	expense: label('费用申请', 'Expense request'),
	follow_up: label('跟进状态', 'Follow-up'),
	revisit: label('回访状态', 'Revisit'),
	complaint: label('投诉状态', 'Complaint'),
	opportunity: label('商机阶段', 'Opportunity'),
	quote: label('报价状态', 'Quote'),
	contract: label('合同状态', 'Contract'),
	delivery: label('发货状态', 'Delivery'),
	order: label('订单状态', 'Order'),
	payment_schedule: label('回款计划', 'Payment schedule'),
	periodic_report: label('报告状态', 'Report'),
	target: label('目标状态', 'Target'),
	commission_statement: label('提成单状态', 'Commission statement'),
	appraisal: label('考核状态', 'Appraisal'),
	reception: label('接待状态', 'Reception'),
};
