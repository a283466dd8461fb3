/**
 * The demo company (a sales company in 杭州 with two sales teams), generated from the
 * instant it is first loaded (the anchor): last month's and this month's field work up to
 * the anchor, plans for the next week and month. Pure and deterministic: the same anchor
 * always yields the same rows with the same ids.
 */
import { commissionRules, makeCommission } from './demo/commission.ts';
import { makeAppraisals } from './demo/appraisals.ts';
import { makeCommerce } from './demo/commerce.ts';
import { makeCustomers } from './demo/customers.ts';
import { makeFieldWork } from './demo/history.ts';
import { makeGradeHistory } from './demo/leads.ts';
import { makeLedger } from './demo/ledger.ts';
import { users } from './demo/people.ts';
import { discountRules, products } from './demo/products.ts';
import { random } from './demo/random.ts';
import { makeReceivables, olderOrders } from './demo/receivables.ts';
import { makeReceptions } from './demo/receptions.ts';
import { makePeriodicReports } from './demo/reports.ts';
import { makeSales } from './demo/sales.ts';
import { makeTargets, quotaRules } from './demo/rules.ts';
import { addDays, at, clockAt } from './demo/time.ts';
import type { DemoData } from './demo/types.ts';

export { DEMO_PASSWORD, INTEGRATOR_TOKEN } from './demo/people.ts';
export type * from './demo/types.ts';

/** The PRNG seed: fixed, so only the anchor moves the data. */
const SEED = 20_260_101;

export function demoData(anchor: Date): DemoData {
	const rnd = random(SEED);
	const clock = clockAt(anchor);
	const { customers, contacts } = makeCustomers(rnd);
	// The churned were lost over the last half year, so the churn rate has a history.
	for (const c of customers)
		if (c.status === 'churned') c.churned_at = at(addDays(clock.today, -((c.id * 37) % 180) - 1), 16);
	const ledger = makeLedger(clock, rnd, customers, contacts);
	makeFieldWork(ledger);
	const { orders, complaints, revisits } = makeCommerce(rnd, clock, customers);
	// The orders from before the sales cycle (no contract), then those made by signing contracts.
	const historic = [...orders, ...olderOrders(clock, customers, orders)];
	const sales = makeSales(clock, customers, historic);
	const receivables = makeReceivables(clock, [...historic, ...sales.orders], sales.contracts);
	const targets = makeTargets(rnd, clock.today);
	const periodic = makePeriodicReports(clock, {
		visits: ledger.visits,
		orders: receivables.orders,
		payments: receivables.payments,
		log: [...ledger.log, ...sales.log, ...receivables.log],
	});
	const commission = makeCommission(clock, receivables.orders, receivables.payments);
	const appraisals = makeAppraisals(clock);
	const receptions = makeReceptions(clock, customers, ledger.followUps.length + 1, ledger.expenses.length + 1);
	// The log reads in time order, as the flows would have written it.
	const log = [
		...ledger.log,
		...sales.log,
		...receivables.log,
		...periodic.log,
		...targets.log,
		...commission.log,
		...appraisals.log,
		...receptions.log,
	].sort(
		(a, b) => a.at.localeCompare(b.at) || a.collection.localeCompare(b.collection) || Number(a.item) - Number(b.item),
	);
	return {
		users: users.map((u) => ({ ...u })),
		customers,
		contacts,
		visit_plans: ledger.plans,
		visit_plan_items: ledger.items,
		visits: ledger.visits,
		visit_reports: ledger.reports,
		follow_ups: [...ledger.followUps, ...receptions.followUps],
		daily_reports: ledger.dailyReports,
		revisits,
		complaints,
		sales_orders: receivables.orders,
		expense_requests: [...ledger.expenses, ...receptions.expenses],
		visit_quota_rules: quotaRules.map((r) => ({ ...r })),
		products: products.map((p) => ({ ...p })),
		discount_rules: discountRules.map((r) => ({ ...r })),
		opportunities: sales.opportunities,
		quotes: sales.quotes,
		quote_lines: sales.lines,
		contracts: sales.contracts,
		deliveries: receivables.deliveries,
		payment_schedules: receivables.schedules,
		payments: receivables.payments,
		sales_targets: targets.targets,
		approval_log: log.map((entry, n) => ({ id: n + 1, ...entry })),
		lead_grade_changes: makeGradeHistory(clock, customers),
		periodic_reports: periodic.reports,
		commission_rules: commissionRules.map((r) => ({ ...r, tiers: r.tiers.map((t) => ({ ...t })) })),
		commission_statements: commission.statements,
		appraisal_schemes: appraisals.schemes,
		appraisal_items: appraisals.items,
		appraisals: appraisals.appraisals,
		receptions: receptions.receptions,
		reception_escorts: receptions.escorts,
	};
}
