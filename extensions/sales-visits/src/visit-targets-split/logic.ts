/**
 * The split screen's arithmetic: the people × months grid of sales amounts, in cents, seeded and
 * checked with the split's own function (domain/targets.ts `allocate`), so the Studio's sums are
 * the server's: what the manager sees adding up is what the split writes.
 */
import { fromCents, toCents } from '../domain/money.ts';
import { allocate } from '../domain/targets.ts';
import { t } from '../shared/texts.ts';

/** A cell as typed: cents, or null when it is not an amount to the cent (nor negative). */
export function cellCents(text: string): number | null {
	const trimmed = text.trim().replace(/,/g, '');
	if (trimmed === '') return 0;
	if (!/^\d+(\.\d{0,2})?$/.test(trimmed)) return null;
	return toCents(trimmed);
}

/** Cents as an input shows them: 1234.50. */
export const cellText = (cents: number): string => fromCents(cents);

/**
 * The grid a split starts from: the total shared equally by the people (the last takes the
 * remainder), each person's part over the months by `monthWeights` (equal when all zero).
 */
export function seedGrid(total: number, people: number, monthWeights: readonly number[]): number[][] {
	if (people === 0) return [];
	const weights = monthWeights.some((w) => w > 0) ? monthWeights : monthWeights.map(() => 1);
	return allocate(
		total,
		Array.from({ length: people }, () => 1),
	).map((part) => allocate(part, weights));
}

/** One row seeded: `total` over the months by `monthWeights` (equal when all zero). */
export const seedRow = (total: number, monthWeights: readonly number[]): number[] =>
	seedGrid(total, 1, monthWeights)[0] ?? [];

export interface GridCheck {
	/** Each person's total (a row). */
	rows: number[];
	/** Each month's total (a column). */
	months: number[];
	total: number;
	/** What is left to share: the parent less the grid's total (negative: too much). */
	remainder: number;
	/** Cells that are not amounts. */
	invalid: number;
	/** Every cell an amount, the total the parent's to the cent, some amount to share. */
	ok: boolean;
}

/** The sums of a grid of cents (null: a cell that is not an amount) against the parent's amount. */
export function checkGrid(grid: readonly (readonly (number | null)[])[], parent: number): GridCheck {
	const width = grid[0]?.length ?? 0;
	const rows = grid.map((row) => row.reduce<number>((a, c) => a + (c ?? 0), 0));
	const months = Array.from({ length: width }, (_, m) => grid.reduce((a, row) => a + (row[m] ?? 0), 0));
	const total = rows.reduce((a, b) => a + b, 0);
	const invalid = grid.reduce((n, row) => n + row.filter((c) => c === null).length, 0);
	const remainder = parent - total;
	return { rows, months, total, remainder, invalid, ok: invalid === 0 && remainder === 0 && total > 0 };
}

/**
 * Amounts in cents as split weights (yuan, to the cent): the split's ⌊total × w / Σw⌋ then gives
 * each exactly its amount when they add up to the total (a weight is at most 10⁹, so cents would
 * not do for a large team's year).
 */
export const asWeights = (cents: readonly number[]): number[] => cents.map((c) => Number(fromCents(c)));

/** The shares of a split by people: each person's row total, by user id. */
export const sharesOf = (people: readonly string[], check: GridCheck): Record<string, number> =>
	Object.fromEntries(people.map((id, i) => [id, Number(fromCents(check.rows[i] ?? 0))]));

/** What the screen says, in both languages. */
export const texts = {
	title: t('目标分解', 'Target split'),
	pick: t('年度目标（公司或团队）', 'The year target (the company’s or a team’s)'),
	choose: t('请选择要分解的年度目标', 'Choose the year target to split'),
	company: t('公司', 'Company'),
	teamColumn: t('团队（经理）', 'Team (manager)'),
	yearColumn: t('年度', 'Year'),
	splitTeams: t('分解到团队', 'Split to the teams'),
	noManagers: t('没有可分配的经理', 'No managers to share the year among'),
	openTeam: t('分解该团队目标', 'Split this team’s target'),
	loading: t('加载中…', 'Loading…'),
	team: t('团队', 'Team'),
	status: t('状态', 'Status'),
	person: t('人员', 'Person'),
	total: t('合计', 'Total'),
	personTotal: t('个人合计', 'Person’s total'),
	monthTotal: t('月合计', 'Month total'),
	remainder: t('差额', 'Remainder'),
	invalid: t(
		'{n} 个金额无效（最多两位小数，不可为负）',
		'{n} amounts are not valid (two decimals at most, not negative)',
	),
	balanced: t('合计与上级目标一致', 'The total equals the parent’s to the cent'),
	split: t('分解到人员', 'Split to the people'),
	splitMonths: t('分解到月', 'Split into months'),
	noPeople: t('该团队没有下属人员', 'Nobody reports to this team’s manager'),
	lastYear: t('月度权重默认按去年签约额', 'Month weights default to last year’s signed sales'),
	equal: t('去年无签约额，月度权重默认平均', 'No sales last year: the months default to equal weights'),
	confirmed: t('已确认', 'Confirmed'),
	doneSplit: t('已分解为 {n} 个草稿目标', 'Split into {n} draft targets'),
};
