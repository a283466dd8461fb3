/**
 * The Studio's navigation and lists as each demo role gets them over HTTP (issue 18): collections
 * in five folders, configuration and logs folded away at the bottom or not readable at all, a
 * default table on every list with its state, owner and deadline, and an approval log that
 * shows labels rather than keys.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { flows } from '../../extensions/sales-visits/src/domain/approval.ts';
import { salesFlows } from '../../extensions/sales-visits/src/domain/sales-flows.ts';
import { Client, targets } from './client.ts';

/** The folders, top to bottom, with their Chinese names; the last two start closed. */
const FOLDERS = [
	{ key: 'nav_daily_work', zh: '日常工作', collapse: 'open' },
	{ key: 'nav_customers', zh: '客户', collapse: 'open' },
	{ key: 'nav_sales', zh: '销售', collapse: 'open' },
	{ key: 'nav_records', zh: '审批记录', collapse: 'closed' },
	{ key: 'nav_configuration', zh: '配置', collapse: 'closed' },
];
const FOLDER_KEYS = FOLDERS.map((f) => f.key);

/** What a rep should not meet in the navigation: the company's configuration and the logs. */
const CONFIG_AND_LOGS = [
	'visit_settings',
	'visit_quota_rules',
	'work_calendar',
	'discount_rules',
	'commission_rules',
	'appraisal_schemes',
	'appraisal_items',
	'approval_log',
	'lead_grade_changes',
];

const ROLES = ['rep1', 'manager1', 'gm', 'assistant', 'service', 'finance', 'legal'];

/** Columns a list must show where the collection has them. */
const STATUS = ['status', 'stage', 'review_decision'];
const OWNER = ['owner', 'requester', 'host', 'person'];
const isDue = (field: string) => /(^|_)due(_|$)/.test(field);

interface Collection {
	collection: string;
	meta: {
		group: string | null;
		sort: number | null;
		collapse: string;
		singleton: boolean;
		display_template: string | null;
		translations: { language: string; translation: string }[] | null;
	} | null;
	schema: unknown;
}
interface Field {
	field: string;
	meta: { display: string | null; display_options: { choices?: { value: string; text: string }[] } | null } | null;
}
interface Preset {
	bookmark: string | null;
	user: string | null;
	role: string | null;
	collection: string;
	layout: string;
	layout_query: { tabular?: { fields?: string[]; sort?: string[] } } | null;
}

describe.each(targets)('navigation on $name', (target) => {
	const as: Record<string, Client> = {};
	let admin: Client;

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ROLES) as[who] = await Client.login(target.url, `${who}@example.com`);
	});

	const collectionsOf = async (client: Client): Promise<Collection[]> => client.data('/collections?limit=-1');
	/** The product's collections (not Directus's own, not the folders, not the KPI counters' bare tables). */
	const ours = (all: Collection[]) =>
		all.filter((c) => c.schema !== null && c.meta !== null && !c.collection.startsWith('directus_'));

	it('groups every collection in a folder named in both languages, the log and the configuration last and closed', async () => {
		const all = await collectionsOf(admin);
		const folders = FOLDERS.map((f) => all.find((c) => c.collection === f.key));
		for (const [i, folder] of folders.entries()) {
			expect(folder, FOLDERS[i]!.key).toBeDefined();
			// A folder has no table.
			expect(folder!.schema, folder!.collection).toBeNull();
			expect(folder!.meta).toMatchObject({ group: null, collapse: FOLDERS[i]!.collapse, sort: i + 1 });
			const names = Object.fromEntries(folder!.meta!.translations!.map((t) => [t.language, t.translation]));
			expect(names['zh-CN']).toBe(FOLDERS[i]!.zh);
			expect(names['en-US']).toBeTruthy();
		}
		for (const c of ours(all)) {
			expect(FOLDER_KEYS, c.collection).toContain(c.meta!.group);
			expect(c.meta!.sort, c.collection).toBeGreaterThan(0);
			// Relations to it render a readable title, not an id.
			expect(c.meta!.display_template, c.collection).toBeTruthy();
		}
		expect(ours(all).length).toBeGreaterThan(30);
		for (const c of CONFIG_AND_LOGS)
			expect(['nav_records', 'nav_configuration'], c).toContain(all.find((x) => x.collection === c)?.meta?.group);
	});

	it.each(ROLES)('%s sees its collections in the folders, configuration and logs folded or absent', async (who) => {
		const mine = await collectionsOf(as[who]!);
		const readable = ours(mine);
		expect(readable.length, who).toBeGreaterThan(0);
		for (const c of readable) {
			expect(FOLDER_KEYS, `${who}: ${c.collection}`).toContain(c.meta!.group);
			// The folder comes along with the collections it holds.
			expect(
				mine.some((f) => f.collection === c.meta!.group),
				`${who}: ${c.collection}`,
			).toBe(true);
		}
		const closedFolders = FOLDERS.filter((f) => f.collapse === 'closed').map((f) => f.key);
		for (const c of readable.filter((x) => CONFIG_AND_LOGS.includes(x.collection)))
			expect(closedFolders, `${who}: ${c.collection}`).toContain(c.meta!.group);
		// Nothing of the day's work, the customers or sales is folded away.
		for (const c of readable.filter((x) => !CONFIG_AND_LOGS.includes(x.collection)))
			expect(closedFolders, `${who}: ${c.collection}`).not.toContain(c.meta!.group);
	});

	it('leaves the quota rules and the approval log out of a rep’s reach', async () => {
		const readable = ours(await collectionsOf(as.rep1!)).map((c) => c.collection);
		expect(readable).not.toContain('visit_quota_rules');
		expect(readable).not.toContain('approval_log');
		expect((await as.rep1!.get('/items/approval_log?limit=1')).status).toBe(403);
		expect((await as.rep1!.get('/items/visit_quota_rules?limit=1')).status).toBe(403);
		// A manager reads the team's transitions.
		expect((await as.manager1!.get('/items/approval_log?limit=1')).status).toBe(200);
	});

	it.each(ROLES)('%s lists every collection in a table with its state, owner and deadline', async (who) => {
		const client = as[who]!;
		const me: { role: { id: string } | null } = await client.data('/users/me?fields=role.id');
		const presets: Preset[] = await client.data('/presets?limit=-1');
		const lists = ours(await collectionsOf(client)).filter((c) => !c.meta!.singleton);
		for (const { collection } of lists) {
			const defaults = presets.filter(
				(p) =>
					p.collection === collection &&
					p.bookmark === null &&
					p.user === null &&
					(p.role === null || p.role === me.role?.id),
			);
			// A role's own preset wins over everyone's.
			const preset = defaults.find((p) => p.role !== null) ?? defaults[0];
			expect(preset, `${who}: ${collection}`).toBeDefined();
			const table = preset!.layout_query?.tabular;
			expect(table?.fields?.length, `${who}: ${collection}`).toBeGreaterThan(0);
			expect(table?.sort?.length, `${who}: ${collection}`).toBeGreaterThan(0);
			if (preset!.layout !== 'calendar') expect(preset!.layout, `${who}: ${collection}`).toBe('tabular');

			const fields: Field[] = await admin.data(`/fields/${collection}`);
			const names = fields.map((f) => f.field);
			const shown = table!.fields!;
			for (const status of STATUS.filter((s) => names.includes(s))) {
				expect(shown, `${who}: ${collection}.${status}`).toContain(status);
				// A state shows its label, not its key.
				const meta = fields.find((f) => f.field === status)!.meta!;
				expect(meta.display, `${collection}.${status}`).toBe('labels');
				expect(meta.display_options?.choices?.length, `${collection}.${status}`).toBeGreaterThan(0);
			}
			const owner = OWNER.find((o) => names.includes(o));
			if (owner) expect(shown, `${who}: ${collection}.${owner}`).toContain(owner);
			if (names.some(isDue)) expect(shown.some(isDue), `${who}: ${collection} due`).toBe(true);
			for (const column of shown)
				expect(names, `${who}: ${collection} shows ${column}`).toContain(column.split('.')[0]);
		}
	});

	it('labels the approval log’s collections and statuses from every flow, in both languages', async () => {
		const fields: Field[] = await admin.data('/fields/approval_log');
		const choicesOf = (field: string) => {
			const meta = fields.find((f) => f.field === field)!.meta!;
			expect(meta.display, field).toBe('labels');
			return meta.display_options!.choices!;
		};
		const definitions = [...Object.values(flows), ...Object.values(salesFlows)];
		const statuses = new Set(definitions.flatMap((d) => Object.keys(d.statuses)));
		for (const field of ['from_status', 'to_status'])
			expect(new Set(choicesOf(field).map((c) => c.value)), field).toEqual(statuses);
		// Every flow's collection, and the customers a handover logs.
		const logged = new Set([...definitions.map((d) => d.collection), 'customers']);
		expect(new Set(choicesOf('collection').map((c) => c.value))).toEqual(logged);

		// Each label is a custom translation in both languages.
		const keys = [...choicesOf('collection'), ...choicesOf('to_status')].map((c) => c.text);
		for (const key of keys) expect(key).toMatch(/^\$t:sv_/);
		const translations: { key: string; language: string }[] = await admin.data(
			`/translations?limit=-1&fields=key,language&filter[key][_in]=${keys.map((k) => k.slice(3)).join(',')}`,
		);
		for (const key of keys)
			expect(
				translations
					.filter((t) => t.key === key.slice(3))
					.map((t) => t.language)
					.sort(),
				key,
			).toEqual(['en-US', 'zh-CN']);

		// And the rows the flows wrote find their labels (a handover logs owners, not statuses).
		const rows: { collection: string; from_status: string | null; to_status: string }[] = await admin.data(
			'/items/approval_log?groupBy[]=collection&groupBy[]=from_status&groupBy[]=to_status&aggregate[count]=id&limit=-1',
		);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows.filter((r) => r.collection !== 'customers')) {
			expect(logged, JSON.stringify(row)).toContain(row.collection);
			expect(statuses, JSON.stringify(row)).toContain(row.to_status);
			if (row.from_status !== null) expect(statuses, JSON.stringify(row)).toContain(row.from_status);
		}
	});
});
