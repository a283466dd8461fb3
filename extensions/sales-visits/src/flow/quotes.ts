/**
 * What the server derives when quotes and their lines are saved, on every write path of the
 * items API (REST, batch, GraphQL, imports, nested writes from the quote form). Before the
 * write, a line whose product is not sold or whose price or quantity cannot be priced is
 * refused, and a quote left without a number gets the month's next one. After it commits (the
 * permissions let nobody but the flows write derived fields), a line's list price is copied
 * from its product and its discount and amount follow from the unit price, and its draft
 * quote's totals and deadline (`quote_response_hours` after the customer asked) follow; both
 * in one transaction. Submitting prices the lines again under lock, so an approval never rests
 * on values not yet derived.
 */
import type { Item } from '@directus/types';
import type { Knex } from 'knex';
import { relatedKey } from '../domain/ownership.ts';
import { lineFields, priceLine, quoteDueAt, quoteTotals } from '../domain/quotes.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import { clearDataCache } from './cache.ts';
import type { FlowContext } from './context.ts';
import { nextDocumentNo } from './document-no.ts';
import { refusalError } from './errors.ts';
import type { GuardContext } from './guard.ts';
import { loadCaller } from './people.ts';
import { isPriced, repriced, storedLines } from './quote-data.ts';
import { loadSettings } from './settings.ts';
import { toInstant, vendorValues } from './values.ts';

/** The fields a line's derived values follow from. */
const PRICING = ['product', 'quantity', 'unit_price'] as const;

async function refuse(ctx: GuardContext, problem: FlowRefusal): Promise<never> {
	const { language } = await loadCaller(ctx.database, ctx.accountability);
	throw refusalError(problem, language);
}

/** The product a line names, refused when there is none or it is no longer sold (停售). */
async function productOf(ctx: GuardContext, value: unknown) {
	const key = relatedKey(value);
	const product =
		key === null
			? undefined
			: await ctx.database('products').where({ id: key }).first('name', 'list_price', 'floor_price', 'active');
	if (!product) return refuse(ctx, refusal(422, 'quote_line_product'));
	if (!product.active) return refuse(ctx, refusal(409, 'product_inactive', { product: product.name }));
	return product;
}

/** Refuses a line that cannot be priced as it will stand after the write. */
async function checkLine(ctx: GuardContext, line: Item) {
	const priced = priceLine(line as Parameters<typeof priceLine>[0], await productOf(ctx, line.product));
	if ('code' in priced) await refuse(ctx, priced);
}

export const checkLineCreate = (ctx: GuardContext, payload: Item) => checkLine(ctx, payload);

/** An update that touches a line's pricing is checked with each stored line it changes. */
export async function checkLineUpdate(ctx: GuardContext, keys: (string | number)[], payload: Item) {
	if (!PRICING.some((f) => f in payload)) return;
	const stored: Item[] = await ctx
		.database('quote_lines')
		.whereIn('id', keys)
		.select(...PRICING);
	for (const line of stored) await checkLine(ctx, { ...line, ...payload });
}

/** A quote left without a number gets the month's next (QT202612-0001). */
export async function numberQuote(ctx: GuardContext, payload: Item): Promise<Item> {
	if (payload.quote_no !== undefined && payload.quote_no !== null && String(payload.quote_no).trim() !== '')
		return payload;
	const { timezone } = await loadSettings(ctx.database);
	return {
		...payload,
		quote_no: await nextDocumentNo(ctx.database, 'quote', 'quotes', 'quote_no', zonedDate(new Date(), timezone)),
	};
}

/** The quotes that lines belong to. */
export const quotesOfLines = async (knex: Knex, lines: (string | number)[]): Promise<number[]> =>
	(await knex('quote_lines').whereIn('id', lines).distinct('quote')).map((r: { quote: number }) => Number(r.quote));

/**
 * Writes the totals of draft quotes from their lines (less `without`, lines about to be
 * deleted). A quote past draft keeps the totals it was submitted with.
 */
export async function refreshTotals(knex: Knex, quotes: number[], without: (string | number)[] = []): Promise<void> {
	const dropped = new Set(without.map(String));
	for (const quote of new Set(quotes)) {
		const lines = (await storedLines(knex, quote)).filter((l) => !dropped.has(String(l.id)));
		const totals = quoteTotals(lines.map(repriced).filter(isPriced));
		await knex('quotes').where({ id: quote, status: 'draft' }).update(totals);
	}
}

/** After lines of draft quotes were saved: each line's list price, discount and amount, then their quotes' totals. */
export async function deriveLines(ctx: FlowContext, keys: (string | number)[]): Promise<void> {
	await ctx.database.transaction(async (trx) => {
		const lines: Item[] = await trx('quote_lines as l')
			.join('quotes as q', 'q.id', 'l.quote')
			.join('products as p', 'p.id', 'l.product')
			.whereIn('l.id', keys)
			.where('q.status', 'draft')
			.select('l.id', 'l.quote', 'l.quantity', 'l.unit_price', 'p.name', 'p.list_price', 'p.floor_price');
		for (const line of lines) {
			const priced = priceLine(line as Parameters<typeof priceLine>[0], line as Parameters<typeof priceLine>[1]);
			if (!('code' in priced)) await trx('quote_lines').where({ id: line.id }).update(lineFields(priced));
		}
		await refreshTotals(
			trx,
			lines.map((l) => Number(l.quote)),
		);
	});
	await clearDataCache(ctx);
}

/** After quotes were saved: their deadline from when the customer asked, and their totals. */
export async function deriveQuotes(ctx: FlowContext, keys: (string | number)[]): Promise<void> {
	const { quote_response_hours } = await loadSettings(ctx.database);
	await ctx.database.transaction(async (trx) => {
		const v = vendorValues(trx);
		const quotes: { id: number; requested_at: unknown }[] = await trx('quotes')
			.whereIn('id', keys)
			.where('status', 'draft')
			.select('id', 'requested_at');
		for (const quote of quotes) {
			const requested = toInstant(quote.requested_at);
			const due = requested ? quoteDueAt(requested, quote_response_hours) : null;
			await trx('quotes')
				.where({ id: quote.id })
				.update({ due_at: due && v.instant(due) });
		}
		await refreshTotals(
			trx,
			quotes.map((q) => q.id),
		);
	});
	await clearDataCache(ctx);
}
