/**
 * 提成 (commission): a person's month is paid by the rule of their position, on what they
 * collected (回款: payments received in the month on orders they own) or signed (签约: orders
 * signed in the month), in progressive tiers — each rate applies to the part of the amount
 * inside its band, like an income tax. 0–100,000 at 1 %, 100,000–500,000 at 2 % and above at
 * 3 % pay 150,000 as 1,000 + 1,000 = 2,000.
 *
 * All in whole cents: each band's amount is rounded to the cent (四舍五入) and the statement is
 * the sum of its lines, so the lines always add up to the amount shown.
 */
import { fromCents, toCents, toHundredths, type Cents } from './money.ts';
import { refusal, type FlowRefusal } from './refusals.ts';

/** A tier as stored on the rule: the band starts at `from` (yuan) and pays `rate` % (0–100). */
export interface Tier {
	from: number | string;
	rate: number | string;
}

/** One band of a statement, as stored in `lines`: money as decimal text, `to` null for the open top band. */
export interface CommissionLine {
	from: string;
	to: string | null;
	base: string;
	rate: number;
	amount: string;
}

export interface Commission {
	amount: Cents;
	lines: CommissionLine[];
}

/** More bands than any pay plan has: a bound on the work a rule makes. */
export const MAX_TIERS = 20;

/** A tier read exactly: its start in cents and its rate in hundredths of a percent. */
interface ExactTier {
	from: Cents;
	rate: number;
}

/**
 * Why a rule's tiers are not usable, or null: a non-empty list of `{ from, rate }`, the first
 * from 0, each `from` above the last, every rate a percentage from 0 to 100 (two decimals).
 */
export function tiersProblem(tiers: unknown): FlowRefusal | null {
	const read = readTiers(tiers);
	return 'refusal' in read ? read.refusal : null;
}

function readTiers(tiers: unknown): { tiers: ExactTier[] } | { refusal: FlowRefusal } {
	const bad = (detail: string) => ({ refusal: refusal(400, 'commission_tiers', { detail }) });
	if (!Array.isArray(tiers) || tiers.length === 0 || tiers.length > MAX_TIERS) return bad(`1–${MAX_TIERS}`);
	const exact: ExactTier[] = [];
	for (const [i, tier] of tiers.entries()) {
		if (typeof tier !== 'object' || tier === null || Array.isArray(tier)) return bad(`#${i + 1}`);
		const { from: rawFrom, rate: rawRate } = tier as Record<string, unknown>;
		const from = typeof rawFrom === 'boolean' ? null : toCents(rawFrom);
		const rate = typeof rawRate === 'boolean' ? null : toHundredths(rawRate);
		if (from === null || from < 0 || String(rawFrom).trim() === '') return bad(`#${i + 1} from`);
		if (rate === null || rate < 0 || rate > 100_00 || String(rawRate).trim() === '') return bad(`#${i + 1} rate`);
		if (i === 0 && from !== 0) return bad('#1 from = 0');
		if (i > 0 && from <= exact[i - 1]!.from) return bad(`#${i + 1} from > #${i} from`);
		exact.push({ from, rate });
	}
	return { tiers: exact };
}

/** `n / d` rounded half away from zero, for n ≥ 0 and d > 0. */
const divRound = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

/**
 * The commission on `basis` (cents) under progressive `tiers`: one line per band the basis
 * reaches (the base inside it, its rate and amount). A basis of 0 or less pays nothing and has
 * no lines. Throws on tiers `tiersProblem` refuses: rules are checked as they are saved.
 */
export function commissionOf(basis: Cents, tiers: unknown): Commission {
	const read = readTiers(tiers);
	if ('refusal' in read) throw new Error('commission: invalid tiers');
	const lines: CommissionLine[] = [];
	let amount = 0;
	read.tiers.forEach((tier, i) => {
		const next = read.tiers[i + 1]?.from ?? null;
		if (basis <= tier.from) return;
		const base = (next === null ? basis : Math.min(basis, next)) - tier.from;
		// cents × hundredths of a percent / 10,000, exactly.
		const cents = Number(divRound(BigInt(base) * BigInt(tier.rate), 10_000n));
		amount += cents;
		lines.push({
			from: fromCents(tier.from),
			to: next === null ? null : fromCents(next),
			base: fromCents(base),
			rate: tier.rate / 100,
			amount: fromCents(cents),
		});
	});
	return { amount, lines };
}

/** The first day of `month` ('YYYY-MM'), or null when it is not a month. */
export function monthStart(month: unknown): string | null {
	if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return null;
	return `${month}-01`;
}

/** The first day of the month after `start` ('YYYY-MM-01'). */
export function nextMonthStart(start: string): string {
	const [y, m] = start.split('-').map(Number) as [number, number];
	return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The month before the one `today` ('YYYY-MM-DD') is in, as its first day: the month the sweep settles. */
export function previousMonthStart(today: string): string {
	const [y, m] = today.split('-').map(Number) as [number, number];
	return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/** A month is settled once it is over on the company's calendar: its next month has begun by `today`. */
export const monthEnded = (start: string, today: string): boolean => nextMonthStart(start) <= today;

/**
 * Which rule pays each position: of its active rules, the newest (highest id). One rule a
 * position is the intent; an older one left active by mistake does not pay twice.
 */
export function rulesByPosition<R extends { id: number; position: string }>(rules: readonly R[]): Map<string, R> {
	const chosen = new Map<string, R>();
	for (const rule of rules) {
		const held = chosen.get(rule.position);
		if (!held || rule.id > held.id) chosen.set(rule.position, rule);
	}
	return chosen;
}

/** A person's signed amount for the month, for the champion. */
export interface SignedTotal {
	id: string;
	name: string;
	signed: Cents;
}

/**
 * 月度销售冠军: the person with the highest signed amount of the month among those given (the
 * caller's readable people). Ties are all champions (sorted by name then id, so the answer is
 * stable): two people who signed exactly as much both earned the title. Nobody who signed
 * nothing is a champion.
 */
export function monthlyChampions(totals: readonly SignedTotal[]): SignedTotal[] {
	const top = Math.max(0, ...totals.map((t) => t.signed));
	if (top <= 0) return [];
	return totals
		.filter((t) => t.signed === top)
		.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
