/**
 * `/visit-kpi`: the KPIs of a person, a team or the company.
 *
 *   GET /visit-kpi/summary?period=YYYY-MM|YYYY-Qn|YYYY&scope=rep|team|company&id=…[&by=owner]
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { handle } from '../flow/http.ts';
import { kpiSummary } from '../flow/kpi.ts';
import type { FlowContext } from '../flow/context.ts';

export default defineEndpoint({
	id: 'visit-kpi',
	handler: (router, { services, database, getSchema, logger }) => {
		const ctx: FlowContext = { database, services, getSchema, logger };
		router.get(
			'/summary',
			handle(async (req) =>
				kpiSummary(
					ctx,
					req.accountability ?? null,
					req.query as Record<string, unknown>,
					req.headers['accept-language'],
				),
			),
		);
	},
});
