/**
 * Roles, policies and permissions as code (the contract's role table). The setup
 * command applies them idempotently; a snapshot cannot carry them.
 *
 * Reads are row-filtered (own rows, the team through `reports_to`, or all), writes are
 * limited to content fields: flow-owned fields are writable by Administrator only.
 */
import { editableStatuses } from '../domain/flow-fields.ts';
import { OPEN_STAGES } from '../domain/opportunities.ts';
import { roleScopes, type RoleKey } from '../domain/ownership.ts';
import { domainCollections, ownProfileFields, readableFields, userDirectoryFields, writable } from './fields.ts';
import { and, anyOf, at, isIn, or, own, within, type Filter } from './filters.ts';
import { MY_DASHBOARD_ID } from '../setup/dashboard.ts';

export type { RoleKey };

export type Action = 'create' | 'read' | 'update' | 'delete';

export interface PermissionRule {
	collection: string;
	action: Action;
	permissions: Filter | null;
	validation: Filter | null;
	presets: Record<string, unknown> | null;
	fields: string[];
}

export interface RoleDefinition {
	key: RoleKey;
	roleId: string;
	policyId: string;
	name: string;
	description: string;
	icon: string;
	appAccess: boolean;
	permissions: PermissionRule[];
}

const ME = '$CURRENT_USER';

const rule = (collection: string, action: Action, r: Partial<PermissionRule> = {}): PermissionRule => ({
	collection,
	action,
	permissions: null,
	validation: null,
	presets: null,
	fields: ['*'],
	...r,
});
const read = (collection: string, permissions: Filter | null = null) => rule(collection, 'read', { permissions });
const create = (collection: string, fields: string[], r: Partial<PermissionRule> = {}) =>
	rule(collection, 'create', { fields, ...r });
const update = (collection: string, permissions: Filter | null, fields: string[]) =>
	rule(collection, 'update', { permissions, fields });
const remove = (collection: string, permissions: Filter | null) => rule(collection, 'delete', { permissions });

/** Create rows that belong to the caller: the owner field is preset and must stay the caller. */
const createOwn = (collection: string, ownerField: string, fields: string[]) =>
	create(collection, fields, { validation: own(ownerField), presets: { [ownerField]: ME } });

const editable = (collection: keyof typeof editableStatuses) => isIn('status', editableStatuses[collection]);
const reportEditable = or(
	at('review_decision', { _null: true }),
	isIn('review_decision', editableStatuses.visit_reports),
);

/**
 * Everyone in the app sees the company directory, calendar and settings, and the price list with its
 * discount rules: the panels read the time zone, a festival's reminder opens its calendar day. The
 * visit quota rules are the Administrator's alone: the server applies them with the database.
 */
const company: PermissionRule[] = [
	read('work_calendar'),
	read('visit_settings'),
	read('products'),
	read('discount_rules'),
	// 考核方案: everyone may read what they are appraised on.
	read('appraisal_schemes'),
	read('appraisal_items'),
	rule('directus_users', 'read', { fields: userDirectoryFields }),
	update('directus_users', { id: { _eq: ME } }, ownProfileFields),
];

/** A customer's credit terms are Finance's to set (the contract's role table); the sales roles read them. */
const CREDIT_TERMS = ['credit_limit', 'credit_days'];

/**
 * Managers read the Insights dashboards an Administrator sets up (quota coverage and the like), but
 * not the reps' 我的看板, whose panels are named for one person's figures.
 */
const insights: PermissionRule[] = [
	read('directus_dashboards', { id: { _neq: MY_DASHBOARD_ID } }),
	read('directus_panels', { dashboard: { _neq: MY_DASHBOARD_ID } }),
];

/** A rep reads only 我的看板 and its panels, never a dashboard an Administrator made for managers. */
const myInsights: PermissionRule[] = [
	read('directus_dashboards', { id: { _eq: MY_DASHBOARD_ID } }),
	read('directus_panels', { dashboard: { _eq: MY_DASHBOARD_ID } }),
];

/**
 * The field work a rep does on their own rows; the role's scope (domain/ownership.ts) widens
 * what they can read (a manager reads the team's, a rep only their own). Writes stay on own rows.
 */
function fieldWork(role: RoleKey): PermissionRule[] {
	const scope = (path: string) => within(roleScopes[role], path);
	return [
		read('customers', scope('owner')),
		read('contacts', scope('customer.owner')),
		create('contacts', writable('contacts')),
		update('contacts', scope('customer.owner'), writable('contacts')),
		remove('contacts', scope('customer.owner')),

		read('visit_plans', scope('owner')),
		createOwn('visit_plans', 'owner', writable('visit_plans', { nested: ['items'] })),
		update(
			'visit_plans',
			and(own('owner'), editable('visit_plans')),
			writable('visit_plans', { except: ['owner'], nested: ['items'] }),
		),
		remove('visit_plans', and(own('owner'), isIn('status', ['draft']))),

		read('visit_plan_items', scope('plan.owner')),
		create('visit_plan_items', writable('visit_plan_items')),
		update(
			'visit_plan_items',
			and(own('plan.owner'), isIn('plan.status', editableStatuses.visit_plans)),
			writable('visit_plan_items', { except: ['plan'] }),
		),
		remove('visit_plan_items', and(own('plan.owner'), isIn('plan.status', editableStatuses.visit_plans))),

		read('visits', scope('owner')),
		createOwn('visits', 'owner', writable('visits')),
		update('visits', and(own('owner'), editable('visits')), writable('visits', { except: ['owner'] })),

		read('visit_reports', scope('visit.owner')),
		create('visit_reports', writable('visit_reports')),
		update('visit_reports', and(own('visit.owner'), reportEditable), writable('visit_reports', { except: ['visit'] })),

		read('follow_ups', scope('owner')),
		createOwn('follow_ups', 'owner', writable('follow_ups')),

		read('daily_reports', scope('owner')),
		createOwn('daily_reports', 'owner', writable('daily_reports')),
		update('daily_reports', own('owner'), writable('daily_reports', { except: ['owner'] })),

		// 周报 / 月报: the owner writes theirs while a draft or returned; its period is fixed once created.
		read('periodic_reports', scope('owner')),
		createOwn('periodic_reports', 'owner', writable('periodic_reports')),
		update(
			'periodic_reports',
			and(own('owner'), editable('periodic_reports')),
			writable('periodic_reports', { except: ['owner', 'period_type', 'period_start'] }),
		),

		read('revisits', anyOf(scope('customer.owner'), own('owner'))),
		read('complaints', anyOf(scope('customer.owner'), own('owner'))),

		read('sales_orders', scope('owner')),
		read('deliveries', scope('order.owner')),
		// 发货: recorded for an order the caller may use (the relation guard), changed while shipped; acceptance is the flow's.
		create('deliveries', writable('deliveries')),
		update(
			'deliveries',
			and(own('order.owner'), editable('deliveries')),
			writable('deliveries', { except: ['order'] }),
		),
		remove('deliveries', and(own('order.owner'), editable('deliveries'))),
		// Payment terms are drafted with their contract; an order's schedules and payments are the flows'.
		read('payment_schedules', anyOf(scope('order.owner'), scope('contract.owner'))),
		create('payment_schedules', writable('payment_schedules')),
		update('payment_schedules', draftTerms, writable('payment_schedules', { except: ['contract'] })),
		remove('payment_schedules', draftTerms),
		read('payments', scope('order.owner')),

		// The sales cycle: an opportunity's content while it is open, a quote and its lines while a draft (审批后锁定).
		read('opportunities', scope('owner')),
		createOwn('opportunities', 'owner', writable('opportunities')),
		update(
			'opportunities',
			and(own('owner'), isIn('stage', OPEN_STAGES)),
			writable('opportunities', { except: ['owner'] }),
		),

		read('quotes', scope('owner')),
		createOwn('quotes', 'owner', writable('quotes', { nested: ['lines'] })),
		update(
			'quotes',
			and(own('owner'), editable('quotes')),
			writable('quotes', { except: ['owner'], nested: ['lines'] }),
		),
		remove('quotes', and(own('owner'), editable('quotes'))),

		read('quote_lines', scope('quote.owner')),
		create('quote_lines', writable('quote_lines')),
		update(
			'quote_lines',
			and(own('quote.owner'), isIn('quote.status', editableStatuses.quotes)),
			writable('quote_lines', { except: ['quote'] }),
		),
		remove('quote_lines', and(own('quote.owner'), isIn('quote.status', editableStatuses.quotes))),

		read('contracts', scope('owner')),
		createOwn('contracts', 'owner', writable('contracts', { nested: ['payment_terms'] })),
		update(
			'contracts',
			and(own('owner'), editable('contracts')),
			writable('contracts', { except: ['owner'], nested: ['payment_terms'] }),
		),
		remove('contracts', and(own('owner'), editable('contracts'))),

		read('expense_requests', scope('requester')),
		createOwn('expense_requests', 'requester', writable('expense_requests')),
		update(
			'expense_requests',
			and(own('requester'), editable('expense_requests')),
			writable('expense_requests', { except: ['requester'] }),
		),
		remove('expense_requests', and(own('requester'), editable('expense_requests'))),

		// A person's own targets; a manager's also the team's and the team's people's.
		read('sales_targets', anyOf(scope('owner'), scope('team'))),
		// 考核结果: a rep's own, a manager's team's, a General Manager's everyone's.
		read('appraisals', scope('person')),
		// 审批记录 for whoever decides within the scope: no screen of a rep's reads the log.
		...(role === 'sales_rep' ? [] : [read('approval_log', scope('actor'))]),
		read('lead_grade_changes', scope('customer.owner')),

		// 提成: everyone in sales sees the rules; a statement is its person's (a manager's team's, a General Manager's all).
		read('commission_rules'),
		read('commission_statements', scope('person')),

		// 客户接待: the host's own (a manager's team's, a General Manager's all); the request changes until arrival.
		...receptionWork(scope),
	];
}

/** A reception's request and its escorts: read within the role's scope, written by the host until the customer arrives. */
function receptionWork(scope: (path: string) => Filter | null): PermissionRule[] {
	const open = and(own('host'), editable('receptions'));
	const openEscorts = and(own('reception.host'), isIn('reception.status', editableStatuses.receptions));
	return [
		read('receptions', scope('host')),
		createOwn('receptions', 'host', writable('receptions', { nested: ['escorts'] })),
		update('receptions', open, writable('receptions', { except: ['host'], nested: ['escorts'] })),
		read('reception_escorts', scope('reception.host')),
		create('reception_escorts', writable('reception_escorts')),
		update('reception_escorts', openEscorts, writable('reception_escorts', { except: ['reception'] })),
		remove('reception_escorts', openEscorts),
	];
}

/** 经理评语: the person's manager writes it while the appraisal is a draft or confirmed. */
const appraisalComment = update('appraisals', and(own('person.reports_to'), editable('appraisals')), [
	'manager_comment',
]);

/** 考核方案: an Administrator or a General Manager sets the schemes and their items. */
const appraisalConfig: PermissionRule[] = [
	create('appraisal_schemes', writable('appraisal_schemes', { nested: ['items'] })),
	update('appraisal_schemes', null, writable('appraisal_schemes', { nested: ['items'] })),
	remove('appraisal_schemes', null),
	create('appraisal_items', writable('appraisal_items')),
	update('appraisal_items', null, writable('appraisal_items')),
	remove('appraisal_items', null),
];

/** A contract's payment terms change with the contract: its owner's, while a draft. */
const draftTerms = and(own('contract.owner'), isIn('contract.status', editableStatuses.contracts));

/** The rows a role updates by their owner: its scope's (domain/ownership.ts). */
const scoped = (role: RoleKey): Filter | null => within(roleScopes[role], 'owner');

const salesRep: PermissionRule[] = [
	...company,
	...myInsights,
	...fieldWork('sales_rep'),
	createOwn('customers', 'owner', writable('customers', { except: ['status', ...CREDIT_TERMS], nested: ['contacts'] })),
	update(
		'customers',
		scoped('sales_rep'),
		writable('customers', { except: ['owner', 'status', ...CREDIT_TERMS], nested: ['contacts'] }),
	),
	update('follow_ups', scoped('sales_rep'), writable('follow_ups', { except: ['owner'] })),
	createOwn('sales_orders', 'owner', writable('sales_orders')),
	// Deliveries are recorded from the order's form too (the relation guard checks the order).
	update('sales_orders', scoped('sales_rep'), writable('sales_orders', { except: ['owner'], nested: ['deliveries'] })),
];

const salesManager: PermissionRule[] = [
	...company,
	...insights,
	...fieldWork('sales_manager'),
	create('customers', writable('customers', { except: CREDIT_TERMS, nested: ['contacts'] }), {
		presets: { owner: ME },
	}),
	update('customers', scoped('sales_manager'), writable('customers', { except: CREDIT_TERMS, nested: ['contacts'] })),
	update('follow_ups', scoped('sales_manager'), writable('follow_ups')),
	create('sales_orders', writable('sales_orders'), { presets: { owner: ME } }),
	update('sales_orders', scoped('sales_manager'), writable('sales_orders', { nested: ['deliveries'] })),
	appraisalComment,
];

const generalManager: PermissionRule[] = [
	...company,
	...insights,
	...fieldWork('general_manager'),
	create('customers', writable('customers', { except: CREDIT_TERMS, nested: ['contacts'] }), {
		presets: { owner: ME },
	}),
	update('customers', scoped('general_manager'), writable('customers', { except: CREDIT_TERMS, nested: ['contacts'] })),
	update('follow_ups', scoped('general_manager'), writable('follow_ups')),
	create('sales_orders', writable('sales_orders'), { presets: { owner: ME } }),
	update('sales_orders', scoped('general_manager'), writable('sales_orders', { nested: ['deliveries'] })),
	create('sales_targets', writable('sales_targets')),
	update('sales_targets', null, writable('sales_targets')),
	remove('sales_targets', null),
	// The price list is the management's: a product leaves it by `active`, so past quotes keep theirs.
	create('products', writable('products')),
	update('products', null, writable('products')),
	// 提成规则 are the management's; statements come from the server and move by approve and pay.
	create('commission_rules', writable('commission_rules')),
	update('commission_rules', null, writable('commission_rules')),
	remove('commission_rules', null),
	appraisalComment,
	...appraisalConfig,
];

/** The department's assistant: reads plans, visits and customers of the whole sales team. */
const salesAssistant: PermissionRule[] = [
	...company,
	read('customers'),
	read('contacts'),
	read('visit_plans'),
	read('visit_plan_items'),
	read('visits'),
	read('approval_log', isIn('collection', ['visit_plans', 'visits', 'deliveries', 'receptions'])),
	// 前台: every reception and its escorts (the visitor log); records arrivals (POST /visit-flow/receptions/:id/arrive).
	read('receptions'),
	read('reception_escorts'),
	read('lead_grade_changes'),
	// Records the customer's acceptance of the team's deliveries (POST /visit-flow/deliveries/:id/accept); the orders' money is not theirs to read.
	read('deliveries'),
];

const customerService: PermissionRule[] = [
	...company,
	read('customers'),
	read('contacts'),
	read('lead_grade_changes'),
	read('sales_orders'),
	read('revisits'),
	create('revisits', writable('revisits'), { presets: { owner: ME } }),
	update('revisits', null, writable('revisits')),
	read('complaints'),
	create('complaints', writable('complaints'), { presets: { owner: ME } }),
	update('complaints', null, writable('complaints')),
	read('approval_log', isIn('collection', ['revisits', 'complaints'])),
];

/** Reads every customer, opportunity, quote, contract and order (and, with the sales cycle, receivables); sets credit terms and nothing else. */
const finance: PermissionRule[] = [
	...company,
	read('customers'),
	update('customers', null, CREDIT_TERMS),
	read('sales_orders'),
	read('opportunities'),
	read('quotes'),
	read('quote_lines'),
	read('contracts'),
	read('deliveries'),
	read('payment_schedules'),
	read('payments'),
	// Collection targets are Finance's to follow.
	read('sales_targets'),
	// Finance pays commission: every statement and the rules behind them.
	read('commission_rules'),
	read('commission_statements'),
];

/** Reads and reviews contracts; nothing of the visit half, its customers or its orders. */
const legal: PermissionRule[] = [...company, read('contracts')];

/** A row an ERP feeds in names the person it belongs to: there is no caller to preset it to. */
const ownerGiven: Filter = { _and: [{ owner: { _submitted: true } }, { owner: { _nnull: true } }] };
const ownerKept: Filter = { owner: { _nnull: true } };
const customerFields = writable('customers', { except: CREDIT_TERMS, nested: ['contacts'] });

/**
 * API-only: reads every domain collection and, as an ERP feeding the system, keeps customers,
 * contacts and orders (for any owner: domain/ownership.ts) with the fields a manager writes, never
 * credit terms or flow-owned fields; payments through POST /visit-flow/orders/:id/payments like
 * Finance, everything else through the flow endpoints.
 */
const integrator: PermissionRule[] = [
	...domainCollections.map((c) => read(c)),
	rule('directus_users', 'read', { fields: userDirectoryFields }),
	create('customers', customerFields, { validation: ownerGiven }),
	rule('customers', 'update', { fields: customerFields, validation: ownerKept }),
	create('contacts', writable('contacts')),
	update('contacts', null, writable('contacts')),
	create('sales_orders', writable('sales_orders'), { validation: ownerGiven }),
	rule('sales_orders', 'update', { fields: writable('sales_orders'), validation: ownerKept }),
];

const definitions: RoleDefinition[] = [
	{
		key: 'general_manager',
		roleId: '6f1c2a10-0000-4000-8000-000000000001',
		policyId: '6f1c2a10-0000-4000-8000-000000000101',
		name: '总经理 General Manager',
		description:
			'总经理：查看全部数据，审批经理的计划与申请 / Reads everything; approves managers’ plans and applications',
		icon: 'workspace_premium',
		appAccess: true,
		permissions: generalManager,
	},
	{
		key: 'sales_manager',
		roleId: '6f1c2a10-0000-4000-8000-000000000002',
		policyId: '6f1c2a10-0000-4000-8000-000000000102',
		name: '销售经理 Sales Manager',
		description: '销售经理/主管：查看并审批本团队 / Reads and decides for the team',
		icon: 'groups',
		appAccess: true,
		permissions: salesManager,
	},
	{
		key: 'sales_rep',
		roleId: '6f1c2a10-0000-4000-8000-000000000003',
		policyId: '6f1c2a10-0000-4000-8000-000000000103',
		name: '销售人员 Sales Rep',
		description: '销售人员/业务员：本人的客户、计划、拜访与报告 / Own customers, plans, visits and reports',
		icon: 'badge',
		appAccess: true,
		permissions: salesRep,
	},
	{
		key: 'sales_assistant',
		roleId: '6f1c2a10-0000-4000-8000-000000000004',
		policyId: '6f1c2a10-0000-4000-8000-000000000104',
		name: '销售助理 Sales Assistant',
		description: '销售助理：查看团队计划与拜访，报备拜访申请 / Reads the team’s plans and visits; files applications',
		icon: 'assignment_ind',
		appAccess: true,
		permissions: salesAssistant,
	},
	{
		key: 'customer_service',
		roleId: '6f1c2a10-0000-4000-8000-000000000005',
		policyId: '6f1c2a10-0000-4000-8000-000000000105',
		name: '客户服务 Customer Service',
		description: '客户服务专员：回访与投诉 / Revisits and complaints',
		icon: 'support_agent',
		appAccess: true,
		permissions: customerService,
	},
	{
		key: 'finance',
		roleId: '6f1c2a10-0000-4000-8000-000000000007',
		policyId: '6f1c2a10-0000-4000-8000-000000000107',
		name: '财务 Finance',
		description:
			'财务：核定客户信用额度与账期，查看全部客户与订单 / Sets customers’ credit terms; reads every customer and order',
		icon: 'account_balance',
		appAccess: true,
		permissions: finance,
	},
	{
		key: 'legal',
		roleId: '6f1c2a10-0000-4000-8000-000000000008',
		policyId: '6f1c2a10-0000-4000-8000-000000000108',
		name: '法务 Legal',
		description: '法务：合同的法务审核 / Legal review of contracts',
		icon: 'gavel',
		appAccess: true,
		permissions: legal,
	},
	{
		key: 'integrator',
		roleId: '6f1c2a10-0000-4000-8000-000000000006',
		policyId: '6f1c2a10-0000-4000-8000-000000000106',
		name: '系统集成 Integrator',
		description:
			'系统集成：仅 API（静态令牌），读取全部数据，录入客户、联系人、订单与回款 / API only (static token): reads everything; feeds customers, contacts, orders and payments',
		icon: 'api',
		appAccess: false,
		permissions: integrator,
	},
];

/** A role's reads of every field leave out the relations into collections the role does not read (fields.ts). */
function withoutHiddenRelations(permissions: PermissionRule[]): PermissionRule[] {
	const readable = new Set(permissions.filter((p) => p.action === 'read').map((p) => p.collection));
	return permissions.map((p) =>
		p.action === 'read' && p.fields.length === 1 && p.fields[0] === '*'
			? { ...p, fields: readableFields(p.collection, readable) }
			: p,
	);
}

export const roles: RoleDefinition[] = definitions.map((role) => ({
	...role,
	permissions: withoutHiddenRelations(role.permissions),
}));

export const roleByKey = (key: RoleKey): RoleDefinition => roles.find((r) => r.key === key)!;
