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
} as const;

export type OwnedCollection = keyof typeof OWNER_PATHS;
