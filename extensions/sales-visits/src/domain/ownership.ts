/**
 * Whose rows a write may point at. Directus checks the row being written, not the rows its
 * relations point at; so every relation a person writes must point at a row they may use:
 * a business row they can read, or, for the fields that hand a row to someone (owner,
 * requester), a person within their scope (a rep: themself; a manager: themself and their
 * reports; a General Manager and customer service, who dispatch revisits and complaints, and
 * the integrator, an ERP feeding every salesperson's customers and orders: anyone). The scopes
 * are also what the role's permissions are written from (access/policies).
 */
import { collections } from '../schema/collections.ts';
import { isFlowOwned } from './flow-fields.ts';
import { isUuid, toId } from './input.ts';

export type RoleKey =
	| 'general_manager'
	| 'sales_manager'
	| 'sales_rep'
	| 'sales_assistant'
	| 'customer_service'
	| 'finance'
	| 'legal'
	| 'integrator';

/** Whose rows a role works on: its own, its team's (themself and who reports to them), or everyone's. */
export type Scope = 'own' | 'team' | 'all';

export const roleScopes: Record<RoleKey, Scope> = {
	general_manager: 'all',
	sales_manager: 'team',
	sales_rep: 'own',
	// Writes nothing; reads the department through permissions of its own.
	sales_assistant: 'own',
	customer_service: 'all',
	// Finance sets credit terms and Legal reviews: neither hands a row to anyone.
	finance: 'own',
	legal: 'own',
	// An ERP feeds customers and orders for every salesperson.
	integrator: 'all',
};

/** A role the project does not define (an Administrator's own) hands rows to nobody but the caller. */
export const scopeOf = (role: RoleKey | null): Scope => (role ? roleScopes[role] : 'own');

export interface Relation {
	collection: string;
	field: string;
	/** The collection it points at. */
	related: string;
	/** `user`: it hands the row to a person; `row`: it points at a business row. */
	kind: 'user' | 'row';
}

/** People named on a row without it becoming theirs (a reception's escorts come from any department): any user the caller can read. */
const NAMES_ONLY = new Set(['reception_escorts.user']);

/**
 * Every many-to-one a person may write (the schema's, less the fields only the flows write
 * and the read-only ones), so a new relation in the schema is checked without more code.
 */
export const writableRelations: Relation[] = collections.flatMap((c) =>
	c.fields
		.filter((f) => f.relation && !isFlowOwned(c.collection, f.field) && f.meta.readonly !== true)
		.map((f): Relation => ({
			collection: c.collection,
			field: f.field,
			related: f.relation!.related,
			kind: f.relation!.related === 'directus_users' && !NAMES_ONLY.has(`${c.collection}.${f.field}`) ? 'user' : 'row',
		})),
);

export const relationsOf = (collection: string): Relation[] =>
	writableRelations.filter((r) => r.collection === collection);

/**
 * The key a relation's value names: an id, or the id inside an object (an upsert of that
 * row). Null when it names none: cleared, or a new row created with it (guarded on its own).
 * Anything else is returned as its JSON text, which names no row.
 */
export function relatedKey(value: unknown): string | number | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number') return value;
	if (typeof value === 'object' && !Array.isArray(value)) {
		const id = (value as Record<string, unknown>).id;
		return id === null || id === undefined ? null : (relatedKey(id) ?? JSON.stringify(id));
	}
	return JSON.stringify(value) ?? String(value);
}

/** Whether `key` is written the way the database stores such keys (a user's uuid, a row's integer id). */
export const isKey = (kind: Relation['kind'], key: string | number): boolean =>
	kind === 'user' ? isUuid(key) : toId(key) !== null;

/** Whether `person` (with their supervisor) is within `scope` of `caller`. */
export const withinScope = (scope: Scope, caller: string, person: { id: string; reports_to: string | null }): boolean =>
	scope === 'all' || person.id === caller || (scope === 'team' && person.reports_to === caller);

/**
 * Whose row a row of each owned collection is: the user at this path (a plan item is its
 * plan's owner's, a contact its customer's). What a person's figures are computed from, and
 * whose rows a caller must be able to read to see them.
 */
export const OWNER_PATHS = {
	visit_plans: 'owner',
	visit_plan_items: 'plan.owner',
	visits: 'owner',
	customers: 'owner',
	contacts: 'customer.owner',
	revisits: 'owner',
	follow_ups: 'owner',
	complaints: 'owner',
	sales_orders: 'owner',
	expense_requests: 'requester',
	sales_targets: 'owner',
	lead_grade_changes: 'customer.owner',
	opportunities: 'owner',
	quotes: 'owner',
	// An order's schedules: a contract's drafts (no order yet) belong to no KPI.
	payment_schedules: 'order.owner',
	// Payments received for a person's orders (the collection target); their weekly and monthly reports.
	payments: 'order.owner',
	periodic_reports: 'owner',
	// A reception counts for its host (客户接待: reports on time).
	receptions: 'host',
} as const;

export type OwnedCollection = keyof typeof OWNER_PATHS;
