/**
 * 三级价格: a product's list price (标准价, what end users are quoted from) is its highest
 * price, its dealer (经销价) and wholesale (批发价) prices lie at or under it, and its floor
 * price (最低限价) is the lowest of all: any quote under it needs a General Manager, so a
 * regular dealer or wholesale price under the floor would send every such quote there.
 */
export const PRICE_FIELDS = ['list_price', 'dealer_price', 'wholesale_price', 'floor_price'] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];
export type Prices = Partial<Record<PriceField, unknown>>;

/** Each pair [lower, higher] that must not be the wrong way round, when both are set. */
const ORDER: readonly (readonly [PriceField, PriceField])[] = [
	['floor_price', 'wholesale_price'],
	['floor_price', 'dealer_price'],
	['floor_price', 'list_price'],
	['wholesale_price', 'list_price'],
	['dealer_price', 'list_price'],
];

/** A price as a number; null when empty or not a number (the column's own check refuses those). */
const amount = (value: unknown): number | null => {
	if (value === null || value === undefined || value === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
};

/** The first pair out of order, as [lower, higher]; null when the prices are in order. */
export function priceOrderProblem(prices: Prices): readonly [PriceField, PriceField] | null {
	for (const [lower, higher] of ORDER) {
		const low = amount(prices[lower]);
		const high = amount(prices[higher]);
		if (low !== null && high !== null && low > high) return [lower, higher];
	}
	return null;
}
