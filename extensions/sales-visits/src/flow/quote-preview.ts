/**
 * 报价预览 (POST /visit-flow/quotes/preview): what a quote's lines would come to before they are
 * saved — each line's list price, discount and amount, the totals, and who the discount rules
 * would name to approve them — priced by the same domain/quotes.ts functions the save and the
 * submit use. Products and discount rules are read as the caller may read them; nothing is written.
 */
import type { Accountability } from '@directus/types';
import { approverPositions } from '../domain/choices.ts';
import {
	lineFields,
	priceLine,
	quoteApprover,
	quoteTotals,
	readPreviewLines,
	type DiscountRule,
	type PricedLine,
	type ProductPrices,
} from '../domain/quotes.ts';
import { refusal } from '../domain/refusals.ts';
import type { FlowContext } from './context.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';

type ProductRow = ProductPrices & { id: number; active: boolean | null };

export async function previewQuoteAs(
	ctx: FlowContext,
	accountability: Accountability | null,
	body: unknown,
	acceptLanguage?: string,
) {
	const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const lines = readPreviewLines(body);
	if ('code' in lines) throw refusalError(lines, language);
	const schema = await ctx.getSchema();
	const as = (collection: string) =>
		new ctx.services.ItemsService(collection, { schema, accountability, knex: ctx.database });
	const ids = [...new Set(lines.map((l) => l.product))];
	const products = new Map<number, ProductRow>(
		ids.length === 0
			? []
			: (
					(await as('products').readByQuery({
						filter: { id: { _in: ids } },
						fields: ['id', 'name', 'list_price', 'floor_price', 'active'],
						limit: -1,
					})) as ProductRow[]
				).map((p) => [Number(p.id), p]),
	);
	const rules = (await as('discount_rules').readByQuery({
		filter: { active: { _eq: true } },
		fields: ['max_discount_rate', 'approver_position', 'active'],
		limit: -1,
	})) as DiscountRule[];
	const priced: PricedLine[] = [];
	for (const [i, line] of lines.entries()) {
		const product = products.get(line.product);
		// The save refuses these too (flow/quotes.ts): the preview says so before it is tried.
		if (!product || product.list_price === undefined)
			throw refusalError(refusal(400, 'quote_preview_product_hidden', { line: String(i + 1) }), language);
		if (product.active === false)
			throw refusalError(refusal(409, 'product_inactive', { product: product.name }), language);
		const result = priceLine(line, product);
		if ('code' in result) throw refusalError(result, language);
		priced.push(result);
	}
	const position = quoteApprover(priced, rules);
	return {
		lines: priced.map((l) => ({ ...lineFields(l), below_floor: l.belowFloor })),
		...quoteTotals(priced),
		approver: { position, label: approverPositions[position][language] },
		language,
	};
}
