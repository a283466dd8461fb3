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
import { complianceAs, QUOTA_READS } from './compliance.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';
import { readableKeys, reachesOwner, readReaches } from './readable.ts';
import { loadSettings } from './settings.ts';
import type { FlowContext } from './context.ts';

export async function customerQuota(
	ctx: FlowContext,
	accountability: Accountability | null,
	id: string,
	query: Record<string, unknown>,
	acceptLanguage?: string,
) {
	const db = ctx.database;
	const key = toId(id);
	const [{ language }, settings, reaches, row] = await Promise.all([
		loadCaller(db, accountability, acceptLanguage),
		loadSettings(db),
		accountability && !accountability.admin ? readReaches(db, accountability, QUOTA_READS) : null,
		(key === null ? undefined : db('customers').where({ id: key }).first('owner', 'status')) as Promise<
			{ owner: string; status: string } | undefined
		>,
	]);
	if (!row) throw refusalError(refusal(404, 'quota_customer_missing'), language);

	// Readable when the caller's permissions cover the owner's customers, else as Directus reads it.
	const reach = reaches?.get('customers');
	const covered = accountability && reach ? await reachesOwner(db, accountability, reach, row.owner) : false;
	if (!covered && !(await readableKeys(ctx, accountability, db, 'customers', [key!])).size)
		throw refusalError(refusal(403, 'quota_customer'), language);

	const all = await complianceAs(
		ctx,
		accountability,
		{ period: query.period, owner: row.owner },
		{ language, timezone: settings.timezone, reaches },
	);
	// Only active customers are counted: a dormant or churned one has no line.
	const line = all.customers.find((c) => c.customer === key) ?? null;
	return { period: all.period, today: all.today, customer: key, status: row.status, line };
}
