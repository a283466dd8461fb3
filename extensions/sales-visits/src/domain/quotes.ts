/**
 * Quotes (报价单): what the server derives from the lines, who must approve the discount, and
 * the response deadline. Pure: the API shell reads the products and rules and writes the values.
 */
import { quoteStatuses, type approverPositions } from './choices.ts';
import { fromCents, isPositive, percentOf, sum, times, toCents, toHundredths, type Cents } from './money.ts';
import { toId } from './input.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { endOfDay } from './zoned-time.ts';

/** A line as the rep writes it. */
export interface LineInput {
	quantity: unknown;
	unit_price: unknown;
}

/** The product's prices (三级价格: the quote copies the list price and checks the floor). */
export interface ProductPrices {
	name: string;
	list_price: unknown;
	floor_price: unknown;
}

/** A line with its derived values, in cents. */
export interface PricedLine {
	listPrice: Cents;
	unitPrice: Cents;
	listAmount: Cents;
	netAmount: Cents;
	/** Percent off the list price, two decimals; negative when priced above the list. */
	discountRate: number;
	belowFloor: boolean;
}

/**
 * 报价明细: the list price is copied from the product, whatever the client sent; the discount is
 * (list − unit) / list × 100 with two decimals, 0 for a product without a list price (nothing to
 * discount from); the net amount is unit price × quantity, rounded to the cent.
 */
export function priceLine(line: LineInput, product: ProductPrices): PricedLine | FlowRefusal {
	const listPrice = toCents(product.list_price);
	if (listPrice === null || listPrice < 0) return refusal(409, 'product_price_missing', { product: product.name });
	const unitPrice = toCents(line.unit_price);
	if (unitPrice === null || unitPrice < 0) return refusal(422, 'quote_line_price');
	const netAmount = times(unitPrice, line.quantity);
	const listAmount = times(listPrice, line.quantity);
	if (netAmount === null || listAmount === null || !isPositive(line.quantity))
		return refusal(422, 'quote_line_quantity');
	const floor = toCents(product.floor_price);
	return {
		listPrice,
		unitPrice,
		listAmount,
		netAmount,
		discountRate: listPrice === 0 ? 0 : percentOf(listPrice - unitPrice, listPrice),
		belowFloor: floor !== null && unitPrice < floor,
	};
}

/** The derived fields of a quote_lines row. */
export const lineFields = (line: PricedLine) => ({
	list_price: fromCents(line.listPrice),
	discount_rate: line.discountRate,
	net_amount: fromCents(line.netAmount),
});

/** The largest discount of the lines; 0 without lines or when every price is at or above the list. */
const maxDiscount = (lines: readonly PricedLine[]): number =>
	lines.reduce((max, l) => Math.max(max, l.discountRate), 0);

/** The derived fields of a quotes row: totals, the largest discount and whether any price is under the floor. */
export const quoteTotals = (lines: readonly PricedLine[]) => ({
	list_total: fromCents(sum(lines.map((l) => l.listAmount))),
	net_total: fromCents(sum(lines.map((l) => l.netAmount))),
	max_discount_rate: maxDiscount(lines),
	below_floor: lines.some((l) => l.belowFloor),
});

export type DiscountApprover = keyof typeof approverPositions;

export interface DiscountRule {
	max_discount_rate: unknown;
	approver_position: string;
	active?: boolean | null;
}

const RANK: Record<DiscountApprover, number> = { none: 0, manager: 1, general_manager: 2 };

/**
 * Who approves a quote's discount (价格折扣审批): the active rule with the smallest
 * `max_discount_rate` at or above the largest discount of its lines (as shown, two decimals)
 * names the position, the stricter one when two rules tie. Any price under the product's floor
 * price (最低限价) needs a General Manager; so does a discount no active rule covers, since
 * nobody was given that authority. A quote at or above list price needs nobody.
 */
export function quoteApprover(lines: readonly PricedLine[], rules: readonly DiscountRule[]): DiscountApprover {
	if (lines.some((l) => l.belowFloor)) return 'general_manager';
	const discount = Math.round(maxDiscount(lines) * 100);
	if (discount <= 0) return 'none';
	let best: { max: number; approver: DiscountApprover } | null = null;
	for (const rule of rules) {
		const max = toHundredths(rule.max_discount_rate);
		const approver = rule.approver_position as DiscountApprover;
		if (rule.active === false || max === null || max < discount || !(approver in RANK)) continue;
		if (!best || max < best.max || (max === best.max && RANK[approver] > RANK[best.approver])) best = { max, approver };
	}
	return best?.approver ?? 'general_manager';
}

/** 报价单审批后锁定: a quote and its lines are edited while a draft only; a change after that is a new draft. */
export const quoteEditProblem = (status: string): FlowRefusal | null =>
	status === 'draft'
		? null
		: refusal(409, 'quote_locked', {
				status: quoteStatuses[status as keyof typeof quoteStatuses] ?? { 'zh-CN': status, 'en-US': status },
			});

/** A quote goes up with at least one line. */
export const quoteSubmitProblem = (lineCount: number): FlowRefusal | null =>
	lineCount > 0 ? null : refusal(409, 'quote_empty');

/** The policy's default response time: 收到询价后 24–48 小时内予以报价. */
export const QUOTE_RESPONSE_HOURS = 48;

/** 询价报价处理: a quote is due `quote_response_hours` after the customer asked (48 unless set). */
export const quoteDueAt = (requestedAt: Date, quoteResponseHours: number | null): Date =>
	new Date(
		requestedAt.getTime() +
			(quoteResponseHours && quoteResponseHours > 0 ? quoteResponseHours : QUOTE_RESPONSE_HOURS) * 3_600_000,
	);

/** Sent after its due time; a quote without one is never late. */
export const sentLate = (sentAt: Date, dueAt: string | Date | null): boolean =>
	dueAt !== null && sentAt.getTime() > new Date(dueAt).getTime();

/** A sent quote expires once its last valid day (`valid_until`, the company's date) has ended. */
export const quoteExpired = (validUntil: string | null, now: Date, timezone: string): boolean =>
	validUntil !== null && now.getTime() > endOfDay(validUntil.slice(0, 10), timezone).getTime();

/** The most lines one preview prices (a quote form is far shorter). */
export const PREVIEW_LINES_MAX = 200;

/** A line of a preview as the form has it: a product id, a quantity and a unit price. */
export interface PreviewLine {
	product: number;
	quantity: string | number;
	unit_price: string | number;
}

/** A decimal as the items API takes it: a finite number or its plain decimal text. */
const isDecimal = (value: unknown): value is string | number =>
	(typeof value === 'number' && Number.isFinite(value) && value >= 0) ||
	(typeof value === 'string' && /^\d{1,12}(\.\d{1,6})?$/.test(value.trim()));

/**
 * 报价预览: the body of POST /visit-flow/quotes/preview, `{ lines: [{ product, quantity,
 * unit_price }] }` with at most PREVIEW_LINES_MAX lines, each a product id, a quantity above 0
 * and a unit price not below 0; the first problem refused with the line's number (from 1).
 */
export function readPreviewLines(body: unknown): PreviewLine[] | FlowRefusal {
	const lines =
		typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { lines?: unknown }).lines : undefined;
	if (!Array.isArray(lines)) return refusal(400, 'quote_preview_body', { max: String(PREVIEW_LINES_MAX) });
	if (lines.length > PREVIEW_LINES_MAX)
		return refusal(400, 'quote_preview_too_many', { max: String(PREVIEW_LINES_MAX) });
	const read: PreviewLine[] = [];
	for (const [i, line] of lines.entries()) {
		const at = { line: String(i + 1) };
		if (typeof line !== 'object' || line === null || Array.isArray(line))
			return refusal(400, 'quote_preview_body', { max: String(PREVIEW_LINES_MAX) });
		const { product: given, quantity, unit_price } = line as Record<string, unknown>;
		const product = toId(given);
		if (product === null) return refusal(400, 'quote_preview_product', at);
		if (!isDecimal(quantity) || !isPositive(quantity)) return refusal(400, 'quote_preview_quantity', at);
		if (!isDecimal(unit_price)) return refusal(400, 'quote_preview_price', at);
		read.push({ product, quantity, unit_price });
	}
	return read;
}
