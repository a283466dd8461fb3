/** visit_settings and the work calendar, as the flows read them. */
import type { Knex } from 'knex';
import { collections } from '../schema/collections.ts';
import { stageProbabilities, type StageProbabilities } from '../domain/stage-probabilities.ts';
import type { WorkCalendar } from '../domain/work-days.ts';
import { toDate } from './values.ts';

export interface VisitSettings {
	timezone: string;
	month_plan_due: string;
	week_plan_due_weekday: string;
	application_lead_hours: number;
	require_application_for_unplanned: boolean;
	report_deadline_hours: number | null;
	report_deadline_workdays: number | null;
	daily_report_due_time: string;
	reminder_before_due_hours: number;
	geofence_radius_m: number;
	geofence_mode: 'soft' | 'hard';
	unapproved_check_in: 'refuse' | 'flag';
	check_in_max_accuracy_m: number;
	check_in_max_fix_age_s: number;
	require_filing_before_check_in: boolean;
	check_in_window_hours: number | null;
	complaint_response_minutes: number;
	complaint_response_minutes_low: number | null;
	complaint_response_minutes_high: number | null;
	complaint_response_minutes_critical: number | null;
	complaint_resolution_minutes_low: number;
	complaint_resolution_minutes_medium: number;
	complaint_resolution_minutes_high: number;
	complaint_resolution_minutes_critical: number;
	first_revisit_days: number;
	periodic_revisit_months: number;
	key_account_revisit_months: number;
	largest_account_revisit_months: number;
	largest_account_annual_purchase: number;
	complaint_revisit_days: number;
	birthday_reminder_days: number;
	plan_coverage_check: 'warn' | 'block';
	quote_response_hours: number;
	stage_probabilities: StageProbabilities;
	weekly_report_due: string;
	monthly_report_due_day: number;
	reception_report_hours: number;
	lead_interval_h_days: number;
	lead_interval_a_days: number;
	lead_interval_b_days: number;
	lead_interval_c_days: number;
	lead_interval_o_days: number;
}

/** The schema's column defaults are the settings' defaults: one source for both. */
const columns = new Map(
	collections
		.find((c) => c.collection === 'visit_settings')!
		.fields.filter((f) => f.schema)
		.map((f) => [f.field, f]),
);
const NUMERIC = new Set(['integer', 'float', 'decimal']);

/** The singleton's row; a missing row or an emptied field falls back to the default. */
export async function loadSettings(knex: Knex): Promise<VisitSettings> {
	const row: Record<string, unknown> = (await knex('visit_settings').first()) ?? {};
	const settings: Record<string, unknown> = {};
	for (const [field, spec] of columns) {
		const value = row[field] ?? spec.schema!.default_value ?? null;
		// SQLite hands booleans back as 0/1 and Postgres decimals as strings.
		settings[field] =
			value === null
				? null
				: spec.type === 'boolean'
					? Boolean(value)
					: NUMERIC.has(spec.type)
						? Number(value)
						: String(value);
	}
	// JSON: text on SQLite, an object on Postgres; each stage over its default.
	settings.stage_probabilities = stageProbabilities(row.stage_probabilities);
	return settings as unknown as VisitSettings;
}

/**
 * The calendar's exceptions (a few dozen a year). Read whole: SQLite holds a date as text
 * or as epoch milliseconds depending on who wrote it, so a range in SQL would miss rows.
 */
export async function loadCalendar(knex: Knex): Promise<WorkCalendar> {
	const rows: { date: unknown; is_workday: boolean | number }[] = await knex('work_calendar').select(
		'date',
		'is_workday',
	);
	return new Map(rows.map((r) => [toDate(r.date), Boolean(r.is_workday)]));
}
