/** Loads the public-holiday calendar: dates already present (maybe edited by an admin) are kept. */
import type { Knex } from 'knex';
import { workCalendar } from './work-calendar.ts';

export async function applyWorkCalendar(knex: Knex): Promise<number> {
	const present = new Set(
		(await knex('work_calendar').select('date')).map((r: { date: string | Date }) =>
			String(r.date instanceof Date ? r.date.toISOString() : r.date).slice(0, 10),
		),
	);
	const missing = workCalendar.filter((d) => !present.has(d.date));
	for (let i = 0; i < missing.length; i += 100) await knex('work_calendar').insert(missing.slice(i, i + 100));
	return missing.length;
}
