/**
 * `/visit-flow`: the approval actions of the contract (domain/action-routes.ts), thin wrappers
 * over the one flow service, acting with the caller's accountability.
 *
 *   POST /visit-flow/plans/:id/submit | approve | reject | revise      { "comment": "…" }
 *   POST /visit-flow/plans/:id/fill   → { id, added }: an editable month plan gets an item per visit its coverage check finds short
 *        (a month plan submitted with customers left short answers meta.outcome: { level, message, messages })
 *   POST /visit-flow/visits/:id/application | application/approve | application/reject | application/file
 *   POST /visit-flow/expenses/:id/approve | reject
 *   POST /visit-flow/visits/:id/check-in { latitude, longitude, accuracy, timestamp, reason } | check-in/acknowledge | check-out | cancel
 *   POST /visit-flow/visits/:id/reschedule { scheduled_start, reason } | reschedule/approve | reschedule/reject { comment }
 *   POST /visit-flow/visits/:id/report { summary, …, follow_ups: [{ description, due_date }] } | report/review { decision, comment }
 *   POST /visit-flow/follow-ups/:id/complete | cancel
 *   POST /visit-flow/revisits/:id/done { satisfaction: 1–5, notes } | cancel { comment } | review { comment }
 *        | escalate { comment (the reason), scheduled_start? }   (the supervisor reviews; a phone revisit asks for an on-site visit)
 *   POST /visit-flow/complaints/:id/respond | resolve { resolution } | close
 *   POST /visit-flow/opportunities/:id/advance { stage } | lose { lost_reason, comment (the loss analysis) }
 *   POST /visit-flow/quotes/:id/submit | approve | reject { comment } | send | accept
 *   POST /visit-flow/quotes/preview { lines: [{ product, quantity, unit_price }] }   (totals and approver before saving)
 *   POST /visit-flow/contracts/:id/submit | approve (the caller's review step) | reject { comment } | sign
 *   POST /visit-flow/deliveries/:id/accept | reject { comment }
 *   POST /visit-flow/orders/:id/payments { amount, received_at, method }   (Finance)
 *   POST /visit-flow/periodic-reports/:id/submit | review { decision: approved | returned, comment }
 *   POST /visit-flow/targets/:id/submit | approve | reject { comment } | confirm | revise
 *   GET  /visit-flow/actions/:collection/:id   (what the caller may do to the item now)
 *   GET  /visit-flow/home?date=YYYY-MM-DD   (the caller's first screen: what waits on them, oldest deadline first,
 *        the day's visits in route order with their next step, the month's plan, the front desk's day)
 *   POST /visit-flow/receptions/:id/approve | reject | arrive | leave | report { report, promises: [{ text, due_date? }] } | cancel
 *   GET  /visit-flow/receptions/today?date=YYYY-MM-DD   (the front desk's visitor log: expected and arrived, as the caller reads)
 *   GET  /visit-flow/receptions/front-desk   → { front_desk }: whether the caller reads receptions (the Studio's front-desk view)
 *   GET  /visit-flow/plans/:id/coverage   (a month plan's customers left short: live while editable, else as submitted;
 *        with `actions`: 按频次补齐 when the server offers it)
 *   GET  /visit-flow/periodic-reports/:id/facts   (the figures: live while the owner may edit, else as submitted)
 *   GET  /visit-flow/route?date=YYYY-MM-DD[&owner=…][&from=lat,lng]
 *   POST /visit-flow/commission-statements/:id/approve (a General Manager) | pay (Finance)
 *   POST /visit-flow/commission/generate?month=YYYY-MM   (Administrator: a month that has ended)
 *   POST /visit-flow/sweeps/run   (Administrator: the scheduled sweeps, now)
 *   POST /visit-flow/customers/handover { from, to, customers? }   (a manager in their team, an Administrator)
 */
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Request } from 'express';
import { actionRoutes, type ActionRoute } from '../domain/action-routes.ts';
import { FOLLOW_UPS_MAX, isCleanText, TEXT_MAX, toId } from '../domain/input.ts';
import { PROMISES_MAX } from '../domain/receptions.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { refusalError } from '../flow/errors.ts';
import { actionsFor } from '../flow/actions.ts';
import { handOver } from '../flow/handover.ts';
import { coverageWithFill, fillPlan } from '../flow/plan-fill.ts';
import { homeFor } from '../flow/home.ts';
import { handle, WithMeta } from '../flow/http.ts';
import { generateCommissionAs } from '../flow/commission.ts';
import { recordOrderPayment } from '../flow/payments.ts';
import { reportFactsAs } from '../flow/periodic-reports.ts';
import { mayUseFrontDesk, receptionsToday } from '../flow/receptions.ts';
import { loadCaller } from '../flow/people.ts';
import { previewQuoteAs } from '../flow/quote-preview.ts';
import { dayRoute } from '../flow/route.ts';
import { runSweepsAs } from '../flow/sweeps.ts';
import { reviseTarget } from '../flow/targets.ts';
import type { FlowContext } from '../flow/context.ts';
import { acknowledgeOutsideCheckIn, fileVisitApplication, takeAction } from '../flow/transitions.ts';

/** The body's free text besides a report's (domain/visit-rules.ts readReport checks those). */
const TEXT_FIELDS = ['comment', 'reason', 'notes', 'resolution', 'lost_analysis', 'report'] as const;

/** The stamps that are not transitions of the table. */
const stamps: Record<string, typeof fileVisitApplication> = {
	'application.file': fileVisitApplication,
	'visit.acknowledge': acknowledgeOutsideCheckIn,
	'order.pay': recordOrderPayment,
	'target.revise': reviseTarget,
	'plan.fill': fillPlan,
};

/** Routes by path: a review's two decisions share one path and differ in the body. */
const byPath = new Map<string, ActionRoute[]>();
for (const route of actionRoutes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);

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
			const body = (
				typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? req.body : {}
			) as Record<string, unknown>;
			const comment = body.comment ?? null;
			if (id === null || (comment !== null && typeof comment !== 'string')) return refuse(refusal(400, 'bad_request'));
			for (const field of TEXT_FIELDS) {
				const value = body[field];
				if (typeof value === 'string' && !isCleanText(value))
					return refuse(refusal(400, 'text_invalid', { field, max: String(TEXT_MAX) }));
			}
			// Refused before any row is locked; readReport and readPromises check each one.
			if (Array.isArray(body.follow_ups) && body.follow_ups.length > FOLLOW_UPS_MAX)
				return refuse(refusal(400, 'follow_ups_too_many', { max: String(FOLLOW_UPS_MAX) }));
			if (Array.isArray(body.promises) && body.promises.length > PROMISES_MAX)
				return refuse(refusal(400, 'reception_promises_invalid', { max: String(PROMISES_MAX) }));
			return { id, comment: comment as string | null, accountability, acceptLanguage, body };
		}

		for (const [path, routes] of byPath) {
			router.post(
				path,
				handle(async (req) => {
					const request = await parse(req);
					const route = routes.find((r) => Object.entries(r.body ?? {}).every(([k, v]) => request.body[k] === v));
					if (!route) {
						const { language } = await loadCaller(database, request.accountability, request.acceptLanguage);
						throw refusalError(refusal(400, 'review_decision'), language);
					}
					const stamp = stamps[route.key];
					if (stamp) return stamp(ctx, request);
					const { item, outcome } = await takeAction(ctx, { flow: route.flow, action: route.action, ...request });
					return outcome ? new WithMeta(item, { outcome }) : item;
				}),
			);
		}
		router.get(
			'/actions/:collection/:id',
			handle(async (req) =>
				actionsFor(
					ctx,
					req.accountability ?? null,
					String(req.params.collection),
					req.params.id,
					req.headers['accept-language'],
				),
			),
		);
		router.get(
			'/home',
			handle(async (req) =>
				homeFor(ctx, req.accountability ?? null, req.query as Record<string, unknown>, req.headers['accept-language']),
			),
		);
		router.post(
			'/quotes/preview',
			handle(async (req) => previewQuoteAs(ctx, req.accountability ?? null, req.body, req.headers['accept-language'])),
		);
		router.get(
			'/receptions/today',
			handle(async (req) =>
				receptionsToday(
					ctx,
					req.accountability ?? null,
					req.query as Record<string, unknown>,
					req.headers['accept-language'],
				),
			),
		);
		router.get(
			'/receptions/front-desk',
			handle(async (req) => mayUseFrontDesk(ctx, req.accountability ?? null)),
		);
		router.get(
			'/plans/:id/coverage',
			handle(async (req) =>
				coverageWithFill(ctx, req.accountability ?? null, req.params.id, req.headers['accept-language']),
			),
		);
		router.get(
			'/periodic-reports/:id/facts',
			handle(async (req) =>
				reportFactsAs(ctx, req.accountability ?? null, req.params.id, req.headers['accept-language']),
			),
		);
		router.get(
			'/route',
			handle(async (req) =>
				dayRoute(ctx, req.accountability ?? null, req.query as Record<string, unknown>, req.headers['accept-language']),
			),
		);
		router.post(
			'/commission/generate',
			handle(async (req) =>
				generateCommissionAs(ctx, req.accountability ?? null, req.query.month, req.headers['accept-language']),
			),
		);
		router.post(
			'/customers/handover',
			handle(async (req) =>
				handOver(
					ctx,
					req.accountability ?? null,
					typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? req.body : {},
					req.headers['accept-language'],
				),
			),
		);
		router.post(
			'/sweeps/run',
			handle(async (req) => runSweepsAs(ctx, req.accountability ?? null, req.headers['accept-language'])),
		);
	},
});
