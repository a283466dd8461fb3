/**
 * What a zh-CN screen may not show: an English word, a raw key (`not_required`, `$t:sv_…`) or JSON.
 * Allowed are the data's own codes and figures (ZF-PM22, HT-2026-001, 12.5), e-mail addresses,
 * short acronyms (KPI, ERP) and units of measure.
 */
const UNITS = new Set(['kW', 'MPa', 'min', 'km', 'kg', 'mm', 'cm']);

/** The words in `text` that a Chinese screen should not show. */
export function foreignWords(text: string): string[] {
	const found = new Set<string>();
	for (const m of text.matchAll(/\$?[A-Za-z_][A-Za-z0-9_]*(?:[.:-][A-Za-z0-9_]+)*/g)) {
		const word = m[0];
		const around = text.slice(Math.max(0, m.index - 1), m.index + word.length + 1);
		if (
			word.length < 2 ||
			/\d/.test(word) ||
			/^[A-Z]{2,4}$/.test(word) ||
			/^[A-Z]{2,}(-[A-Z0-9]+)+$/.test(word) ||
			UNITS.has(word) ||
			around.includes('@')
		)
			continue;
		found.add(word);
	}
	if (/[[{]\s*"|"\s*:/.test(text)) found.add('<JSON>');
	return [...found];
}
