/** visit_settings and the work calendar, as the flows read them. */
import type { Knex } from 'knex';
import type { WorkCalendar } from '../domain/work-days.ts';
import { toDate } from './values.ts';

export interface VisitSettings {
	timezone: string;
	month_plan_due: string;
	week_plan_due_weekday: string;
	application_lead_hours: number;
	require_application_for_unplanned: boolean;
}

const DEFAULTS: VisitSettings = {
	timezone: 'Asia/Shanghai',
	month_plan_due: 'last_day_of_prior_month',
	week_plan_due_weekday: '0',
	application_lead_hours: 24,
	require_application_for_unplanned: true,
};

export async function loadSettings(knex: Knex): Promise<VisitSettings> {
	const row = await knex('visit_settings').first(Object.keys(DEFAULTS));
	const settings = { ...DEFAULTS, ...Object.fromEntries(Object.entries(row ?? {}).filter(([, v]) => v !== null)) } as VisitSettings;
	// SQLite stores booleans as 0/1.
	return { ...settings, require_application_for_unplanned: Boolean(settings.require_application_for_unplanned), application_lead_hours: Number(settings.application_lead_hours) };
}

/**
 * The calendar's exceptions (a few dozen a year). Read whole: SQLite holds a date as text
 * or as epoch milliseconds depending on who wrote it, so a range in SQL would miss rows.
 */
export async function loadCalendar(knex: Knex): Promise<WorkCalendar> {
	const rows: { date: unknown; is_workday: boolean | number }[] = await knex('work_calendar').select('date', 'is_workday');
	return new Map(rows.map((r) => [toDate(r.date), Boolean(r.is_workday)]));
}
