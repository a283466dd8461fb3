/**
 * The types the flow shell shares with Directus: what an extension gets from it, what a
 * flow step writes with, and one request to take an action. Everything in flow/ imports
 * them from here, so no module needs transitions.ts for its types.
 */
import type { AbstractService, Accountability, ApiExtensionContext } from '@directus/types';
import type { AnyFlowKey } from '../domain/flow-table.ts';

type Logger = ApiExtensionContext['logger'];

/** The part of a hook's or endpoint's context the flows use (a script passes its own logger). */
export type FlowContext = Pick<ApiExtensionContext, 'database' | 'services' | 'getSchema'> & {
	logger: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
};

/** A row as Knex reads it: Knex types rows as any, and values differ by vendor (values.ts reads them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Knex's own row type
export type Row = Record<string, any>;

/** What a flow step may write with: ItemsService for a collection, as the flow. */
export type Writer = (collection: string) => AbstractService;

export interface ActionRequest {
	flow: AnyFlowKey;
	id: number;
	action: string;
	comment?: string | null;
	accountability: Accountability | null;
	acceptLanguage?: string;
	/** The request's body, for the steps that take more than a comment (check-in, report, a stage, a lost reason). */
	body?: Record<string, unknown>;
}
