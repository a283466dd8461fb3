/**
 * The demo company (杭州, two sales teams), generated from the day it is first loaded:
 * the same anchor always yields the same rows with the same ids.
 */
import { makeCommerce } from './demo/commerce.ts';
import { makeCustomers } from './demo/customers.ts';
import { makeHistory } from './demo/history.ts';
import { users } from './demo/people.ts';
import { random } from './demo/random.ts';
import { chinaDate } from './demo/time.ts';

export { DEMO_PASSWORD, INTEGRATOR_TOKEN, type DemoUser } from './demo/people.ts';

export function demoData(anchor: Date) {
	const rnd = random(20_260_101);
	const today = chinaDate(anchor);
	const now = anchor.toISOString();
	const { customers, contacts } = makeCustomers(rnd);
	const history = makeHistory(rnd, today, now, customers);
	const commerce = makeCommerce(rnd, today, now, customers);
	return {
		users,
		customers,
		contacts,
		visit_plans: history.plans,
		visit_plan_items: history.items,
		visits: history.visits,
		visit_reports: history.reports,
		follow_ups: history.followUps,
		daily_reports: history.dailyReports,
		revisits: commerce.revisits,
		complaints: commerce.complaints,
		sales_orders: commerce.orders,
		expense_requests: history.expenses,
		visit_quota_rules: commerce.quotaRules,
		sales_targets: commerce.targets,
		approval_log: history.log,
	};
}

export type DemoData = ReturnType<typeof demoData>;
