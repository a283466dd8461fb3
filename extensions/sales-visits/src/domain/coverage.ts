/**
 * Plan-time coverage check (计划覆盖检查): which of the owner's customers a month plan leaves
 * short of their visit quota.
 *
 * For each active customer of the plan's owner with an applicable rule, take the rule's
 * calendar period that holds the plan month. Only a period that ends within the plan month
 * must be covered by this plan: a quarter or half year ending later can still be covered by
 * later plans. Covered = visits completed in the period so far + visits still scheduled or
 * in progress in the period + this plan's items for the customer that have no visit yet (an
 * item that has one counts through it). Plan items are on-site visits, so they count for
 * `onsite` and `any` rules alike; completed and scheduled visits count by the rule's channel.
 * Short = required − covered, when above zero.
 */
import type { ItemNote } from './action-model.ts';
import type { Language } from './language.ts';
import { applicableRule, periodOf, type QuotaCustomer, type QuotaPeriod, type QuotaRule } from './quota.ts';

/** Visits in one period: completed, and still to come (scheduled or in progress). */
export interface PeriodCounts {
	done: number;
	scheduled: number;
}

export type CountKey = `${QuotaPeriod}_${'any' | 'onsite'}`;

export interface CoverageFacts extends QuotaCustomer {
	id: number;
	name: string;
	/** Per period and channel (`month_any`, `quarter_onsite`, …); a missing key counts zero. */
	counts: Partial<Record<CountKey, PeriodCounts>>;
	/** This plan's items for the customer without a visit yet. */
	planned: number;
}

export interface Shortfall {
	customer: number;
	name: string;
	rule: { id: number; name: string; min_visits: number; period: QuotaPeriod; channel: 'onsite' | 'any' };
	period: { start: string; end: string };
	required: number;
	done: number;
	scheduled: number;
	planned: number;
	short: number;
}

/** Whether the `kind` period holding `month` (its first day) ends within that month. */
export const endsInMonth = (kind: QuotaPeriod, month: string): boolean =>
	periodOf(kind, month).end.slice(0, 7) === month.slice(0, 7);

/** The customers the plan for `month` leaves short, in the order given. */
export function coverageShortfalls(
	month: string,
	rules: readonly QuotaRule[],
	customers: readonly CoverageFacts[],
): Shortfall[] {
	const result: Shortfall[] = [];
	for (const c of customers) {
		const rule = applicableRule(rules, c);
		if (!rule || !endsInMonth(rule.period, month)) continue;
		const { done, scheduled } = c.counts[`${rule.period}_${rule.channel}`] ?? { done: 0, scheduled: 0 };
		const short = rule.min_visits - done - scheduled - c.planned;
		if (short <= 0) continue;
		result.push({
			customer: c.id,
			name: c.name,
			rule: { id: rule.id, name: rule.name, min_visits: rule.min_visits, period: rule.period, channel: rule.channel },
			period: periodOf(rule.period, month),
			required: rule.min_visits,
			done,
			scheduled,
			planned: c.planned,
			short,
		});
	}
	return result;
}

/** What the owner is told when a month plan goes up leaving customers short; null when it leaves none. */
export function submittedShort(count: number): Record<Language, string> | null {
	if (count <= 0) return null;
	return {
		'zh-CN': `提交成功；${count} 位客户未满足拜访频次，详见“拜访覆盖检查”`,
		'en-US': `Submitted; ${count} ${count === 1 ? 'customer is' : 'customers are'} left short of their visit quota, see the coverage check`,
	};
}

/** The note beside a submitted plan's state (its approver decides with it); none for a draft, whose check is not yet made. */
export function shortfallNote(status: string, count: number, language: Language): ItemNote | null {
	if (status === 'draft' || count <= 0) return null;
	return {
		key: 'plan.coverage',
		label: language === 'zh-CN' ? '未满足频次的客户' : 'Customers left short',
		value: String(count),
	};
}
