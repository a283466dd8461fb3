/**
 * Lead-grade cadence (意向等级跟进) as car dealers grade leads: H buys within 7 days, A within
 * 15, B within 30, C within 2–3 months, O has ordered. Each grade has a follow-up interval in
 * days (visit_settings `lead_interval_*_days`).
 *
 * The clock starts at the later of the last contact (the latest check-out of a completed
 * visit, or a done revisit 回访) and the moment the customer got its current grade: a regrade
 * is itself a contact, and a customer with no contact since being graded counts from the
 * grading. The follow-up falls
 * due `interval` days after that day; it is due from that day on, overdue by the days past it.
 */
import { leadGrades } from './choices.ts';
import { addDays } from './zoned-time.ts';

export type LeadGrade = keyof typeof leadGrades;
export const LEAD_GRADES = Object.keys(leadGrades) as LeadGrade[];

export type LeadIntervals = Record<LeadGrade, number>;

export interface LeadDue {
	/** The day the clock starts (`YYYY-MM-DD`), or null when neither a contact nor a grading is known. */
	since: string | null;
	due_date: string;
	overdue_days: number;
	due: boolean;
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) =>
	Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** When a customer of `grade` is next due for a contact; days are local `YYYY-MM-DD`. */
export function leadDue(
	grade: LeadGrade,
	intervals: LeadIntervals,
	lastContact: string | null,
	gradedOn: string | null,
	today: string,
): LeadDue {
	const since = lastContact && gradedOn ? (lastContact > gradedOn ? lastContact : gradedOn) : (lastContact ?? gradedOn);
	// Nothing known: due now.
	const due_date = since ? addDays(since, intervals[grade]) : today;
	const overdue_days = Math.max(0, daysBetween(due_date, today));
	return { since, due_date, overdue_days, due: due_date <= today };
}

/** The settings' intervals by grade. */
export const intervalsOf = (settings: Record<`lead_interval_${Lowercase<LeadGrade>}_days`, number>): LeadIntervals =>
	Object.fromEntries(
		LEAD_GRADES.map((g) => [g, settings[`lead_interval_${g.toLowerCase() as Lowercase<LeadGrade>}_days`]]),
	) as LeadIntervals;

export interface GradeChange {
	customer: number;
	from_grade: LeadGrade | null;
	to_grade: LeadGrade | null;
	/** ISO instant or `YYYY-MM-DD`: compared as text against the period. */
	changed_at: string;
}

/**
 * The lead grade funnel of the period from `start` up to (not including) `end` (KPI “lead grade funnel H/A/B/C/O with
 * conversions”): per grade, the customers that held it at some point in the period (graded
 * into it in the period, or holding it when the period began), and how many of those reached
 * O before `end`. Times are ISO text (a bare date is its midnight). Conversion = converted / reached (null when none reached it).
 */
export function gradeFunnel(changes: readonly GradeChange[], start: string, end: string) {
	const { held, ordered } = heldInPeriod(changes, start, end);
	return LEAD_GRADES.map((grade) => {
		const reached = held.get(grade)!;
		const converted = grade === 'O' ? reached.size : [...reached].filter((c) => ordered.has(c)).length;
		return { grade, reached: reached.size, converted, conversion: reached.size ? converted / reached.size : null };
	});
}

/** Lead conversion over the same period: the customers that held H, A, B or C in it, and how many of them reached O. */
export function leadConversion(
	changes: readonly GradeChange[],
	start: string,
	end: string,
): { converted: number; leads: number } {
	const { held, ordered } = heldInPeriod(changes, start, end);
	const leads = new Set(LEAD_GRADES.filter((g) => g !== 'O').flatMap((g) => [...held.get(g)!]));
	return { converted: [...leads].filter((c) => ordered.has(c)).length, leads: leads.size };
}

/** Per grade the customers that held it in the period, and those graded O in it. */
function heldInPeriod(changes: readonly GradeChange[], start: string, end: string) {
	const held = new Map<LeadGrade, Set<number>>(LEAD_GRADES.map((g) => [g, new Set()]));
	const ordered = new Set<number>();
	const atStart = new Map<number, LeadGrade | null>();
	for (const c of [...changes].sort((a, b) => a.changed_at.localeCompare(b.changed_at))) {
		if (c.changed_at < start) atStart.set(c.customer, c.to_grade);
		else if (c.changed_at < end) {
			if (c.to_grade) held.get(c.to_grade)!.add(c.customer);
			if (c.to_grade === 'O') ordered.add(c.customer);
		}
	}
	for (const [customer, grade] of atStart) if (grade) held.get(grade)!.add(customer);
	return { held, ordered };
}
