/**
 * A quote's lines and the discount rules as domain/quotes.ts prices them, read in the caller's
 * transaction: the same reading for the transition that submits a quote, the actions it is
 * offered, and the totals saved with each line.
 */
import type { Knex } from 'knex';
import {
	priceLine,
	quoteApprover,
	type DiscountApprover,
	type DiscountRule,
	type PricedLine,
} from '../domain/quotes.ts';
import type { FlowRefusal } from '../domain/refusals.ts';

export interface StoredLine {
	id: number;
	quantity: unknown;
	unit_price: unknown;
	list_price: unknown;
	product: number;
	name: string;
	floor_price: unknown;
}

/** The stored lines of a quote with their products' names and floor prices. */
export const storedLines = (knex: Knex, quote: number | string): Promise<StoredLine[]> =>
	knex('quote_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.where('l.quote', quote)
		.orderBy('l.id')
		// A line saved before its values were derived in the same write may lack its copy of the list price: the product's stands in.
		.select(
			'l.id',
			'l.quantity',
			'l.unit_price',
			knex.raw('coalesce(l.list_price, p.list_price) as list_price'),
			'l.product',
			'p.name',
			'p.floor_price',
		);

/** A stored line priced again: its list price is the one copied when it was saved, the floor the product's now. */
export const repriced = (line: StoredLine): PricedLine | FlowRefusal =>
	priceLine(line, { name: line.name, list_price: line.list_price, floor_price: line.floor_price });

export const isPriced = (line: PricedLine | FlowRefusal): line is PricedLine => !('code' in line);

export const activeRules = (knex: Knex): Promise<DiscountRule[]> =>
	knex('discount_rules').where({ active: true }).select('max_discount_rate', 'approver_position', 'active');

export interface QuoteLinesFacts {
	lines: PricedLine[];
	/** The first line that does not price (a product without a list price, say). */
	problem: FlowRefusal | null;
	approver: DiscountApprover;
}

/** A quote's lines priced and who the discount rules name for them. */
export async function quoteLinesFacts(knex: Knex, quote: number | string): Promise<QuoteLinesFacts> {
	const priced = (await storedLines(knex, quote)).map(repriced);
	const lines = priced.filter(isPriced);
	const problem = priced.find((l): l is FlowRefusal => !isPriced(l)) ?? null;
	return { lines, problem, approver: quoteApprover(lines, await activeRules(knex)) };
}
