/**
 * The rows being generated and what every generator needs to add to them: the clock,
 * the PRNG, the customers and the approval log. Ids are handed out in creation order,
 * which only depends on the anchor, so the same anchor always yields the same ids.
 */
import type { Random } from './random.ts';
import type { Clock } from './time.ts';
import type {
	ApprovalLogEntry,
	Contact,
	Customer,
	DailyReport,
	ExpenseRequest,
	FollowUp,
	Visit,
	VisitPlan,
	VisitPlanItem,
	VisitReport,
} from './types.ts';

export interface Ledger {
	clock: Clock;
	rnd: Random;
	customers: Customer[];
	contacts: Contact[];
	plans: VisitPlan[];
	items: VisitPlanItem[];
	visits: Visit[];
	reports: VisitReport[];
	followUps: FollowUp[];
	expenses: ExpenseRequest[];
	dailyReports: DailyReport[];
	log: Omit<ApprovalLogEntry, 'id'>[];
	/** Running counts that rotate outcomes (report fates, geofence misses…) evenly. */
	counters: Record<string, number>;
}

export function makeLedger(clock: Clock, rnd: Random, customers: Customer[], contacts: Contact[]): Ledger {
	return {
		clock,
		rnd,
		customers,
		contacts,
		plans: [],
		items: [],
		visits: [],
		reports: [],
		followUps: [],
		expenses: [],
		dailyReports: [],
		log: [],
		counters: {},
	};
}

/** The next value of a named counter, from 0. */
export const tick = (ledger: Ledger, name: string): number => {
	const n = ledger.counters[name] ?? 0;
	ledger.counters[name] = n + 1;
	return n;
};

export const customerById = (ledger: Ledger, id: number): Customer => ledger.customers.find((c) => c.id === id)!;

/** Customers a person works with: their own, minus those lost. */
export const ownCustomers = (ledger: Ledger, owner: string): Customer[] =>
	ledger.customers.filter((c) => c.owner === owner && c.status !== 'churned');

/** One approval_log row per status transition (plans, applications, expenses). */
export function logTransition(
	ledger: Ledger,
	collection: ApprovalLogEntry['collection'],
	item: number,
	from: string | null,
	to: string,
	actor: string,
	at: string,
	comment: string | null = null,
): void {
	ledger.log.push({ collection, item: String(item), from_status: from, to_status: to, actor, at, comment });
}
