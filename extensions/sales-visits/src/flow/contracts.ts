/**
 * Contracts (合同) in the API shell: their number and source checked when made on the items API,
 * the facts their review reads under lock (what a draft lacks, the customer's credit), and
 * signing, which makes the sales order with its payment schedule and wins the opportunity in
 * the transition's transaction.
 */
import type { Item } from '@directus/types';
import type { Knex } from 'knex';
import type { Caller } from '../domain/approval.ts';
import { contractSourceProblem, contractSubmitProblem } from '../domain/contracts.ts';
import { fromCents, toCents } from '../domain/money.ts';
import { defaultSchedule, outstanding, type ScheduleStatus } from '../domain/receivables.ts';
import { relatedKey } from '../domain/ownership.ts';
import { winBySigning, type SalesFacts } from '../domain/sales-flows.ts';
import { zonedDate } from '../domain/zoned-time.ts';
import type { Row, Writer } from './context.ts';
import { nextDocumentNo } from './document-no.ts';
import { Refused, refusalError } from './errors.ts';
import type { GuardContext } from './guard.ts';
import { loadCaller, loadPerson } from './people.ts';
import { loadSettings, type VisitSettings } from './settings.ts';
import { toDate } from './values.ts';
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

/** 客户应收: the open amounts of the schedules of a customer's orders that are not cancelled, in cents. */
async function outstandingOf(knex: Knex, customer: number): Promise<number> {
	const schedules: { id: number; due_date: unknown; amount: unknown; paid_amount: unknown; status: ScheduleStatus }[] =
		await knex('payment_schedules as s')
			.join('sales_orders as o', 'o.id', 's.order')
			.where('o.customer', customer)
			.whereNot('o.status', 'cancelled')
			.whereNot('s.status', 'paid')
			.select('s.id', 's.due_date', 's.amount', 's.paid_amount', 's.status');
	return outstanding(
		schedules.map((s) => ({
			id: s.id,
			due_date: toDate(s.due_date),
			amount: toCents(s.amount) ?? 0,
			paid_amount: toCents(s.paid_amount) ?? 0,
			status: s.status,
		})),
	);
}

/** A contract's payment terms (回款计划 drafted with it), oldest first. */
const termsOf = (knex: Knex, contract: number): Promise<{ id: number; amount: unknown }[]> =>
	knex('payment_schedules').where({ contract }).orderBy(['due_date', 'id']).select('id', 'amount');

/** What a contract's review reads: why a draft may not go up, and the credit check at finance review. */
export async function contractFacts(knex: Knex, row: Row): Promise<Partial<SalesFacts>> {
	const amount = toCents(row.amount);
	if (row.status === 'draft') {
		const terms = await termsOf(knex, row.id);
		// Without terms, signing makes one schedule of the whole amount (receivables.ts defaultSchedule).
		const cents = terms.length > 0 ? terms.map((t) => toCents(t.amount) ?? 0) : amount === null ? [] : [amount];
		return { submit_problem: contractSubmitProblem(row.amount, cents) };
	}
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
	const order = await writer('sales_orders').createOne({
		order_no: await nextDocumentNo(trx, 'order', 'sales_orders', 'order_no', date),
		customer: row.customer,
		owner: row.owner,
		contract: row.id,
		signed_at: date,
		amount: row.amount,
		paid_amount: 0,
		status: 'signed',
	});
	// The terms become the order's receivables; without terms, the whole amount falls due after the customer's credit days.
	const terms = await termsOf(trx, row.id);
	if (terms.length > 0)
		await writer('payment_schedules').updateMany(
			terms.map((t) => t.id),
			{ order },
		);
	else {
		const customer = await trx('customers').where({ id: row.customer }).first('credit_days');
		const due = defaultSchedule(toCents(row.amount) ?? 0, date, customer?.credit_days);
		await writer('payment_schedules').createOne({
			order,
			contract: row.id,
			due_date: due.due_date,
			amount: fromCents(due.amount),
			paid_amount: 0,
			status: 'open',
		});
	}
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
