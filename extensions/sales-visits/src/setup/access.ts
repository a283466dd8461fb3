/**
 * Writes the roles and policies of access/policies.ts into the directus_* tables.
 * Rows carry fixed ids, so re-running updates them in place; the permissions of our
 * own policies are replaced as a whole, and nothing an admin added elsewhere is touched.
 */
import type { Knex } from 'knex';
import { roles, type RoleDefinition } from '../access/policies.ts';

/** directus_access rows link each role to its policy under a fixed id. */
const accessId = (role: RoleDefinition) => role.policyId.replace(/01(\d\d)$/, '02$1');

export function policyRow(role: RoleDefinition) {
	return {
		id: role.policyId,
		name: role.name,
		icon: role.icon,
		description: role.description,
		ip_access: null,
		enforce_tfa: false,
		admin_access: false,
		app_access: role.appAccess,
	};
}

export function permissionRows(role: RoleDefinition) {
	return role.permissions.map((p) => ({
		policy: role.policyId,
		collection: p.collection,
		action: p.action,
		permissions: p.permissions === null ? null : JSON.stringify(p.permissions),
		validation: p.validation === null ? null : JSON.stringify(p.validation),
		presets: p.presets === null ? null : JSON.stringify(p.presets),
		fields: p.fields.join(','),
	}));
}

const PERMISSION_COLUMNS = [
	'policy',
	'collection',
	'action',
	'permissions',
	'validation',
	'presets',
	'fields',
] as const;

const JSON_COLUMNS: readonly string[] = ['permissions', 'validation', 'presets'];

/** Whether the stored rules already are the wanted ones; JSON is compared parsed (drivers differ). */
function sameRules(current: Record<string, unknown>[], wanted: Record<string, unknown>[]): boolean {
	const canonical = (row: Record<string, unknown>) =>
		JSON.stringify(
			PERMISSION_COLUMNS.map((c) =>
				JSON_COLUMNS.includes(c) && typeof row[c] === 'string' ? JSON.parse(row[c]) : row[c],
			),
		);
	const a = current.map(canonical).sort();
	const b = wanted.map(canonical).sort();
	return a.length === b.length && a.every((row, i) => row === b[i]);
}

async function upsert(trx: Knex.Transaction, table: string, row: { id: string } & Record<string, unknown>) {
	const updated = await trx(table).where({ id: row.id }).update(row);
	if (!updated) await trx(table).insert(row);
}

/** Returns whether the permission rules had to be rewritten. */
export async function applyAccess(knex: Knex): Promise<boolean> {
	return knex.transaction(async (trx) => {
		for (const role of roles) {
			await upsert(trx, 'directus_roles', {
				id: role.roleId,
				name: role.name,
				icon: role.icon,
				description: role.description,
			});
			await upsert(trx, 'directus_policies', policyRow(role));
			await upsert(trx, 'directus_access', {
				id: accessId(role),
				role: role.roleId,
				user: null,
				policy: role.policyId,
				sort: 1,
			});
		}
		const policyIds = roles.map((r) => r.policyId);
		const rows = roles.flatMap(permissionRows);
		const current = await trx('directus_permissions')
			.whereIn('policy', policyIds)
			.select(...PERMISSION_COLUMNS);
		if (sameRules(current, rows)) return false;
		await trx('directus_permissions').whereIn('policy', policyIds).delete();
		for (let i = 0; i < rows.length; i += 50) await trx('directus_permissions').insert(rows.slice(i, i + 50));
		return true;
	});
}
