/**
 * Contracts (合同) in the API shell: their number and source checked when made on the items API,
 * the facts their review reads under lock (what a draft lacks, the customer's credit), and
 * signing, which makes the sales order and wins the opportunity in the transition's transaction.
 */
import type { Item } from '@directus/types';
import type { Knex } from 'knex';
import type { Caller } from '../domain/approval.ts';
import { contractSourceProblem, contractSubmitProblem } from '../domain/contracts.ts';
import { toCents } from '../domain/money.ts';
import { relatedKey } from '../domain/ownership.ts';
import { winBySigning, type SalesFacts } from '../domain/sales-flows.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import type { Row, Writer } from './context.ts';
import { nextDocumentNo } from './document-no.ts';
import { Refused, refusalError } from './errors.ts';
import type { GuardContext } from './guard.ts';
import { loadCaller, loadPerson } from './people.ts';
import { loadSettings, type VisitSettings } from './settings.ts';
import { lockRow } from './writer.ts';

/** A contract made on the items API comes from a sent or accepted quote (or a manager), and gets the month's next number. */
export async function checkContractCreate(ctx: GuardContext, payload: Item): Promise<Item> {
	const quote = relatedKey(payload.quote);
	const status: string | null =
		quote === null ? null : ((await ctx.database('quotes').where({ id: quote }).first('status'))?.status ?? '');
	const { caller, language } = await loadCaller(ctx.database, ctx.accountability);
	const problem = contractSourceProblem(status, caller);
	if (problem) throw refusalError(problem, language);
	if (payload.contract_no !== undefined && payload.contract_no !== null && String(payload.contract_no).trim() !== '')
		return payload;
	const { timezone } = await loadSettings(ctx.database);
	const date = zonedDate(new Date(), timezone);
	return { ...payload, contract_no: await nextDocumentNo(ctx.database, 'contract', 'contracts', 'contract_no', date) };
}

/**
 * Outstanding receivables of a customer in cents. The design counts the open amounts of its
 * orders' payment schedules; payment_schedules do not exist yet, so each order that is not
 * cancelled counts its amount less what was paid.
 */
async function outstandingOf(knex: Knex, customer: unknown): Promise<number> {
	const orders: { amount: unknown; paid_amount: unknown }[] = await knex('sales_orders')
		.where({ customer })
		.whereNot('status', 'cancelled')
		.select('amount', 'paid_amount');
	return orders.reduce((total, o) => total + Math.max(0, (toCents(o.amount) ?? 0) - (toCents(o.paid_amount) ?? 0)), 0);
}

/** What a contract's review reads: why a draft may not go up, and the credit check at finance review. */
export async function contractFacts(knex: Knex, row: Row): Promise<Partial<SalesFacts>> {
	const amount = toCents(row.amount);
	// Without payment_schedules the payment terms are the whole amount: the amount alone is checked.
	if (row.status === 'draft')
		return { submit_problem: contractSubmitProblem(row.amount, amount === null ? [] : [amount]) };
	if (row.status !== 'finance_review') return {};
	const customer: { credit_limit: unknown } | undefined = await knex('customers')
		.where({ id: row.customer })
		.first('credit_limit');
	return {
		credit: {
			outstanding: await outstandingOf(knex, row.customer),
			amount: amount ?? 0,
			limit: customer?.credit_limit ?? null,
		},
	};
}

/** 签订: the sales order of the contract, and its opportunity won (logged as the signer's), in the caller's transaction. */
export async function signContract(
	trx: Knex.Transaction,
	writer: Writer,
	row: Row,
	signer: Caller,
	settings: VisitSettings,
	now: Date,
): Promise<void> {
	const date = zonedDate(now, settings.timezone);
	await writer('sales_orders').createOne({
		order_no: await nextDocumentNo(trx, 'order', 'sales_orders', 'order_no', date),
		customer: row.customer,
		owner: row.owner,
		contract: row.id,
		signed_at: date,
		amount: row.amount,
		paid_amount: 0,
		status: 'signed',
	});
	if (row.opportunity === null || row.opportunity === undefined) return;
	if (!(await lockRow(trx, 'opportunities', row.opportunity))) return;
	const opportunity = await trx('opportunities').where({ id: row.opportunity }).first('id', 'stage', 'owner');
	const { language: _, ...owner } = await loadPerson(trx, opportunity.owner);
	const won = winBySigning(
		{ id: Number(opportunity.id), status: opportunity.stage, owner },
		signer,
		now,
		settings.stage_probabilities,
	);
	if (won === null) return;
	if (!won.ok) throw new Refused(won.refusal);
	await writer('opportunities').updateOne(opportunity.id, won.patch);
	await writer('approval_log').createOne(won.log);
}
