/**
 * 离职交接: when a rep leaves, their customers and open work move to another rep of the same
 * team. A manager hands over within their team (both people report to them), an Administrator
 * anyone's to anyone of the same team. Pure: the API shell reads the people and customers and
 * moves the rows with set-based SQL in one transaction.
 */
import type { Caller } from './approval.ts';
import { refusal, type FlowRefusal } from './refusals.ts';

export interface HandoverPerson {
	id: string;
	status: string | null;
	reports_to: string | null;
}

/** What counts as open work, per collection: the rows that move with their customer. */
export const openWork = {
	visits: { column: 'status', open: ['scheduled'] },
	follow_ups: { column: 'status', open: ['open'] },
	revisits: { column: 'status', open: ['scheduled'] },
	opportunities: { column: 'stage', closed: ['won', 'lost'] },
	quotes: { column: 'status', closed: ['accepted', 'expired'] },
} as const satisfies Record<string, { column: string; open?: readonly string[]; closed?: readonly string[] }>;

/** Why `caller` may not hand `from`'s customers to `to`; null when they may. */
export function handoverProblem(
	caller: Caller,
	from: HandoverPerson | null,
	to: HandoverPerson | null,
): FlowRefusal | null {
	if (!caller.admin && caller.position !== 'manager') return refusal(403, 'handover_not_manager');
	if (!from || !to) return refusal(400, 'handover_people');
	if (from.id === to.id) return refusal(400, 'handover_people');
	if (!caller.admin && (from.reports_to !== caller.id || to.reports_to !== caller.id))
		return refusal(403, 'handover_not_manager');
	if (to.status !== 'active') return refusal(409, 'handover_inactive');
	if (!from.reports_to || to.reports_to !== from.reports_to) return refusal(409, 'handover_team');
	return null;
}

/** The customers asked for that `from` does not own (or that do not exist). */
export const notOwned = (asked: readonly number[], owned: ReadonlySet<number>): number[] =>
	asked.filter((id) => !owned.has(id));

/** The body's customer list: absent (all of them) or whole numbers; null when it is neither. */
export function readCustomerList(value: unknown): number[] | 'all' | null {
	if (value === undefined || value === null) return 'all';
	if (!Array.isArray(value) || value.length === 0) return null;
	const ids = value.map(Number);
	return ids.every((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647) ? [...new Set(ids)] : null;
}
