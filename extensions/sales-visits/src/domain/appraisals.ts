/**
 * 考核 (appraisal): a scheme's items scored from the period's KPI values, the score's level from
 * the scheme's bands, and who approves. Pure: flow/appraisals.ts reads the counters and writes.
 *
 * 大客户经理/专员绩效考核指标: 销售完成率 25分（实际完成销售额÷计划完成销售额×100%，考核标准为
 * 100%，每低于5%，扣除该项1分）… 考核得分低于××分者，将受到口头警告处分.
 *
 * Values and targets are in the KPI's unit, a ratio in percent (0–100: `report_on_time` 95 means
 * 95 %), a count or an amount as counted (domain/kpi.ts). Each item scores between 0 and its weight:
 * - `linear`: weight × min(value / target, 1); where lower is better (`better: 'lower'`, e.g.
 *   `expense_vs_budget`) weight × min(target / value, 1).
 * - `step`: weight − step_points × ⌊shortfall / step_percent⌋, not below 0. The shortfall is
 *   in percentage points: target − value for a ratio; for a count or an amount the gap as a
 *   percentage of the target. Where lower is better the shortfall is the overshoot.
 * A KPI with nothing to measure in the period (no denominator: no report due, no budget) has
 * missed nothing and scores its full weight. Points are rounded to 2 decimals each; the score is
 * their sum.
 */
import { generalManagerLabel, type Caller, type Person } from './approval.ts';
import { appraisalLevels, type Label } from './choices.ts';
import type { KpiDefinition } from './kpi.ts';
import { refusal, type FlowRefusal } from './refusals.ts';

export type AppraisalLevel = keyof typeof appraisalLevels;
export type Scoring = 'linear' | 'step';
export type AppraisalPeriodType = 'month' | 'quarter' | 'year';

export interface AppraisalItem {
	kpi: string;
	weight: number;
	target: number;
	scoring: Scoring;
	step_percent?: number | null;
	step_points?: number | null;
}

/** A score band: the level holds from `min` (inclusive) up to the next band's min. */
export interface LevelBand {
	level: AppraisalLevel;
	min: number;
	/** What the level means for the person (考核结果的奖惩), in both languages. */
	consequence?: Label | null;
}

export interface ItemScore {
	kpi: string;
	/** Null when the KPI had nothing to measure in the period. */
	value: number | null;
	target: number;
	points: number;
	weight: number;
}

export const round2 = (n: number): number => Math.round((n + Math.sign(n) * Number.EPSILON) * 100) / 100;

/** A KPI's value as an appraisal reads it: a ratio in percent, a count or an amount as counted; null without a denominator. */
export function appraisalValue(
	kpi: Pick<KpiDefinition, 'unit'>,
	numerator: number,
	denominator: number | null,
): number | null {
	if (kpi.unit !== 'ratio') return numerator;
	return denominator ? (numerator / denominator) * 100 : null;
}

/** The points one item earns for `value`, between 0 and its weight. */
export function itemPoints(
	item: AppraisalItem,
	value: number | null,
	kpi: Pick<KpiDefinition, 'unit' | 'better'>,
): number {
	const { weight, target } = item;
	if (value === null) return weight;
	const lower = kpi.better === 'lower';
	if (item.scoring === 'linear') {
		if (lower) return value <= target ? weight : weight * Math.min(target / value, 1);
		return target <= 0 ? weight : weight * Math.min(value / target, 1);
	}
	const gap = lower ? value - target : target - value;
	if (gap <= 0) return weight;
	const shortfall = kpi.unit === 'ratio' ? gap : target > 0 ? (gap / target) * 100 : Infinity;
	const stepPercent = Number(item.step_percent);
	const stepPoints = Number(item.step_points);
	if (!(stepPercent > 0) || !(stepPoints > 0)) return weight;
	// A shortfall of exactly 5.000000001 points (float division) still counts one step.
	const steps = Math.floor(shortfall / stepPercent + 1e-9);
	return Math.max(0, weight - stepPoints * steps);
}

/** The scheme's items scored: each item's points and the total, both to 2 decimals. */
export function scoreAppraisal(
	items: readonly AppraisalItem[],
	valueOf: (kpi: string) => number | null,
	kpiOf: (kpi: string) => Pick<KpiDefinition, 'unit' | 'better'> | undefined,
): { score: number; item_scores: ItemScore[] } {
	const item_scores = items.map((item) => {
		const kpi = kpiOf(item.kpi) ?? { unit: 'ratio' as const, better: 'higher' as const };
		const value = valueOf(item.kpi);
		return {
			kpi: item.kpi,
			value: value === null ? null : round2(value),
			target: Number(item.target),
			points: round2(itemPoints(item, value, kpi)),
			weight: Number(item.weight),
		};
	});
	return { score: round2(item_scores.reduce((sum, s) => sum + s.points, 0)), item_scores };
}

/** The band the score falls in: the highest `min` not above it; `fail` below every band. */
export function levelOf(bands: readonly LevelBand[], score: number): AppraisalLevel {
	const reached = [...bands].sort((a, b) => b.min - a.min).find((b) => score >= b.min);
	return reached?.level ?? 'fail';
}

/** Weights of a scheme add up to 100 (to the cent, as they are stored). */
export function weightsProblem(scheme: string, weights: readonly number[]): FlowRefusal | null {
	const total = round2(weights.reduce((sum, w) => sum + Number(w), 0));
	return total === 100 ? null : refusal(409, 'appraisal_weights', { scheme, total: String(total) });
}

/** An item's own numbers: a weight 0–100, a target above 0, a step's size and points. */
export function itemProblem(item: Partial<AppraisalItem>): FlowRefusal | null {
	const weight = Number(item.weight);
	const target = Number(item.target);
	if (!(weight >= 0 && weight <= 100) || !(target > 0)) return refusal(400, 'appraisal_item');
	if (item.scoring === 'step' && !(Number(item.step_percent) > 0 && Number(item.step_points) > 0))
		return refusal(400, 'appraisal_item');
	return null;
}

/** The levels field: a list of bands, each level once, each min 0–100. */
export function levelsProblem(levels: unknown): FlowRefusal | null {
	if (levels === null || levels === undefined) return null;
	const list = typeof levels === 'string' ? safeParse(levels) : levels;
	if (!Array.isArray(list)) return refusal(400, 'appraisal_levels');
	const seen = new Set<string>();
	for (const band of list as LevelBand[]) {
		const ok =
			band !== null &&
			typeof band === 'object' &&
			band.level in appraisalLevels &&
			!seen.has(band.level) &&
			typeof band.min === 'number' &&
			band.min >= 0 &&
			band.min <= 100;
		if (!ok) return refusal(400, 'appraisal_levels');
		seen.add(band.level);
	}
	return null;
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/** `YYYY-MM` → month, `YYYY-Qn` → quarter, `YYYY` → year; null when malformed. */
export function appraisalPeriodType(key: string): AppraisalPeriodType | null {
	if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return 'month';
	if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
	if (/^\d{4}$/.test(key)) return 'year';
	return null;
}

/** The key of the period of `type` that ended last before `today` (a date YYYY-MM-DD). */
export function lastEndedPeriod(type: AppraisalPeriodType, today: string): string {
	const year = Number(today.slice(0, 4));
	const month = Number(today.slice(5, 7));
	if (type === 'year') return String(year - 1);
	if (type === 'quarter') {
		const q = Math.ceil(month / 3);
		return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
	}
	return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * 考核审批: the next level up from the person's manager approves: the manager's own `reports_to`,
 * or any General Manager (a manager's appraisal is a General Manager's). Neither the person nor
 * their direct manager (who comments) approves it; an Administrator may stand in.
 */
export function appraisalApproverProblem(
	caller: Caller,
	person: Person,
	/** The `reports_to` of the person's manager. */
	managersManager: string | null,
	action: Label,
): FlowRefusal | null {
	if (caller.id === person.id && caller.id !== '') return refusal(403, 'self_approval');
	if (caller.admin || caller.position === 'general_manager') return null;
	if (managersManager !== null && caller.id === managersManager && caller.id !== person.reports_to) return null;
	return refusal(403, 'not_approver', { action, approver: generalManagerLabel });
}
