/**
 * `/visit-quotas`: how the customers stand against their visit quotas.
 *
 *   GET /visit-quotas/compliance?period=YYYY-MM[&owner=…]
 *   GET /visit-quotas/customers/:id?period=YYYY-MM   one customer's line (the customer form)
 *   GET /visit-quotas/lead-follow-ups[?owner=…]
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { compliance } from '../flow/compliance.ts';
import { customerQuota } from '../flow/customer-quota.ts';
import { handle } from '../flow/http.ts';
import { leadFollowUps } from '../flow/leads.ts';
import type { FlowContext } from '../flow/context.ts';

export default defineEndpoint({
	id: 'visit-quotas',
	handler: (router, { services, database, getSchema, logger }) => {
		const ctx: FlowContext = { database, services, getSchema, logger };
		router.get(
			'/compliance',
			handle(async (req) =>
				compliance(
					ctx,
					req.accountability ?? null,
					req.query as Record<string, unknown>,
					req.headers['accept-language'],
				),
			),
		);
		router.get(
			'/customers/:id',
			handle(async (req) =>
				customerQuota(
					ctx,
					req.accountability ?? null,
					req.params.id!,
					req.query as Record<string, unknown>,
					req.headers['accept-language'],
				),
			),
		);
		router.get(
			'/lead-follow-ups',
			handle(async (req) =>
				leadFollowUps(
					ctx,
					req.accountability ?? null,
					req.query as Record<string, unknown>,
					req.headers['accept-language'],
				),
			),
		);
	},
});
