/**
 * The lead grade history of the demo customers (lead_grade_changes), ending at each one's
 * current grade, so that the lead funnel (H/A/B/C/O with conversions) has data. Derived from
 * the customer's id, not the PRNG, so the other demo rows stay as they were.
 */
import { workdayOnOrBefore, addDays, at } from './time.ts';
import type { Clock } from './time.ts';
import type { Customer, LeadGrade, LeadGradeChange } from './types.ts';

/** How a lead warms up until it orders. */
const LADDER: LeadGrade[] = ['C', 'B', 'A', 'H', 'O'];

export function makeGradeHistory(clock: Clock, customers: readonly Customer[]): LeadGradeChange[] {
	const changes: LeadGradeChange[] = [];
	for (const c of customers) {
		if (!c.lead_grade) continue;
		const last = LADDER.indexOf(c.lead_grade);
		// Some leads came in warm: the path starts anywhere up to the current grade.
		const path = LADDER.slice(c.id % (last + 1), last + 1);
		// The current grade was set 1–40 days ago, each earlier one 8–29 days before the next.
		let day = workdayOnOrBefore(addDays(clock.today, -(1 + ((c.id * 7) % 40))));
		const stamps: string[] = [];
		for (let n = path.length - 1; n >= 0; n--) {
			stamps.unshift(at(day, 10 + (c.id % 7), (c.id * 13) % 60));
			day = workdayOnOrBefore(addDays(day, -(8 + (((c.id + n) * 5) % 22))));
		}
		path.forEach((grade, n) =>
			changes.push({
				id: 0,
				customer: c.id,
				from_grade: n === 0 ? null : path[n - 1]!,
				to_grade: grade,
				changed_at: stamps[n]!,
				changed_by: c.owner,
			}),
		);
	}
	return changes
		.sort((a, b) => a.changed_at.localeCompare(b.changed_at) || a.customer - b.customer)
		.map((change, n) => ({ ...change, id: n + 1 }));
}
