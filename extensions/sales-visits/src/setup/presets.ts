/**
 * Bookmarks and default layouts as code. directus_presets has integer ids, so a preset is
 * recognised by (bookmark, role, collection, user null) and updated in place: running
 * setup again converges instead of piling up copies, and a user's own presets are never touched.
 */
import type { Knex } from 'knex';
import { roleByKey } from '../access/policies.ts';
import { defaultList, lists, tabular } from './list-presets.ts';

type Filter = Record<string, unknown>;

export interface PresetDefinition {
	bookmark: string | null;
	role: string | null;
	collection: string;
	layout: string;
	filter?: Filter | null;
	layout_query?: Record<string, unknown> | null;
	layout_options?: Record<string, unknown> | null;
	icon?: string;
	color?: string | null;
}

/** The bookmark every approver finds in the navigation (Directus bookmark names are plain strings). */
export const AWAITING_MY_APPROVAL = '待我审批';

const ME = '$CURRENT_USER';

/** What the Sales Manager decides: items of their direct reports (the server also checks `reports_to`). */
const ofMyReports = (ownerField: string): Filter => ({ [ownerField]: { reports_to: { _eq: ME } } });
/** What a General Manager decides: items of managers, and over-budget expenses of anyone. */
const ofManagers = (ownerField: string): Filter => ({ [ownerField]: { position: { _eq: 'manager' } } });

const awaiting = (role: string, who: (ownerField: string) => Filter, gm: boolean): PresetDefinition[] =>
	[
		{ collection: 'visit_plans', filter: { _and: [{ status: { _eq: 'submitted' } }, who('owner')] } },
		{ collection: 'visits', filter: { _and: [{ application_status: { _eq: 'pending' } }, who('owner')] } },
		{
			collection: 'expense_requests',
			filter: {
				_and: [
					{ status: { _eq: 'pending' } },
					gm ? { _or: [who('requester'), { over_budget: { _eq: true } }] } : who('requester'),
				],
			},
		},
	].map((p) => ({
		...p,
		...tabular(p.collection),
		bookmark: AWAITING_MY_APPROVAL,
		role,
		layout: 'tabular',
		icon: 'approval',
		color: '#FFA439',
	}));

/** Calendar layouts keep their options under the layout's key, as the Studio saves them. */
const calendar = (collection: string, startDateField: string, template: string): PresetDefinition => ({
	bookmark: null,
	role: null,
	collection,
	layout: 'calendar',
	layout_query: { calendar: { fields: [startDateField], sort: [startDateField] } },
	layout_options: { calendar: { startDateField, template, viewInfo: { type: 'dayGridMonth' }, firstDay: 1 } },
});

/** Visits and plan items open on their calendar; the table is one click away with its own columns. */
const calendars: Record<string, PresetDefinition> = {
	visits: calendar('visits', 'scheduled_start', '{{customer.name}} {{status}}'),
	visit_plan_items: calendar('visit_plan_items', 'planned_date', '{{customer.name}} {{purpose}}'),
};

/** The customers on the map (the layout over `customers.geo_point`), in the navigation of every role that reads customers. */
export const CUSTOMER_MAP = '客户地图';

const customerMap = (role: string): PresetDefinition => ({
	bookmark: CUSTOMER_MAP,
	role,
	collection: 'customers',
	layout: 'map',
	layout_query: { map: { limit: 1000, sort: ['name'] } },
	layout_options: {
		map: {
			geometryField: 'geo_point',
			displayTemplate: '{{name}} {{city}}',
			// Opens over China: the layout fits its data only when the rows come after the map has loaded.
			cameraOptions: { center: { lng: 112, lat: 33 }, zoom: 3.6, bearing: 0, pitch: 0 },
		},
	},
	icon: 'map',
	color: '#3399FF',
});

/** The roles in the Studio that read customers (Legal does not; the integrator has no Studio). */
const CUSTOMER_READERS = [
	'general_manager',
	'sales_manager',
	'sales_rep',
	'sales_assistant',
	'customer_service',
	'finance',
] as const;

export const presets: PresetDefinition[] = [
	...CUSTOMER_READERS.map((key) => customerMap(roleByKey(key).roleId)),
	...awaiting(roleByKey('sales_manager').roleId, ofMyReports, false),
	...awaiting(roleByKey('general_manager').roleId, ofManagers, true),
	...Object.keys(lists).map((collection) => defaultList(collection, calendars[collection])),
];

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

/** Writes `presets`; returns how many rows were inserted or changed. */
export async function applyPresets(knex: Knex, definitions: PresetDefinition[] = presets): Promise<number> {
	let changed = 0;
	for (const p of definitions) {
		const row = {
			bookmark: p.bookmark,
			user: null,
			role: p.role,
			collection: p.collection,
			layout: p.layout,
			filter: json(p.filter),
			layout_query: json(p.layout_query),
			layout_options: json(p.layout_options),
			icon: p.icon ?? 'bookmark',
			color: p.color ?? null,
		};
		const match = (q: Knex.QueryBuilder) => {
			q.where({ collection: p.collection }).whereNull('user');
			if (p.bookmark === null) q.whereNull('bookmark');
			else q.where({ bookmark: p.bookmark });
			if (p.role === null) q.whereNull('role');
			else q.where({ role: p.role });
			return q;
		};
		const existing = await match(knex('directus_presets')).first(
			'id',
			'layout',
			'filter',
			'layout_query',
			'layout_options',
			'icon',
			'color',
		);
		if (!existing) {
			await knex('directus_presets').insert(row);
			changed++;
			continue;
		}
		// JSON columns come back as strings (SQLite) or objects (Postgres): compare their JSON.
		const same = (a: unknown, b: string | null) =>
			(a == null ? null : typeof a === 'string' ? a : JSON.stringify(a)) === b;
		const differs =
			existing.layout !== row.layout ||
			existing.icon !== row.icon ||
			existing.color !== row.color ||
			!same(existing.filter, row.filter) ||
			!same(existing.layout_query, row.layout_query) ||
			!same(existing.layout_options, row.layout_options);
		if (differs) {
			await knex('directus_presets').where({ id: existing.id }).update(row);
			changed++;
		}
	}
	return changed;
}
