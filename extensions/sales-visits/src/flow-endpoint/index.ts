/**
 * `/visit-flow`: the approval actions of the contract, thin wrappers over the one flow
 * service, acting with the caller's accountability.
 *
 *   POST /visit-flow/plans/:id/submit | approve | reject | revise      { "comment": "…" }
 *   POST /visit-flow/visits/:id/application | application/approve | application/reject | application/file
 *   POST /visit-flow/expenses/:id/approve | reject
 *   POST /visit-flow/visits/:id/check-in { latitude, longitude, accuracy, timestamp, reason } | check-in/acknowledge | check-out | cancel
 *   POST /visit-flow/visits/:id/report { summary, …, follow_ups: [{ description, due_date }] } | report/review { decision, comment }
 *   POST /visit-flow/follow-ups/:id/complete | cancel
 *   POST /visit-flow/revisits/:id/done { satisfaction: 1–5, notes } | cancel { comment }
 *   POST /visit-flow/complaints/:id/respond | resolve { resolution } | close
 *   GET  /visit-flow/route?date=YYYY-MM-DD[&owner=…][&from=lat,lng]
 *   POST /visit-flow/sweeps/run   (Administrator: the scheduled sweeps, now)
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Request } from 'express';
import type { FlowKey } from '../domain/approval.ts';
import { FOLLOW_UPS_MAX, isCleanText, TEXT_MAX, toId } from '../domain/input.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { refusalError } from '../flow/errors.ts';
import { handle } from '../flow/http.ts';
import { loadCaller } from '../flow/people.ts';
import { dayRoute } from '../flow/route.ts';
import { runSweepsAs } from '../flow/sweeps.ts';
import type { FlowContext } from '../flow/context.ts';
import { acknowledgeOutsideCheckIn, fileVisitApplication, takeAction } from '../flow/transitions.ts';

/** The body's free text besides a report's (domain/visit-rules.ts readReport checks those). */
const TEXT_FIELDS = ['comment', 'reason', 'notes', 'resolution'] as const;

const routes: [path: string, flow: FlowKey, action: string][] = [
	['/plans/:id/submit', 'plan', 'submit'],
	['/plans/:id/approve', 'plan', 'approve'],
	['/plans/:id/reject', 'plan', 'reject'],
	['/plans/:id/revise', 'plan', 'revise'],
	['/visits/:id/application', 'application', 'apply'],
	['/visits/:id/application/approve', 'application', 'approve'],
	['/visits/:id/application/reject', 'application', 'reject'],
	['/expenses/:id/approve', 'expense', 'approve'],
	['/expenses/:id/reject', 'expense', 'reject'],
	['/visits/:id/check-in', 'visit', 'check_in'],
	['/visits/:id/check-out', 'visit', 'check_out'],
	['/visits/:id/cancel', 'visit', 'cancel'],
	['/visits/:id/report', 'report', 'submit'],
	['/follow-ups/:id/complete', 'follow_up', 'complete'],
	['/follow-ups/:id/cancel', 'follow_up', 'cancel'],
	['/revisits/:id/done', 'revisit', 'done'],
	['/revisits/:id/cancel', 'revisit', 'cancel'],
	['/complaints/:id/respond', 'complaint', 'respond'],
	['/complaints/:id/resolve', 'complaint', 'resolve'],
	['/complaints/:id/close', 'complaint', 'close'],
];

export default defineEndpoint({
	id: 'visit-flow',
	handler: (router, { services, database, getSchema, logger }) => {
		const ctx: FlowContext = { database, services, getSchema, logger };

		/** The id from the path, the comment and the body's free text checked, or a 400 in the caller's language. */
		async function parse(req: Request) {
			const accountability = req.accountability ?? null;
			const acceptLanguage = req.headers['accept-language'];
			const refuse = async (problem: FlowRefusal): Promise<never> => {
				const { language } = await loadCaller(database, accountability, acceptLanguage);
				throw refusalError(problem, language);
			};
			const id = toId(req.params.id);
			const body = (typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
			const comment = body.comment ?? null;
			if (id === null || (comment !== null && typeof comment !== 'string')) return refuse(refusal(400, 'bad_request'));
			for (const field of TEXT_FIELDS) {
				const value = body[field];
				if (typeof value === 'string' && !isCleanText(value)) return refuse(refusal(400, 'text_invalid', { field, max: String(TEXT_MAX) }));
			}
			// Refused before any row is locked; readReport checks each one.
			if (Array.isArray(body.follow_ups) && body.follow_ups.length > FOLLOW_UPS_MAX) return refuse(refusal(400, 'follow_ups_too_many', { max: String(FOLLOW_UPS_MAX) }));
			return { id, comment: comment as string | null, accountability, acceptLanguage, body };
		}

		for (const [path, flow, action] of routes) {
			router.post(path, handle(async (req) => takeAction(ctx, { flow, action, ...(await parse(req)) })));
		}
		router.post('/visits/:id/application/file', handle(async (req) => fileVisitApplication(ctx, await parse(req))));
		router.post('/visits/:id/check-in/acknowledge', handle(async (req) => acknowledgeOutsideCheckIn(ctx, await parse(req))));
		router.post(
			'/visits/:id/report/review',
			handle(async (req) => {
				const request = await parse(req);
				const decision = request.body.decision;
				if (decision !== 'approved' && decision !== 'returned') {
					const { language } = await loadCaller(database, request.accountability, request.acceptLanguage);
					throw refusalError(refusal(400, 'review_decision'), language);
				}
				return takeAction(ctx, { flow: 'report', action: decision === 'approved' ? 'approve' : 'return', ...request });
			}),
		);
		router.get('/route', handle(async (req) => dayRoute(ctx, req.accountability ?? null, req.query as Record<string, unknown>, req.headers['accept-language'])));
		router.post('/sweeps/run', handle(async (req) => runSweepsAs(ctx, req.accountability ?? null, req.headers['accept-language'])));
	},
});
