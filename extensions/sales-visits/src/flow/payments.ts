/**
 * Payments (回款) in the API shell: Finance records one with POST /visit-flow/orders/:id/payments;
 * it is allocated to the order's oldest open schedules and the order's paid amount and status
 * follow, all under the order's row lock in one transaction, with one approval_log row per
 * schedule or order that changes state. The rules are domain/receivables.ts'.
 */
import type { Knex } from 'knex';
import { fromCents, toCents } from '../domain/money.ts';
import {
	paymentDetails,
	recordPayment,
	type Order,
	type Schedule,
	type ScheduleStatus,
} from '../domain/receivables.ts';
import { followOn } from '../domain/sales-flows.ts';
import type { ActionRequest, FlowContext, Row, Writer } from './context.ts';
import { clearDataCache } from './cache.ts';
import { orderFacts } from './deliveries.ts';
import { asDirectusError, Refused } from './errors.ts';
import { loadCaller } from './people.ts';
import { loadSettings } from './settings.ts';
import { toDate } from './values.ts';
import { flowAccountability, inFlowTransaction, lockVisible } from './writer.ts';

type Stamping = Omit<ActionRequest, 'flow' | 'action'>;

/** The order's schedules, locked on Postgres so that the overdue sweep waits for the payment (SQLite writes one at a time). */
async function schedulesOf(trx: Knex.Transaction, order: number): Promise<Schedule[]> {
	const query = trx('payment_schedules').where({ order }).select('id', 'due_date', 'amount', 'paid_amount', 'status');
	const rows: Row[] = trx.client.config.client === 'pg' ? await query.forUpdate() : await query;
	return rows.map((s) => ({
		id: Number(s.id),
		due_date: toDate(s.due_date),
		amount: toCents(s.amount) ?? 0,
		paid_amount: toCents(s.paid_amount) ?? 0,
		status: s.status as ScheduleStatus,
	}));
}

/**
 * `POST /visit-flow/orders/:id/payments { amount, received_at, method }`: Finance (or an
 * Administrator) records a payment; it reaches the oldest open schedules first, an amount above
 * what is open on the order is refused. Returns the payment as the caller sees it, with its order.
 */
export async function recordOrderPayment(ctx: FlowContext, request: Stamping): Promise<Record<string, unknown>> {
	const { caller, language } = await loadCaller(ctx.database, request.accountability, request.acceptLanguage);
	const body = request.body ?? {};
	const paymentId = await inFlowTransaction(ctx.database, async (trx) => {
		const schema = await ctx.getSchema({ database: trx });
		await lockVisible(ctx, trx, schema, 'sales_orders', request.id, request.accountability);
		const row = await trx('sales_orders').where({ id: request.id }).first();
		const order: Order = {
			amount: toCents(row.amount) ?? 0,
			paid_amount: toCents(row.paid_amount) ?? 0,
			status: row.status,
			delivered: row.status === 'delivered',
		};
		const now = new Date();
		const { timezone } = await loadSettings(trx);
		const details = paymentDetails(body, now, timezone);
		const schedules = await schedulesOf(trx, row.id);
		const allocation = recordPayment(caller, order, schedules, body.amount);
		if ('code' in allocation) throw new Refused(allocation);
		if ('code' in details) throw new Refused(details);

		const writer: Writer = (collection) =>
			new ctx.services.ItemsService(collection, {
				schema,
				accountability: flowAccountability(request.accountability),
				knex: trx,
			});
		const payment = await writer('payments').createOne({
			order: row.id,
			amount: fromCents(toCents(body.amount)!),
			received_at: details.received_at,
			method: details.method,
			recorded_by: caller.id || null,
		});
		const owner = (await orderFacts(trx, row)).owner;
		const logs = [];
		const before = new Map(schedules.map((s) => [s.id, s.status]));
		for (const s of allocation.schedules) {
			const from = before.get(s.id)!;
			// Only a settled schedule changes state; a partly paid one keeps the sweep's status.
			const settled =
				from !== s.status
					? followOn('payment_schedule', { id: s.id, status: from, owner }, s.status, caller, now)
					: null;
			if (settled && !settled.ok) throw new Refused(settled.refusal);
			await writer('payment_schedules').updateOne(s.id, {
				paid_amount: fromCents(s.paid_amount),
				...(settled ? settled.patch : {}),
			});
			if (settled) logs.push(settled.log);
		}
		const settled =
			allocation.order.status !== order.status
				? followOn('order', { id: Number(row.id), status: order.status, owner }, allocation.order.status, caller, now)
				: null;
		if (settled && !settled.ok) throw new Refused(settled.refusal);
		await writer('sales_orders').updateOne(row.id, {
			paid_amount: fromCents(allocation.order.paid_amount),
			...(settled ? settled.patch : {}),
		});
		if (settled) logs.push(settled.log);
		if (logs.length > 0) await writer('approval_log').createMany(logs);
		return payment;
	}).catch(asDirectusError(language));
	await clearDataCache(ctx);
	const payments = new ctx.services.ItemsService('payments', {
		schema: await ctx.getSchema(),
		accountability: request.accountability,
		knex: ctx.database,
	});
	return payments.readOne(paymentId, { fields: ['*', 'order.id', 'order.paid_amount', 'order.status'] });
}
