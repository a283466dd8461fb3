/** An amount of money as a person reads it: thousands grouped, two decimals ("125,000.00"). */
export function formatAmount(value: unknown, locale: string): string {
	if (value === null || value === undefined || value === '') return '';
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(n)) return String(value);
	return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
}
