/**
 * 目标达成 (target attainment), person × month: a person's signed sales (orders not cancelled)
 * against their approved month targets (not one a newer approved revision replaced), as the KPI
 * 销售完成率 counts them. Pure: flow/target-attainment.ts reads the counters, this adds them up.
 */
import { toCents } from './money.ts';

/** A counter row as read: an owner's month (YYYY-MM), metric and amount. */
export interface AttainmentCount {
	owner: string;
	month: string;
	metric: 'target_sales' | 'signed';
	n: unknown;
}

export interface AttainmentCell {
	/** Cents; null when withheld. */
	target: number | null;
	actual: number | null;
	/** actual / target; null without a target or when either is withheld. */
	rate: number | null;
}

export interface AttainmentLine {
	owner: string;
	months: AttainmentCell[];
	total: AttainmentCell;
}

/** Attainment: what was signed over the target, none without a target. */
export const attainmentRate = (actual: number | null, target: number | null): number | null =>
	actual === null || target === null || target <= 0 ? null : actual / target;

const cell = (target: number | null, actual: number | null): AttainmentCell => ({
	target,
	actual,
	rate: attainmentRate(actual, target),
});

/**
 * One line per owner (in the given order) of the year's 12 months and the year, in cents; the
 * targets or the sales the caller may not read are null everywhere.
 */
export function attainmentLines(
	year: number,
	owners: readonly string[],
	counts: readonly AttainmentCount[],
	withheld: { targets: boolean; sales: boolean },
): AttainmentLine[] {
	const sums = new Map<string, number>();
	for (const c of counts) {
		const key = `${c.owner}|${c.month}|${c.metric}`;
		sums.set(key, (sums.get(key) ?? 0) + (toCents(c.n) ?? 0));
	}
	const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
	return owners.map((owner) => {
		const target = months.map((m) => (withheld.targets ? null : (sums.get(`${owner}|${m}|target_sales`) ?? 0)));
		const actual = months.map((m) => (withheld.sales ? null : (sums.get(`${owner}|${m}|signed`) ?? 0)));
		const total = (xs: (number | null)[]) =>
			xs.some((x) => x === null) ? null : xs.reduce<number>((a, b) => a + b!, 0);
		return {
			owner,
			months: months.map((_, i) => cell(target[i]!, actual[i]!)),
			total: cell(total(target), total(actual)),
		};
	});
}
