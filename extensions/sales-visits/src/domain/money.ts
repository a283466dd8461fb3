/**
 * Money in whole cents (分). Directus hands decimal columns back as strings and a JSON number
 * is a binary fraction, so amounts are read from their decimal text and multiplied and divided
 * as integers: 0.1 + 0.2 is 30 cents here, never 30.000000000000004.
 */
export type Cents = number;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/** A decimal's digits and scale: '12.345' → 12345n / 10³. Numbers are read from their shortest text. */
function parseDecimal(value: unknown): { digits: bigint; scale: number } | null {
	if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) return null;
	const m = DECIMAL.exec(String(value).trim());
	if (!m) return null;
	const fraction = m[3] ?? '';
	const digits = BigInt(m[2]! + fraction);
	return { digits: m[1] === '-' ? -digits : digits, scale: fraction.length };
}

/** `n / d` rounded half away from zero (四舍五入), for d > 0. */
function divRound(n: bigint, d: bigint): bigint {
	const q = (2n * (n < 0n ? -n : n) + d) / (2n * d);
	return n < 0n ? -q : q;
}

const toSafe = (n: bigint): number | null => {
	const value = Number(n);
	return Number.isSafeInteger(value) ? value : null;
};

/** The cents of an amount ('1234.5', 1234.5, '-3'), rounded half away from zero; null when it is not a plain decimal. */
export function toCents(value: unknown): Cents | null {
	const d = parseDecimal(value);
	return d === null ? null : toSafe(divRound(d.digits * 100n, 10n ** BigInt(d.scale)));
}

/** The cents of an amount given to the cent (a payment); null for anything finer (10.005) or not a decimal. */
export function toExactCents(value: unknown): Cents | null {
	const d = parseDecimal(value);
	if (d === null || (d.digits * 100n) % 10n ** BigInt(d.scale) !== 0n) return null;
	return toSafe((d.digits * 100n) / 10n ** BigInt(d.scale));
}

/** The decimal text of an amount, as a decimal column takes it: 123450 → '1234.50'. */
export function fromCents(cents: Cents): string {
	const abs = Math.abs(cents);
	return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `cents × quantity` rounded to the cent; quantity is a decimal (2.5 kg) read exactly. Null when it is not one. */
export function times(cents: Cents, quantity: unknown): Cents | null {
	const q = parseDecimal(quantity);
	return q === null ? null : toSafe(divRound(BigInt(cents) * q.digits, 10n ** BigInt(q.scale)));
}

/** `part / whole` (whole > 0) as a percentage with two decimals, rounded half away from zero (12.5 means 12.5 %). */
export const percentOf = (part: Cents, whole: Cents): number =>
	Number(divRound(BigInt(part) * 10_000n, BigInt(whole))) / 100;

/** A rate with two decimals as a whole number of hundredths, exactly like cents: '12.5' → 1250. */
export const toHundredths = toCents;

/** Whether a value is a decimal above zero (a quantity of 0.001 is, though it rounds to no cents). */
export const isPositive = (value: unknown): boolean => (parseDecimal(value)?.digits ?? 0n) > 0n;

export const sum = (amounts: readonly Cents[]): Cents => amounts.reduce((a, b) => a + b, 0);
