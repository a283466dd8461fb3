/** Project settings, the visit_settings singleton and constraints a snapshot cannot express. */
import type { Knex } from 'knex';
import { DEFAULT_STAGE_PROBABILITIES } from '../domain/stage-probabilities.ts';

/** The brand colour: the Studio's accent and the favicon's disc. */
export const PROJECT_COLOR = '#C8102E';

// No descriptor: the Studio shows it untranslated under the name, on every screen and in every language.
const PROJECT = {
	project_name: '销售拜访管理',
	project_descriptor: null,
	project_color: PROJECT_COLOR,
	default_language: 'zh-CN',
};

/**
 * Brands a freshly bootstrapped project once; later changes in the Studio are kept, but for the
 * English descriptor earlier versions set.
 */
export async function applyProjectSettings(knex: Knex): Promise<void> {
	const settings = await knex('directus_settings').first('id', 'project_name');
	if (!settings) await knex('directus_settings').insert(PROJECT);
	else if (settings.project_name === 'Directus')
		await knex('directus_settings').where({ id: settings.id }).update(PROJECT);
	await knex('directus_settings').where({ project_descriptor: 'Sales Visits' }).update({ project_descriptor: null });
}

/**
 * The project owner (Settings → 项目所有者): without one the Studio greets the first
 * Administrator with Directus's owner dialog. Set once from ADMIN_EMAIL, as Directus's own
 * PROJECT_OWNER does at bootstrap (no product updates); `project_status` pending leaves the
 * owner's report to directus.io, which its BSL licence asks for, to Directus's own daily job, as
 * after a report that failed. An owner an admin set is kept.
 */
export async function applyProjectOwner(knex: Knex, email: string | undefined): Promise<void> {
	if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) return;
	await knex('directus_settings').whereNull('project_owner').update({
		project_owner: email,
		project_usage: null,
		org_name: null,
		product_updates: false,
		project_status: 'pending',
	});
}

/**
 * The singleton's row, created with the column defaults of the contract; the stage
 * probabilities (JSON, which a column default does not carry on every vendor) are filled in
 * when empty, so the admin sees the figures the flows use.
 */
export async function ensureVisitSettings(knex: Knex): Promise<void> {
	if (!(await knex('visit_settings').first('id'))) await knex('visit_settings').insert({ id: 1 });
	await knex('visit_settings')
		.whereNull('stage_probabilities')
		.update({ stage_probabilities: JSON.stringify(DEFAULT_STAGE_PROBABILITIES) });
}

/** A rep writes one daily report a day. */
export async function applyConstraints(knex: Knex): Promise<void> {
	await knex.raw('CREATE UNIQUE INDEX IF NOT EXISTS daily_reports_owner_date_unique ON daily_reports (owner, date)');
}

/**
 * Sign-in settings. `auth_login_attempts` null: Directus suspends an account after that many
 * failures, so anyone who knows an e-mail could lock its owner (the admin included) out; the
 * access hook's per-client limit stops guessing instead. `auth_password_policy`: at least 12
 * characters, not all blank (length over composition rules, as NIST SP 800-63B advises).
 * Directus's install defaults (25 attempts, no policy) are replaced; a value an admin chose is kept.
 */
export const PASSWORD_POLICY = '/^(?=.*\\S).{12,}$/';
const INSTALL_DEFAULTS = { auth_login_attempts: 25, auth_password_policy: null };

export async function applyAccountSettings(knex: Knex): Promise<void> {
	const settings = await knex('directus_settings').first('id', 'auth_login_attempts', 'auth_password_policy');
	if (!settings) return;
	const changes: Record<string, unknown> = {};
	if (
		settings.auth_login_attempts !== null &&
		Number(settings.auth_login_attempts) === INSTALL_DEFAULTS.auth_login_attempts
	)
		changes.auth_login_attempts = null;
	if (settings.auth_password_policy === INSTALL_DEFAULTS.auth_password_policy)
		changes.auth_password_policy = PASSWORD_POLICY;
	if (Object.keys(changes).length) await knex('directus_settings').where({ id: settings.id }).update(changes);
}
