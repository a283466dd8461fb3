/**
 * `GET /visit-flow/actions/:collection/:id`: reads the item as the caller (an item they may
 * not read does not exist for them), the same facts a transition reads, and hands them to
 * domain/actions.ts.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import type { ItemActions } from '../domain/action-model.ts';
import { collectionFlows } from '../domain/action-routes.ts';
import { itemActions, type FlowFacts, type ItemExtras } from '../domain/actions.ts';
import type { Caller } from '../domain/approval.ts';
import { toId } from '../domain/input.ts';
import type { Language } from '../domain/language.ts';
import { refusal } from '../domain/refusals.ts';
import { REPORT_FIELDS } from '../domain/visit-rules.ts';
import { refusalError } from './errors.ts';
import { loadFacts, type Sees } from './facts.ts';
import { loadCaller, loadPerson } from './people.ts';
import { seesAs } from './readable.ts';
import { loadSettings, type VisitSettings } from './settings.ts';
import type { FlowContext, Row } from './context.ts';
import { toDate, toIso } from './values.ts';

/** What one caller's questions share: who they are, the settings, each person read once, what they may read. */
export interface ActionReader {
	caller: Caller;
	language: Language;
	settings: VisitSettings;
	sees: Sees;
	person: typeof loadPerson;
}

export async function actionReader(
	ctx: FlowContext,
	accountability: Accountability | null,
	acceptLanguage?: string,
): Promise<ActionReader> {
	const knex = ctx.database;
	const { caller, language } = await loadCaller(knex, accountability, acceptLanguage);
	const people = new Map<string, ReturnType<typeof loadPerson>>();
	const person: typeof loadPerson = (db, key) => {
		if (!people.has(key)) people.set(key, loadPerson(db, key));
		return people.get(key)!;
	};
	return { caller, language, settings: await loadSettings(knex), sees: seesAs(ctx, accountability, knex), person };
}

/** The actions on one row the caller reads (a report's are its visit's: `row` is then the visit). */
export async function actionsOfRow(
	knex: Knex,
	reader: ActionReader,
	collection: string,
	id: number,
	row: Row,
	report: Row | null = null,
): Promise<ItemActions> {
	const { caller, language, settings, sees, person } = reader;
	const flowKeys = collectionFlows[collection]!;
	const flows: FlowFacts[] = [];
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

export async function actionsFor(
	ctx: FlowContext,
	accountability: Accountability | null,
	collection: string,
	rawId: unknown,
	acceptLanguage?: string,
): Promise<ItemActions> {
	const knex = ctx.database;
	const reader = await actionReader(ctx, accountability, acceptLanguage);
	const fail = (problem: Parameters<typeof refusalError>[0]) => refusalError(problem, reader.language);
	if (!Object.hasOwn(collectionFlows, collection))
		throw fail(refusal(404, 'actions_collection', { collection: collection.slice(0, 64) }));
	const id = toId(rawId);
	if (id === null) throw fail(refusal(400, 'bad_request'));

	const { sees } = reader;
	if (!(await sees(collection, id))) throw fail(refusal(404, 'not_found'));
	let row: Row = await knex(collection).where({ id }).first();
	const report = collection === 'visit_reports' ? row : null;
	if (report) {
		// A report's actions are its visit's: they need the visit as much as the report.
		if (!(await sees('visits', Number(report.visit)))) throw fail(refusal(404, 'not_found'));
		row = await knex('visits').where({ id: report.visit }).first();
	}
	return actionsOfRow(knex, reader, collection, id, row, report);
}
