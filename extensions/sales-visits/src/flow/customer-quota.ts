/**
 * One customer's quota standing (`GET /visit-quotas/customers/:id?period=YYYY-MM`) for the
 * customer form. It is the customer's line of compliance() for the customer's owner, not a
 * second computation: "at risk" weighs the owner's whole backlog, so the form and the team
 * view must come from the same pass.
 *
 * Who may ask: whoever may read the customer through Directus' permissions (403 otherwise,
 * 404 when there is no such customer).
 */
import type { Accountability } from '@directus/types';
import { toId } from '../domain/input.ts';
import { refusal } from '../domain/refusals.ts';
import { compliance } from './compliance.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import type { FlowContext } from './context.ts';

export async function customerQuota(
	ctx: FlowContext,
	accountability: Accountability | null,
	id: string,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const { language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const key = toId(id);
	const row: { owner: string; status: string } | undefined =
		key === null ? undefined : await ctx.database('customers').where({ id: key }).first('owner', 'status');
	if (!row) throw refusalError(refusal(404, 'quota_customer_missing'), language);

	const customers = new ctx.services.ItemsService('customers', {
		schema: await ctx.getSchema(),
		accountability,
		knex: ctx.database,
	});
	// No read permission on customers at all (Legal) is the same answer.
	const readable = await customers
		.readByQuery({ filter: { id: { _eq: key } }, fields: ['id'], limit: 1 })
		.catch(() => []);
	if (readable.length === 0) throw refusalError(refusal(403, 'quota_customer'), language);

	const all = await compliance(ctx, accountability, { period: query.period, owner: row.owner }, acceptLanguage);
	// Only active customers are counted: a dormant or churned one has no line.
	const line = all.customers.find((c) => c.customer === key) ?? null;
	return { period: all.period, today: all.today, customer: key, status: row.status, line };
}
