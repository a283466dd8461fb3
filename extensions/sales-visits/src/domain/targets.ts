/**
 * Targets (业绩目标): 年度目标 set by a General Manager for the company, broken down by team, by
 * person and by month (年度目标 … 月度分解), each level approved by the next one up and confirmed by
 * the person (个人目标确认书). Pure: the split arithmetic and who may split; flow/targets.ts reads
 * the rows and writes the children.
 */
import { generalManagerLabel, type Caller, type Person } from './approval.ts';
import type { Label } from './choices.ts';
import { fromCents, toCents } from './money.ts';
import { refusal, type FlowRefusal } from './refusals.ts';

/** The amounts a target carries: money and quantity in cents (two decimals), counts in whole units. */
export const CENT_FIELDS = ['sales_amount', 'quantity', 'collection_amount', 'expense_budget'] as const;
export const UNIT_FIELDS = ['new_customers', 'visits', 'revisits', 'calls'] as const;
export type AmountField = (typeof CENT_FIELDS)[number] | (typeof UNIT_FIELDS)[number];
export const AMOUNT_FIELDS: readonly AmountField[] = [...CENT_FIELDS, ...UNIT_FIELDS];

/** A target's amounts in integer units (cents for CENT_FIELDS); null when not set. */
export type Amounts = Record<AmountField, number | null>;

const isCents = (field: AmountField) => (CENT_FIELDS as readonly string[]).includes(field);

/** A row's amounts in integer units (cents for money and quantity). */
export const amountsOf = (row: Record<string, unknown>): Amounts =>
	Object.fromEntries(
		AMOUNT_FIELDS.map((f) => {
			const value = row[f];
			if (value === null || value === undefined) return [f, null];
			return [f, isCents(f) ? toCents(value) : Math.round(Number(value))];
		}),
	) as Amounts;

/** Amounts back as column values. */
export const columnsOf = (amounts: Amounts): Record<string, unknown> =>
	Object.fromEntries(
		AMOUNT_FIELDS.map((f) => {
			const value = amounts[f];
			return [f, value === null ? null : isCents(f) ? fromCents(value) : value];
		}),
	);

/** The measures, as a refusal names them. */
const amountLabels: Record<AmountField, Label> = {
	sales_amount: { 'zh-CN': '销售额', 'en-US': 'sales' },
	quantity: { 'zh-CN': '销售数量', 'en-US': 'quantity' },
	collection_amount: { 'zh-CN': '回款额', 'en-US': 'collections' },
	expense_budget: { 'zh-CN': '费用预算', 'en-US': 'expense budget' },
	new_customers: { 'zh-CN': '新客户数', 'en-US': 'new customers' },
	visits: { 'zh-CN': '拜访次数', 'en-US': 'visits' },
	revisits: { 'zh-CN': '回访次数', 'en-US': 'revisits' },
	calls: { 'zh-CN': '电话拜访次数', 'en-US': 'calls' },
};

/**
 * 分解合计: the children a split made (their first revisions) add up to the parent's amounts when
 * one of them goes up for approval, as the split left them: a draft edited by hand may have moved
 * one. A measure the parent does not set is the children's own.
 */
export function splitSumProblem(parent: Amounts, children: readonly Amounts[]): FlowRefusal | null {
	for (const field of AMOUNT_FIELDS) {
		const total = parent[field];
		if (total === null) continue;
		const sum = children.reduce((a, child) => a + (child[field] ?? 0), 0);
		if (sum === total) continue;
		const shown = (n: number) => (isCents(field) ? fromCents(n) : String(n));
		return refusal(409, 'target_split_sum', { measure: amountLabels[field], sum: shown(sum), total: shown(total) });
	}
	return null;
}

/** The most people one split may name: a team is never this large. */
export const SHARES_MAX = 500;

/** Weights in millionths, so that a division of integers decides every cent. */
const units = (weight: number): bigint => BigInt(Math.round(weight * 1_000_000));

/**
 * 分解: `total` (integer units) split in proportion to `weights` — each child but the last gets
 * ⌊total × weight / Σ weights⌋ (weights read to the millionth), the last the rest — so the
 * children add up to the total exactly and the rounding remainder lands on the last child.
 * The weights are valid (weightsProblem / sharesProblem) and not all zero.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
	const w = weights.map(units);
	const whole = w.reduce((a, b) => a + b, 0n);
	const t = BigInt(total);
	const out: number[] = [];
	let given = 0n;
	for (let i = 0; i < w.length - 1; i++) {
		const part = (t * w[i]!) / whole;
		out.push(Number(part));
		given += part;
	}
	out.push(Number(t - given));
	return out;
}

/** Every amount of a parent split by the weights; an amount not set stays unset on every child. */
export function splitAmounts(parent: Amounts, weights: readonly number[]): Amounts[] {
	const children: Amounts[] = weights.map(() => ({}) as Amounts);
	for (const field of AMOUNT_FIELDS) {
		const total = parent[field];
		const parts = total === null ? weights.map(() => null) : allocate(total, weights);
		parts.forEach((part, i) => (children[i]![field] = part));
	}
	return children;
}

const isWeight = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1e9;

/** 月度分解权重: 12 non-negative numbers, one per month from January, not all zero. */
export function weightsProblem(weights: unknown): FlowRefusal | null {
	if (!Array.isArray(weights) || weights.length !== 12 || !weights.every(isWeight))
		return refusal(422, 'target_weights');
	return weights.some((w) => units(w) > 0n) ? null : refusal(422, 'target_weights_zero');
}

/** 按人分解: `{ "<user id>": share }`, 1 to SHARES_MAX people, non-negative shares, not all zero. */
export function sharesProblem(shares: unknown): FlowRefusal | null {
	const entries = typeof shares === 'object' && shares !== null && !Array.isArray(shares) ? Object.entries(shares) : [];
	if (entries.length === 0 || entries.length > SHARES_MAX || !entries.every(([, v]) => isWeight(v)))
		return refusal(422, 'target_shares', { max: String(SHARES_MAX) });
	return entries.some(([, v]) => units(v as number) > 0n) ? null : refusal(422, 'target_weights_zero');
}

/**
 * The default month weights: last year's signed sales of the person or team per month (cents,
 * January first), so that the year breaks down as last year went; equal months when there were none.
 */
export const defaultWeights = (lastYear: readonly number[]): number[] =>
	lastYear.some((c) => c > 0) ? lastYear.map((c) => Math.max(c, 0)) : lastYear.map(() => 1);

export type PeriodType = 'year' | 'quarter' | 'month';

/** The first days of the months of a year or quarter starting on `start` (YYYY-MM-DD). */
export function monthsOf(periodType: PeriodType, start: string): string[] {
	const year = Number(start.slice(0, 4));
	const first = Number(start.slice(5, 7));
	const count = periodType === 'year' ? 12 : periodType === 'quarter' ? 3 : 1;
	return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}-01`);
}

/** The weights of the months of the period (a quarter takes its three), refused when they are all zero. */
export function periodWeights(
	periodType: PeriodType,
	start: string,
	weights: readonly number[],
): number[] | FlowRefusal {
	const first = Number(start.slice(5, 7)) - 1;
	const picked = weights.slice(first, first + monthsOf(periodType, start).length);
	return picked.some((w) => units(w) > 0n) ? picked : refusal(422, 'target_weights_zero');
}

/** Whose target it is: the company's (neither team nor owner), a team's (its manager) or a person's. */
export type TargetLevel = 'company' | 'team' | 'person';

export const targetLevel = (row: { team?: unknown; owner?: unknown }): TargetLevel =>
	row.owner ? 'person' : row.team ? 'team' : 'company';

/** The parent as the split sees it. */
export interface SplitParent {
	level: TargetLevel;
	period_type: PeriodType;
	status: string;
	/** The team's manager or the person; null for the company. */
	subject: Person | null;
	/** Rows already split from it. */
	children: number;
}

/** The company's targets have no person: this names it. */
export const companyLabel: Label = { 'zh-CN': '公司', 'en-US': 'the company' };

/**
 * Who breaks a target down: a General Manager the company's year, the team's manager the team's,
 * the person's manager (reports_to) the person's; a General Manager or an Administrator stands
 * in for any. Only an approved target is broken down, once; by people from the company to teams
 * and from a team to its people, by months a year or a quarter.
 */
export function splitProblem(caller: Caller, parent: SplitParent, byPeople: boolean): FlowRefusal | null {
	const setter = setterKey(parent.level, parent.subject);
	if (!caller.admin && caller.position !== 'general_manager' && caller.id !== setter)
		return refusal(403, 'target_split_by', {
			who: parent.level === 'company' ? generalManagerLabel : (parent.subject?.name ?? companyLabel),
		});
	if (parent.status !== 'approved') return refusal(409, 'target_split_unapproved');
	if (parent.children > 0) return refusal(409, 'target_split_twice');
	if (byPeople && parent.level === 'person') return refusal(409, 'target_split_person');
	if (!byPeople && parent.period_type === 'month') return refusal(409, 'target_split_month');
	return null;
}

/**
 * Who a share may name: a manager's team for a company target, a person who reports to the team's
 * manager for a team target.
 */
export function sharePersonProblem(parent: SplitParent, person: Person | null, key: string): FlowRefusal | null {
	const fits = person !== null && mayShareTo(parent, person);
	return fits ? null : refusal(422, 'target_share_person', { person: person?.name ?? key.slice(0, 64) });
}

/** Whether a share of `parent` may name `person` (the split screen lists exactly these). */
export const mayShareTo = (
	parent: Pick<SplitParent, 'level' | 'subject'>,
	person: Pick<Person, 'position' | 'reports_to'>,
): boolean => (parent.level === 'company' ? person.position === 'manager' : person.reports_to === parent.subject?.id);

/** What the transitions need to know about a target, read under lock. */
export interface TargetFacts {
	level: TargetLevel;
	/** Who sets it: the team's manager for a team's, the person's manager for a person's; null for the company's. */
	setter: Person | null;
	/** Who submitted it last. */
	submitted_by: string | null;
	confirmed_at: string | null;
	/** The revision made from it, when there is one. */
	newer_revision: number | null;
}

/** The setter submits and revises; a General Manager sets the company's; an Administrator stands in. */
export function targetSetterProblem(caller: Caller, target: TargetFacts, action: Label): FlowRefusal | null {
	if (caller.admin) return null;
	if (target.setter === null)
		return caller.position === 'general_manager'
			? null
			: refusal(403, 'target_not_setter', { action, who: generalManagerLabel });
	return caller.id === target.setter.id ? null : refusal(403, 'target_not_setter', { action, who: target.setter.name });
}

/**
 * 下级目标由上级批准: the setter's `reports_to` or any General Manager approves (a company target: a
 * General Manager); nobody approves a target that is theirs, that they set or that they submitted.
 */
export function targetApproverProblem(
	caller: Caller,
	subject: Person,
	target: TargetFacts,
	action: Label,
): FlowRefusal | null {
	if ([subject.id, target.setter?.id, target.submitted_by].includes(caller.id) && caller.id !== '')
		return refusal(403, 'self_approval');
	if (caller.admin || caller.position === 'general_manager') return null;
	const above = target.setter?.reports_to ?? null;
	return above !== null && caller.id === above
		? null
		: refusal(403, 'not_approver', { action, approver: generalManagerLabel });
}

/** A target is confirmed once; it is revised once (the newer revision is the one to change). */
export function targetItemProblem(action: string, target: TargetFacts): FlowRefusal | null {
	if (action === 'confirm' && target.confirmed_at !== null) return refusal(409, 'target_confirmed');
	if (action === 'revise' && target.newer_revision !== null)
		return refusal(409, 'target_revised', { revision: String(target.newer_revision) });
	return null;
}

/** Who sets a target: nobody below a General Manager for the company's; the team's manager; the person's manager. */
export const setterKey = (level: TargetLevel, subject: Person | null): string | null =>
	level === 'company' ? null : level === 'team' ? subject!.id : subject!.reports_to;

/**
 * Whether the caller breaks any target down (the split screen is theirs): an Administrator, a
 * General Manager (the company's year), or whoever people report to (their team's year, their
 * people's years by months) — what `splitProblem` lets them split, asked before any target is named.
 */
export const maySplitTargets = (caller: Caller, reports: number): boolean =>
	caller.admin || caller.position === 'general_manager' || (caller.id !== '' && reports > 0);
