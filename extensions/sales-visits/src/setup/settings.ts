/** Project settings, the visit_settings singleton and constraints a snapshot cannot express. */
import type { Knex } from 'knex';

const PROJECT = {
	project_name: '销售拜访管理',
	project_descriptor: 'Sales Visits',
	project_color: '#C8102E',
	default_language: 'zh-CN',
};

/** Brands a freshly bootstrapped project once; later changes in the Studio are kept. */
export async function applyProjectSettings(knex: Knex): Promise<void> {
	const settings = await knex('directus_settings').first('id', 'project_name');
	if (!settings) await knex('directus_settings').insert(PROJECT);
	else if (settings.project_name === 'Directus') await knex('directus_settings').where({ id: settings.id }).update(PROJECT);
}

/** The singleton's row, created with the column defaults of the contract. */
export async function ensureVisitSettings(knex: Knex): Promise<void> {
	if (!(await knex('visit_settings').first('id'))) await knex('visit_settings').insert({ id: 1 });
}

/** A rep writes one daily report a day. */
export async function applyConstraints(knex: Knex): Promise<void> {
	await knex.raw('CREATE UNIQUE INDEX IF NOT EXISTS daily_reports_owner_date_unique ON daily_reports (owner, date)');
}
