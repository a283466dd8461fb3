/**
 * Visit quotas (拜访次数: 本市每个月1次, 本省3个月1次, 其它地区半年1次; A类客户…次): which rule
 * applies to a customer, the calendar period it counts in, and how a customer stands.
 */
import { addDays } from './zoned-time.ts';

export type QuotaPeriod = 'month' | 'quarter' | 'half_year' | 'year';
export type QuotaStatus = 'met' | 'on_track' | 'at_risk' | 'missed';

export interface QuotaRule {
	id: number;
	name: string;
	tier: string | null;
	category: string | null;
	region_scope: string | null;
	/** The owner's position; null = any. */
	position: string | null;
	min_visits: number;
	period: QuotaPeriod;
	/** `onsite`: only on-site visits count; `any`: calls and video too. */
	channel: 'onsite' | 'any';
	priority: number;
	active: boolean;
}

export interface QuotaCustomer {
	tier: string | null;
	category: string | null;
	region_scope: string | null;
	owner_position: string | null;
}

const MATCHED = ['tier', 'category', 'region_scope'] as const;

/** How many of the rule's conditions are set: a rule that names more is more specific. */
const specificity = (r: QuotaRule) => MATCHED.filter((k) => r[k] !== null).length + (r.position !== null ? 1 : 0);

const matches = (r: QuotaRule, c: QuotaCustomer) =>
	r.active &&
	MATCHED.every((k) => r[k] === null || r[k] === c[k]) &&
	(r.position === null || r.position === c.owner_position);

/** The most specific active rule that matches; `priority` breaks ties, then the lower id. */
export function applicableRule(rules: readonly QuotaRule[], customer: QuotaCustomer): QuotaRule | null {
	let best: QuotaRule | null = null;
	for (const r of rules) {
		if (!matches(r, customer)) continue;
		if (
			!best ||
			specificity(r) > specificity(best) ||
			(specificity(r) === specificity(best) &&
				(r.priority > best.priority || (r.priority === best.priority && r.id < best.id)))
		)
			best = r;
	}
	return best;
}

const MONTHS: Record<QuotaPeriod, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

/** The calendar-aligned period of `kind` that holds `date`: first and last day. */
export function periodOf(kind: QuotaPeriod, date: string): { start: string; end: string } {
	const [y, m] = date.split('-').map(Number) as [number, number];
	const span = MONTHS[kind];
	const first = Math.floor((m - 1) / span) * span;
	const start = new Date(Date.UTC(y, first, 1)).toISOString().slice(0, 10);
	const end = addDays(new Date(Date.UTC(y, first + span, 1)).toISOString().slice(0, 10), -1);
	return { start, end };
}

export interface Standing {
	required: number;
	done: number;
	remaining: number;
	status: QuotaStatus;
}

/**
 * How a customer stands on `today`: met, missed (the period is over), or on track / at risk.
 * At risk: the visits still owed do not fit in the working days left at the owner's usual
 * pace (their completed visits per working day lately), or there are more of them than days.
 */
export function standing(
	required: number,
	done: number,
	period: { end: string },
	today: string,
	workdaysLeft: number,
	ownerPace: number,
	ownerBacklog: number,
): Standing {
	const remaining = Math.max(0, required - done);
	if (remaining === 0) return { required, done, remaining, status: 'met' };
	if (today > period.end) return { required, done, remaining, status: 'missed' };
	const fits = remaining <= workdaysLeft && ownerBacklog <= ownerPace * workdaysLeft;
	return { required, done, remaining, status: fits ? 'on_track' : 'at_risk' };
}
