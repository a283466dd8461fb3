/**
 * The flows' guard on every write path of the items API (and the order of a product's prices),
 * the fields derived when plans, visits, expense requests, daily reports, quotes and quote lines are saved, and the
 * scheduled deadline sweeps.
 */
import { defineHook } from '@directus/extensions-sdk';
import type { EventContext, Item, PrimaryKey } from '@directus/types';
import { countersLost, syncCounters } from '../counters/rebuild.ts';
import { dropTriggersForSchemaChange } from '../counters/triggers.ts';
import { deriveResponseDue, scheduleFirstRevisits } from '../flow/care.ts';
import { stampChurn } from '../flow/churn.ts';
import { deriveDailyReport, deriveExpense, deriveRequiresApplication, deriveSubmitDue } from '../flow/derived.ts';
import { guardRelations } from '../flow/relations.ts';
import { guardCreate, guardDelete, guardUpdate, isGuarded } from '../flow/guard.ts';
import { checkContractCreate } from '../flow/contracts.ts';
import { deriveOpportunityCreate } from '../flow/opportunities.ts';
import { deriveReport } from '../flow/periodic-reports.ts';
import { guardPrices } from '../flow/prices.ts';
import {
	checkLineCreate,
	checkLineUpdate,
	deriveInWrite,
	noteFormerQuotes,
	numberQuote,
	type WriteLog,
} from '../flow/quotes.ts';
import { refuseHistoryEdit } from '../flow/leads.ts';
import { restoreCustomerPoints } from '../setup/customer-points.ts';
import { restoreGradeHistory } from '../setup/grade-history.ts';
import { restoreSweepMarks } from '../setup/sweep-marks.ts';
import { checkPayload } from '../flow/payload-check.ts';
import type { FlowContext } from '../flow/context.ts';
import { loadSettings } from '../flow/settings.ts';
import { sweep } from '../flow/sweeps.ts';
import { keepTracking } from '../flow/tracked.ts';
import { isFlowWrite } from '../flow/writer.ts';

export default defineHook(({ filter, action, schedule }, { services, database, getSchema, logger, env }) => {
	const base: FlowContext = { database, services, getSchema, logger };
	const guardContext = (context: EventContext) => ({
		...base,
		database: context.database ?? database,
		accountability: context.accountability ?? null,
	});

	// First of the filters: a value that does not fit its column is a 400 before any rule reads it.
	filter<Item>('items.create', async (payload, { collection }, context) => {
		if (!isFlowWrite(context.accountability))
			await checkPayload(context.database ?? database, context.accountability ?? null, collection, payload);
		return payload;
	});
	filter<Item>('items.update', async (payload, { collection, keys }, context) => {
		if (!isFlowWrite(context.accountability))
			await checkPayload(context.database ?? database, context.accountability ?? null, collection, payload, keys);
		return payload;
	});

	// Then: every relation must point at a row the caller may use, before any other refusal describes it.
	for (const event of ['items.create', 'items.update'])
		filter<Item>(
			event,
			async (payload, { collection }, context) => (
				await guardRelations(guardContext(context), collection, payload),
				payload
			),
		);

	filter<Item>('items.create', async (payload, { collection }, context) => {
		if (!isGuarded(collection) || isFlowWrite(context.accountability)) return payload;
		return guardCreate(guardContext(context), collection, payload);
	});

	filter<Item>('items.update', async (payload, { collection, keys }, context) => {
		if (!isGuarded(collection) || isFlowWrite(context.accountability)) return payload;
		return guardUpdate(guardContext(context), collection, keys, payload);
	});

	// Once the guard has refused hand-set fields: lines that cannot be priced, a quote's or a contract's number (and a contract's source), an opportunity's probability.
	filter<Item>('items.create', async (payload, { collection }, context) => {
		if (isFlowWrite(context.accountability)) return payload;
		if (collection === 'quote_lines') await checkLineCreate(guardContext(context), payload);
		if (collection === 'quotes') return numberQuote(guardContext(context), payload);
		if (collection === 'contracts') return checkContractCreate(guardContext(context), payload);
		if (collection === 'opportunities') return deriveOpportunityCreate(guardContext(context), payload);
		return payload;
	});
	filter<Item>('items.update', async (payload, { collection, keys }, context) => {
		if (collection === 'quote_lines' && !isFlowWrite(context.accountability))
			await checkLineUpdate(guardContext(context), keys, payload);
		if (collection === 'quote_lines' && 'quote' in payload) await noteFormerQuotes(context.database ?? database, keys);
		return payload;
	});

	filter<Item>('products.items.create', async (payload, _meta, context) => {
		await guardPrices(guardContext(context), null, payload);
		return payload;
	});
	filter<Item>('products.items.update', async (payload, { keys }, context) => {
		await guardPrices(guardContext(context), keys, payload);
		return payload;
	});

	filter<PrimaryKey[]>('items.delete', async (keys, { collection }, context) => {
		if (isGuarded(collection) && !isFlowWrite(context.accountability))
			await guardDelete(guardContext(context), collection, keys);
		// The rows are gone by the time their totals are written (deriveInWrite): their quotes are noted now.
		if (collection === 'quote_lines') await noteFormerQuotes(context.database ?? database, keys);
		return keys;
	});

	// Quote lines', quotes' and periodic reports' derived values, in the transaction of their write: Directus logs each row's activity there.
	filter<WriteLog>('activity.create', async (log, _meta, context) => {
		await deriveInWrite(context.database, log);
		if (log.collection === 'periodic_reports' && (log.action === 'create' || log.action === 'update'))
			await deriveReport(context.database, log.item);
		return log;
	});
	filter<{ accountability?: unknown }>('collections.update', async (meta, { keys }, context) => {
		await keepTracking(context.database ?? database, context.accountability ?? null, keys, meta);
		return meta;
	});

	// Derived fields, after the save has committed (a failure is logged, the save stands).
	const derive = (work: () => Promise<void>) =>
		work().catch((error) => logger.error(error, 'visit-flow: could not derive fields'));

	// When a customer was lost: after the save, whoever wrote the status.
	action('customers.items.create', ({ key, payload }) => {
		if (payload.status === 'churned' || 'churned_at' in payload) return derive(() => stampChurn(base, [key]));
	});
	action('customers.items.update', ({ keys, payload }) => {
		if ('status' in payload || 'churned_at' in payload) return derive(() => stampChurn(base, keys));
	});
	// Lead grade history: written by a trigger in the transaction of each change (setup/grade-history.ts), read-only here.
	for (const event of ['create', 'update', 'delete'])
		filter(`lead_grade_changes.items.${event}`, async (_: unknown, __: unknown, context) =>
			refuseHistoryEdit(guardContext(context)),
		);
	// A schema change on SQLite may rebuild a table without its triggers: the grade history, sweep marks, customer locations and KPI counters get theirs back.
	// One after the other: a restore still running from the last change must not put triggers back under the next.
	let schemaWork: Promise<void> = Promise.resolve();
	const inTurn = (work: () => Promise<void>) => {
		const turn = schemaWork.then(work);
		schemaWork = turn.catch(() => undefined);
		return turn;
	};
	for (const event of [
		'fields.create',
		'fields.update',
		'fields.delete',
		'relations.create',
		'relations.update',
		'relations.delete',
	]) {
		// The counter triggers name other tables, which SQLite then cannot rebuild: they step aside first.
		filter(event, async (payload, _meta, context) => {
			// On the connection the change is made with: inside setup's transaction, SQLite has no other.
			await inTurn(() => dropTriggersForSchemaChange(context.database));
			return payload;
		});
		action(event, () =>
			inTurn(async () => {
				await restoreGradeHistory(database).catch((error) =>
					logger.error(error, 'visit-flow: could not restore the lead grade history trigger'),
				);
				await restoreSweepMarks(database).catch((error) =>
					logger.error(error, 'visit-flow: could not restore the sweep mark triggers'),
				);
				await restoreCustomerPoints(database).catch((error) =>
					logger.error(error, 'visit-flow: could not restore the customer location triggers'),
				);
				// The KPI counter triggers too; the counters are recounted, as writes may have missed them.
				await (async () => {
					if (await countersLost(database)) await syncCounters(database, (await loadSettings(database)).timezone);
				})().catch((error) => logger.error(error, 'visit-flow: could not restore the KPI counter triggers'));
			}),
		);
	}

	// The counters' months are local: another time zone recounts them.
	action('visit_settings.items.update', ({ payload }) => {
		if ('timezone' in payload)
			return derive(async () => void (await syncCounters(database, (await loadSettings(database)).timezone)));
	});

	action('visit_plans.items.create', ({ key }, { accountability }) =>
		derive(() => deriveSubmitDue(base, accountability, [key])),
	);
	action('visit_plans.items.update', ({ keys, payload }, { accountability }) => {
		if ('period_type' in payload || 'period_start' in payload)
			return derive(() => deriveSubmitDue(base, accountability, keys));
	});
	action('visits.items.create', ({ key }, { accountability }) =>
		derive(() => deriveRequiresApplication(base, accountability, [key])),
	);
	action('visits.items.update', ({ keys, payload }, { accountability }) => {
		if ('travel' in payload || 'plan_item' in payload || 'channel' in payload)
			return derive(() => deriveRequiresApplication(base, accountability, keys));
	});
	action('expense_requests.items.create', ({ key }, { accountability }) =>
		derive(() => deriveExpense(base, accountability, key)),
	);
	action('daily_reports.items.create', ({ key }, { accountability }) =>
		derive(() => deriveDailyReport(base, accountability, key)),
	);
	// A signed order gets its first revisit; a later edit (un-cancelling it, say) tries again, and the schedule key keeps it to one.
	action('sales_orders.items.create', ({ key }) => derive(() => scheduleFirstRevisits(base, [key])));
	action('sales_orders.items.update', ({ keys }) => derive(() => scheduleFirstRevisits(base, keys)));
	action('complaints.items.create', ({ key }, { accountability }) =>
		derive(() => deriveResponseDue(base, accountability, [key])),
	);
	action('complaints.items.update', ({ keys, payload }, { accountability }) => {
		if ('received_at' in payload || 'severity' in payload)
			return derive(() => deriveResponseDue(base, accountability, keys));
	});

	// The deadline sweeps; SWEEP_SCHEDULE (cron, seconds allowed) changes when, `off` stops them.
	const cron = String(env.SWEEP_SCHEDULE ?? '* * * * *');
	if (cron !== 'off') {
		schedule(cron, async () => {
			try {
				await sweep(base);
			} catch (error) {
				logger.error(error, 'visit-flow: sweep failed');
			}
		});
	}
});
