/**
 * `/visit-targets`: breaking targets down (目标分解), thin over flow/targets.ts.
 *
 *   POST /visit-targets/split { "parent": <target id>, "weights"?: [12 numbers], "shares"?: { "<user id>": number } }
 *   GET  /visit-targets/weights?parent=<target id>  → the month weights the split uses when given none
 *   GET  /visit-targets/attainment?year=YYYY         → 目标达成, person × month, of the targets the caller reads
 *   GET  /visit-targets/may-split                    → { split }: whether the caller breaks targets down (the split screen)
 *
 * The transitions of a target are under /visit-flow/targets/:id/… (submit, approve, reject, confirm, revise).
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import { handle } from '../flow/http.ts';
import { targetAttainment } from '../flow/target-attainment.ts';
import { defaultMonthWeights, mayCallerSplit, splitTarget } from '../flow/targets.ts';
import type { FlowContext } from '../flow/context.ts';

export default defineEndpoint({
	id: 'visit-targets',
	handler: (router, { services, database, getSchema, logger }) => {
		const ctx: FlowContext = { database, services, getSchema, logger };
		router.post(
			'/split',
			handle(async (req) => splitTarget(ctx, req.accountability ?? null, req.body, req.headers['accept-language'])),
		);
		router.get(
			'/weights',
			handle(async (req) =>
				defaultMonthWeights(ctx, req.accountability ?? null, req.query, req.headers['accept-language']),
			),
		);
		router.get(
			'/may-split',
			handle(async (req) => mayCallerSplit(ctx, req.accountability ?? null, req.headers['accept-language'])),
		);
		router.get(
			'/attainment',
			handle(async (req) =>
				targetAttainment(ctx, req.accountability ?? null, req.query, req.headers['accept-language']),
			),
		);
	},
});
