/**
 * Loads the public-holiday calendar: dates already present (maybe edited by an admin) are kept;
 * a present festival day not marked yet (a calendar from before festivals were marked) gets its mark.
 */
import type { Knex } from 'knex';
import { toDate } from '../flow/values.ts';
import { workCalendar } from './work-calendar.ts';

export async function applyWorkCalendar(knex: Knex): Promise<number> {
	const rows: { id: number; date: unknown; festival: string | null }[] = await knex('work_calendar').select(
		'id',
		'date',
		'festival',
	);
	const present = new Map(rows.map((r) => [toDate(r.date), r]));
	for (const day of workCalendar) {
		const row = present.get(day.date);
		if (day.festival && row && row.festival === null)
			await knex('work_calendar').where('id', row.id).update({ festival: day.festival });
	}
	const missing = workCalendar.filter((d) => !present.has(d.date));
	for (let i = 0; i < missing.length; i += 100) await knex('work_calendar').insert(missing.slice(i, i + 100));
	return missing.length;
}
