/**
 * The receivables KPIs' rules (大客户部考核指标: 合同回款率、销售合同结算率, and 应收账款账龄).
 *
 * - 合同回款率 = 合同实际回款金额 / 合同约定应回款金额: of the schedules due in the period (by
 *   `due_date`, orders not cancelled), what has been collected on them so far / what they ask.
 * - 销售合同结算率 = 销售合同结算实际达成数 / 销售合同结算计划完成数: an order is due to be
 *   settled (结算) in the month its last schedule falls due; it is settled once payments cover it
 *   (status `paid`, domain/receivables.ts orderStatus). Orders due to settle in the period, settled
 *   so far / orders due to settle in the period (not cancelled).
 * - 账龄: the open amounts (amount − paid of schedules not paid) by days past due as of today, in
 *   the buckets of domain/receivables.ts agingBucket; not yet due apart.
 */
import type { AgingBucket } from './receivables.ts';
import { addDays } from './zoned-time.ts';

/** Days past due each bucket holds, inclusive (null: no upper end); agingBucket's buckets (a unit test holds them equal). */
export const AGING_DAYS: Record<AgingBucket, readonly [number, number | null]> = {
	d0_30: [1, 30],
	d31_60: [31, 60],
	d61_90: [61, 90],
	over_90: [91, null],
};

export const AGING_BUCKETS = Object.keys(AGING_DAYS) as AgingBucket[];

/** The due dates a bucket holds as of `today` (YYYY-MM-DD): from (null: any earlier) to, inclusive. */
export function agingDueDates(bucket: AgingBucket, today: string): { from: string | null; to: string } {
	const [least, most] = AGING_DAYS[bucket];
	return { from: most === null ? null : addDays(today, -most), to: addDays(today, -least) };
}
