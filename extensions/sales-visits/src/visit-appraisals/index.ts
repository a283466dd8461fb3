/**
 * `/visit-appraisals`: generating a period's appraisals (考核结果), thin over flow/appraisals.ts.
 *
 *   POST /visit-appraisals/generate?period=YYYY-MM|YYYY-Qn|YYYY   (Administrator)
 *
 * Answers `{ period, period_type, created, updated, unchanged, kept, commission }`: the period's
 * commission statements (each of its months) are generated with its appraisals. The transitions of
 * an appraisal are under /visit-flow/appraisals/:id/… (confirm, approve, return).
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { generateAppraisalsAs } from '../flow/appraisals.ts';
import { handle } from '../flow/http.ts';
import type { FlowContext } from '../flow/context.ts';

export default defineEndpoint({
	id: 'visit-appraisals',
	handler: (router, { services, database, getSchema, logger }) => {
		const ctx: FlowContext = { database, services, getSchema, logger };
		router.post(
			'/generate',
			handle(async (req) =>
				generateAppraisalsAs(ctx, req.accountability ?? null, req.query.period, req.headers['accept-language']),
			),
		);
	},
});
