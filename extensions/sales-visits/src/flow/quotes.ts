/**
 * What the server derives when quotes and their lines are saved, on every write path of the
 * items API (REST, batch, GraphQL, imports, nested writes from the quote form). Before the
 * write, a line whose product is not sold or whose price or quantity cannot be priced is
 * refused, and a quote left without a number gets the month's next one. In the write's own
 * transaction, once the row has changed (the permissions let nobody but the flows write derived
 * fields, so they cannot ride in the caller's payload), a line's list price is copied from its
 * product and its discount and amount follow from the unit price, and its draft quote's totals and
 * deadline (`quote_response_hours` after the customer asked) follow: what the write returns is
 * already derived, and a refused write leaves nothing behind.
 */
import type { Accountability, Item } from '@directus/types';
import type { Knex } from 'knex';
import { relatedKey } from '../domain/ownership.ts';
import {
	lineFields,
	priceLine,
	quoteDueAt,
	quoteEditProblem,
	quoteTotals,
	type LineInput,
	type PricedLine,
	type ProductPrices,
} from '../domain/quotes.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { zonedDate } from '../domain/zoned-time.ts';
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

/**
 * The quote each line belonged to before an update that moves it or a delete, noted by the write's
 * filter (outside its transaction) and taken by its log entry (inside it). A write refused in
 * between leaves its note, which the line's next write replaces or takes.
 */
const formerQuotes = new Map<string, number>();

export async function noteFormerQuotes(knex: Knex, lines: (string | number)[]): Promise<void> {
	const rows: { id: number; quote: number }[] = await knex('quote_lines').whereIn('id', lines).select('id', 'quote');
	for (const row of rows) formerQuotes.set(String(row.id), Number(row.quote));
}

/** Directus' log entry of a row's write, made in that write's transaction once the row has changed. */
export interface WriteLog {
	action: string;
	collection: string;
	item: string | number;
	user: string | null;
}

/**
 * Derives, in the transaction of the write that `log` records: a quote line's list price (copied
 * from its product), discount and amount, and its quotes' totals; a draft quote's deadline and
 * totals. Directus has no other hook there: the filters of updates and deletes run before their
 * transaction and every action after it commits. A line whose quote is no longer a draft (submitted
 * since the guard looked) or that no longer prices rolls the write back with the refusal.
 */
export async function deriveInWrite(trx: Knex, log: WriteLog): Promise<void> {
	if (!['create', 'update', 'delete'].includes(log.action)) return;
	if (log.collection === 'quotes' && log.action !== 'delete') await deriveQuote(trx, log.item);
	if (log.collection !== 'quote_lines') return;
	const key = String(log.item);
	const former = formerQuotes.get(key);
	formerQuotes.delete(key);
	const refuseWith = async (problem: FlowRefusal): Promise<never> => {
		const { language } = await loadCaller(trx, { user: log.user } as Accountability);
		throw refusalError(problem, language);
	};
	const line: (LineInput & ProductPrices & { quote: number }) | undefined =
		log.action === 'delete'
			? undefined
			: await trx('quote_lines as l')
					.join('products as p', 'p.id', 'l.product')
					.where('l.id', key)
					.first('l.quote', 'l.quantity', 'l.unit_price', 'p.name', 'p.list_price', 'p.floor_price');
	// The quote whose lines changed must still be a draft, under its lock; one a line left is totalled again if it is.
	const changed = line ? Number(line.quote) : log.action === 'delete' ? former : undefined;
	if (changed !== undefined) {
		const problem = await lockDraft(trx, changed);
		if (problem) await refuseWith(problem);
	}
	if (line) {
		const priced = priceLine(line, line);
		if ('code' in priced) await refuseWith(priced);
		await trx('quote_lines')
			.where({ id: key })
			.update(lineFields(priced as PricedLine));
	}
	if (changed !== undefined) await writeTotals(trx, changed);
	if (former !== undefined && former !== changed && !(await lockDraft(trx, former))) await writeTotals(trx, former);
}

/** Takes a quote's lock, so that saves of its lines total one after the other; what refuses changing it now. */
async function lockDraft(trx: Knex, quote: number): Promise<FlowRefusal | null> {
	await trx('quotes')
		.where({ id: quote })
		.update({ id: trx.ref('id') });
	const row: { status: string } | undefined = await trx('quotes').where({ id: quote }).first('status');
	return row ? quoteEditProblem(row.status) : null;
}

/** A quote's totals from its stored lines. */
async function writeTotals(trx: Knex, quote: number): Promise<void> {
	const lines = (await storedLines(trx, quote)).map(repriced).filter(isPriced);
	await trx('quotes').where({ id: quote }).update(quoteTotals(lines));
}

/** A draft quote's deadline from when the customer asked (`quote_response_hours` later), and its totals. */
async function deriveQuote(trx: Knex, key: string | number): Promise<void> {
	const quote: { id: number; status: string; requested_at: unknown } | undefined = await trx('quotes')
		.where({ id: key })
		.first('id', 'status', 'requested_at');
	if (!quote || quote.status !== 'draft') return;
	const { quote_response_hours } = await loadSettings(trx);
	const requested = toInstant(quote.requested_at);
	const due = requested ? quoteDueAt(requested, quote_response_hours) : null;
	await trx('quotes')
		.where({ id: quote.id })
		.update({ due_at: due && vendorValues(trx).instant(due) });
	await writeTotals(trx, quote.id);
}
