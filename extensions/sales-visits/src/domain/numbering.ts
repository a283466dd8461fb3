/**
 * Document numbers the server gives quotes, contracts and orders left without one (单据编号):
 * a prefix, the company's year and month, and a sequence within that month, as the demo
 * orders already have them: SO202612-0001.
 */
export type DocumentKind = 'quote' | 'contract' | 'order';

const PREFIXES: Record<DocumentKind, string> = { quote: 'QT', contract: 'CT', order: 'SO' };

/** The part shared by one month's numbers: `QT202612-` for a quote made on 2026-12-02 (the company's date). */
export const documentPrefix = (kind: DocumentKind, date: string): string =>
	`${PREFIXES[kind]}${date.slice(0, 4)}${date.slice(5, 7)}-`;

/** The number for the `sequence`th document of the month, four digits at least. */
export const documentNo = (kind: DocumentKind, date: string, sequence: number): string =>
	`${documentPrefix(kind, date)}${String(sequence).padStart(4, '0')}`;

/**
 * The next sequence after the month's numbers in use: one more than the largest, compared as
 * numbers (…-9999 < …-10000); numbers typed by hand in another form are skipped.
 */
export function nextSequence(prefix: string, taken: readonly string[]): number {
	let max = 0;
	for (const no of taken) {
		if (!no.startsWith(prefix)) continue;
		const rest = no.slice(prefix.length);
		if (/^\d{1,9}$/.test(rest)) max = Math.max(max, Number(rest));
	}
	return max + 1;
}
