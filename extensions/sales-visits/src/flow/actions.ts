/**
 * `GET /visit-flow/actions/:collection/:id`: reads the item as the caller (an item they may
 * not read does not exist for them), the same facts a transition reads, and hands them to
 * domain/actions.ts.
 */
import type { Accountability } from '@directus/types';
import type { ItemActions } from '../domain/action-model.ts';
import { collectionFlows } from '../domain/action-routes.ts';
import { itemActions, type FlowFacts, type ItemExtras } from '../domain/actions.ts';
import { toId } from '../domain/input.ts';
import { refusal } from '../domain/refusals.ts';
import { REPORT_FIELDS } from '../domain/visit-rules.ts';
import { refusalError } from './errors.ts';
import { loadFacts } from './facts.ts';
import { loadCaller, loadPerson } from './people.ts';
import { seesAs } from './readable.ts';
import { loadSettings } from './settings.ts';
import type { FlowContext, Row } from './context.ts';
import { toDate, toIso } from './values.ts';

export async function actionsFor(
	ctx: FlowContext,
	accountability: Accountability | null,
	collection: string,
	rawId: unknown,
	acceptLanguage?: string,
): Promise<ItemActions> {
	const knex = ctx.database;
	const { caller, language } = await loadCaller(knex, accountability, acceptLanguage);
	const fail = (problem: Parameters<typeof refusalError>[0]) => refusalError(problem, language);
	const flowKeys = Object.hasOwn(collectionFlows, collection) ? collectionFlows[collection]! : null;
	if (!flowKeys) throw fail(refusal(404, 'actions_collection', { collection: collection.slice(0, 64) }));
	const id = toId(rawId);
	if (id === null) throw fail(refusal(400, 'bad_request'));

	const sees = seesAs(ctx, accountability, knex);
	if (!(await sees(collection, id))) throw fail(refusal(404, 'not_found'));
	let row: Row = await knex(collection).where({ id }).first();
	const report = collection === 'visit_reports' ? row : null;
	if (report) {
		// A report's actions are its visit's: they need the visit as much as the report.
		if (!(await sees('visits', Number(report.visit)))) throw fail(refusal(404, 'not_found'));
		row = await knex('visits').where({ id: report.visit }).first();
	}

	const settings = await loadSettings(knex);
	const flows: FlowFacts[] = [];
	const people = new Map<string, ReturnType<typeof loadPerson>>();
	const person: typeof loadPerson = (db, key) => {
		if (!people.has(key)) people.set(key, loadPerson(db, key));
		return people.get(key)!;
	};
	for (const flow of flowKeys) flows.push({ flow, ...(await loadFacts(knex, flow, row, settings, sees, person)) });

	const extras: ItemExtras = {
		application_filed_at: toIso(row.application_filed_at),
		outside_geofence: Boolean(row.outside_geofence),
		geofence_acknowledged_at: toIso(row.geofence_acknowledged_at),
		due_date: row.due_date ? toDate(row.due_date) : null,
	};
	if (flowKeys.includes('report') && row.report_status === 'returned') {
		const held =
			report ??
			(await knex('visit_reports')
				.where({ visit: row.id })
				.first(...REPORT_FIELDS));
		if (held) extras.report = Object.fromEntries(REPORT_FIELDS.map((f) => [f, held[f] ?? null]));
	}
	return itemActions({
		collection,
		id,
		target: Number(row.id),
		flows,
		extras,
		caller,
		language,
		settings,
		now: new Date(),
	});
}
