/**
 * 验收 in the API shell: a delivery accepted by the owner or an assistant delivers its order in
 * the same transaction, logged like the acceptance (domain/sales-flows.ts followOn).
 */
import type { Knex } from 'knex';
import type { Caller } from '../domain/approval.ts';
import { followOn, type SalesFacts } from '../domain/sales-flows.ts';
import type { Row, Writer } from './context.ts';
import { Refused } from './errors.ts';
import { loadPerson } from './people.ts';
import { lockRow } from './writer.ts';

/** The order's facts for its system transitions: its state and owner. */
export async function orderFacts(trx: Knex.Transaction, order: Row): Promise<SalesFacts> {
	const { language: _, ...owner } = await loadPerson(trx, order.owner);
	return { id: Number(order.id), status: order.status, owner };
}

/** 验收: an accepted delivery moves its order to `delivered` (a paid or cancelled order stays as it is). */
export async function deliverOrder(
	trx: Knex.Transaction,
	writer: Writer,
	orderId: number,
	caller: Caller,
	now: Date,
): Promise<void> {
	if (!(await lockRow(trx, 'sales_orders', orderId))) return;
	const order = await trx('sales_orders').where({ id: orderId }).first('id', 'status', 'owner');
	const step = followOn('order', await orderFacts(trx, order), 'delivered', caller, now);
	if (step === null) return;
	if (!step.ok) throw new Refused(step.refusal);
	await writer('sales_orders').updateOne(order.id, step.patch);
	await writer('approval_log').createOne(step.log);
}
