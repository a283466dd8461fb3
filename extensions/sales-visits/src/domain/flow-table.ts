/**
 * The visit half's flows (approval.ts `flows`) and the sales cycle's (sales-flows.ts
 * `salesFlows`) under one key, so that the one transition mechanism, the routes and the
 * actions endpoint address either. The two tables keep their own actor types.
 */
import { flows, labelIn, type FlowDefinition, type FlowKey } from './approval.ts';
import type { Label } from './choices.ts';
import { salesFlows, type SalesFlowKey } from './sales-flows.ts';

export type AnyFlowKey = FlowKey | SalesFlowKey;

export const isSalesFlow = (flow: AnyFlowKey): flow is SalesFlowKey => Object.hasOwn(salesFlows, flow);

export const definitionOf = (flow: AnyFlowKey): FlowDefinition<string> =>
	isSalesFlow(flow) ? salesFlows[flow] : flows[flow];

/** A state of either table in both languages. */
export const stateLabel = (flow: AnyFlowKey, status: string): Label => labelIn(definitionOf(flow), status);
