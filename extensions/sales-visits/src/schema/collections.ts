/** The contract's collections (shared/design/domain.md) as Studio-ready schema definitions. */
import {
	jsonTable,
	auditFields,
	boolean,
	coordinate,
	point,
	date,
	decimal,
	float,
	group,
	integer,
	json,
	labelled,
	m2o,
	nonNegative,
	o2m,
	presentation,
	primaryKey,
	select,
	string,
	text,
	time,
	timestamp,
	type CollectionSpec,
	type FolderSpec,
	type FieldSpec,
} from './builder.ts';
import { logStatusChoices, loggedCollectionChoices } from './log-choices.ts';

const USER = '{{last_name}}{{first_name}}';
const CUSTOMER = '{{name}}';
const VISIT = '{{customer.name}} · {{scheduled_start}}';
const owner = (label: [string, string] = ['负责人', 'Owner'], extra = {}) =>
	m2o('owner', label, 'directus_users', USER, { required: true, ...extra });

const planStatusColors = { draft: 'gray', submitted: 'blue', approved: 'green', rejected: 'red' } as const;
const decisionColors = { pending: 'orange', approved: 'green', rejected: 'red' } as const;
/**
 * The action panel (the bundle's `visit-approval` interface): the item's states, who it waits on
 * and by when, and the buttons GET /visit-flow/actions offers the caller. Every collection with
 * a flow has one, so every action is reachable in the Studio; visits have `visit-field-work`.
 */
const approvalActions = (label: [string, string] = ['审批', 'Approval'], o: Parameters<typeof presentation>[4] = {}) =>
	presentation('approval_actions', label, 'visit-approval', {}, o);

/** Fields added to the system collection directus_users. */
export const userFields: FieldSpec[] = [
	m2o('reports_to', ['直属上级', 'Reports to'], 'directus_users', USER, {
		note: ['审批本人计划与申请的主管', 'The supervisor who approves this person’s plans and applications'],
	}),
	select('position', ['岗位', 'Position'], 'positions', { indexed: true }),
	string('employee_no', ['工号', 'Employee no.'], { unique: true }),
];

/**
 * Days between contacts per lead grade (defaults): H buys within 7 days, so every other day
 * gives three or four touches before the decision; A (15 days) every 3 days; B (30 days)
 * weekly; C (2–3 months) fortnightly; O has ordered: a monthly call until delivery and beyond.
 */
const leadIntervals = [
	['H', 2],
	['A', 3],
	['B', 7],
	['C', 14],
	['O', 30],
] as const;

const business: CollectionSpec[] = [
	{
		collection: 'customers',
		label: ['客户档案', 'Customers'],
		singular: ['客户', 'Customer'],
		icon: 'storefront',
		note: ['客户基本资料、分级与归属', 'Customer profile, classification and owner'],
		displayTemplate: '{{name}} ({{code}})',
		archive: { field: 'status', value: 'churned', unarchive: 'active' },
		fields: [
			primaryKey(),
			group('basic', ['基本信息', 'Basics']),
			string('name', ['客户名称', 'Name'], { required: true, group: 'basic', width: 'full' }),
			string('code', ['客户编码', 'Code'], { required: true, unique: true, group: 'basic', nullable: false }),
			owner(['客户负责人', 'Owner'], { group: 'basic' }),
			select('status', ['客户状态', 'Status'], 'customerStatuses', {
				group: 'basic',
				nullable: false,
				default: 'active',
				indexed: true,
				colors: { active: 'green', dormant: 'orange', churned: 'gray' },
			}),
			timestamp('churned_at', ['流失时间', 'Churned at'], {
				group: 'basic',
				readonly: true,
				note: [
					'客户状态变为“已流失”时由系统记录，恢复后清空；用于计算客户流失率',
					'Stamped by the server when the status becomes churned, cleared when it changes back; the churn rate counts it',
				],
			}),
			group('classification', ['客户分级', 'Classification']),
			select('tier', ['客户等级', 'Tier'], 'customerTiers', {
				required: true,
				group: 'classification',
				nullable: false,
				indexed: true,
			}),
			select('category', ['客户类别', 'Category'], 'customerCategories', {
				required: true,
				group: 'classification',
				nullable: false,
			}),
			select('relationship', ['客户关系', 'Relationship'], 'customerRelationships', { group: 'classification' }),
			select('key_account_class', ['大客户类别', 'Key account class'], 'keyAccountClasses', {
				group: 'classification',
				note: ['非大客户留空', 'Leave empty for non-key accounts'],
			}),
			select('lead_grade', ['意向等级', 'Lead grade'], 'leadGrades', { group: 'classification', indexed: true }),
			nonNegative('annual_purchase', ['年采购额（元）', 'Annual purchase (CNY)'], { group: 'classification' }),
			select('kind', ['客户类型', 'Kind'], 'customerKinds', {
				group: 'classification',
				nullable: false,
				default: 'end_user',
				note: ['终端客户购买自用；经销商购进后转售', 'An end user buys for its own use; a dealer buys to resell'],
			}),
			group('credit', ['信用额度', 'Credit'], { start: 'closed' }),
			// Nullable: GraphQL makes a NOT NULL column whose default is 0 a required input.
			nonNegative('credit_limit', ['信用额度（元）', 'Credit limit (CNY)'], {
				group: 'credit',
				default: 0,
				note: [
					'由财务核定：客户未收回的应收账款加上新合同金额超过此额度时，合同须总经理审批；0 或空表示不赊销（款到发货）',
					'Set by Finance: when the customer’s outstanding receivables plus a new contract exceed it, a General Manager approves the contract; 0 or empty means no credit (payment before delivery)',
				],
			}),
			nonNegative(
				'credit_days',
				['账期（天）', 'Credit days'],
				{
					group: 'credit',
					default: 0,
					note: ['由财务核定的付款期限，自交货起算', 'The payment term Finance grants, counted from delivery'],
				},
				'integer',
			),
			group('location', ['地区与地址', 'Location']),
			select('region_scope', ['区域范围', 'Region scope'], 'regionScopes', {
				required: true,
				group: 'location',
				nullable: false,
			}),
			string('province', ['省份', 'Province'], { group: 'location' }),
			string('city', ['城市', 'City'], { group: 'location' }),
			string('address', ['详细地址', 'Address'], { group: 'location', width: 'full' }),
			coordinate('latitude', ['纬度', 'Latitude'], 'latitude', { group: 'location' }),
			coordinate('longitude', ['经度', 'Longitude'], 'longitude', { group: 'location' }),
			// For the map layout (bookmark 客户地图); the database keeps it in step (setup/customer-points.ts).
			// Not on the form: the read-only map there names its basemap ("OpenStreetMap") to those who may not edit.
			point('geo_point', ['地图位置', 'Map position'], {
				group: 'location',
				hidden: true,
				note: ['由纬度与经度自动生成', 'Made from the latitude and longitude'],
			}),
			o2m('contacts', ['联系人', 'Contacts'], '{{name}} {{title}} {{phone}}'),
			// Next to the visits it counts: the rule that applies and this period's progress (the bundle's `visit-quota-progress`).
			presentation(
				'quota_progress',
				['拜访频次', 'Visit quota'],
				'visit-quota-progress',
				{},
				{
					note: [
						'按适用的拜访频次规则统计本期已完成的拜访',
						'This period’s completed visits against the visit quota rule that applies',
					],
				},
			),
			o2m('visits', ['拜访记录', 'Visits'], '{{scheduled_start}} {{status}}', { options: { enableCreate: false } }),
			...auditFields(),
			// Who wrote the row last: the grade-history trigger records it as the grade's changer.
			m2o('user_created', ['创建人', 'Created by'], 'directus_users', USER, {
				special: ['user-created'],
				readonly: true,
				hidden: true,
			}),
			m2o('user_updated', ['最后修改人', 'Updated by'], 'directus_users', USER, {
				special: ['user-updated'],
				readonly: true,
				hidden: true,
			}),
		],
	},
	{
		collection: 'contacts',
		label: ['联系人', 'Contacts'],
		singular: ['联系人', 'Contact'],
		icon: 'contacts',
		note: ['客户的关键联系人及其决策角色', 'Customer contacts and their role in the decision'],
		displayTemplate: '{{name}} · {{customer.name}}',
		sortField: 'sort',
		fields: [
			primaryKey(),
			m2o('customer', ['所属客户', 'Customer'], 'customers', CUSTOMER, {
				required: true,
				onDelete: 'CASCADE',
				oneField: 'contacts',
			}),
			string('name', ['姓名', 'Name'], { required: true }),
			string('title', ['职务', 'Title']),
			string('phone', ['电话', 'Phone']),
			string('email', ['邮箱', 'Email'], {
				validation: { _or: [{ email: { _null: true } }, { email: { _regex: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' } }] },
				validationMessage: ['邮箱格式不正确', 'Not a valid email address'],
			}),
			select('decision_role', ['决策角色', 'Decision role'], 'decisionRoles'),
			date('birthday', ['生日', 'Birthday']),
			integer('sort', ['排序', 'Sort'], { hidden: true }),
			...auditFields(),
		],
	},
	{
		collection: 'visit_plans',
		label: ['拜访计划', 'Visit plans'],
		singular: ['拜访计划', 'Visit plan'],
		icon: 'event_note',
		note: ['月度与周拜访计划，由主管审批', 'Monthly and weekly visit plans, approved by the supervisor'],
		displayTemplate: '{{owner.last_name}}{{owner.first_name}} · {{period_start}} – {{period_end}}',
		fields: [
			primaryKey(),
			owner(['计划人', 'Owner']),
			// Most plans are month plans: the form starts as one.
			select('period_type', ['计划类型', 'Period type'], 'periodTypes', {
				required: true,
				nullable: false,
				default: 'month',
			}),
			// A month plan picks its month (the bundle's `visit-plan-period`); the server fills the end.
			date('period_start', ['开始日期', 'Period start'], {
				required: true,
				indexed: true,
				interface: 'visit-plan-period',
			}),
			date('period_end', ['结束日期', 'Period end'], {
				readonly: true,
				// Not required of the form: the column stays not null and the server fills it from the start.
				nullable: false,
				note: ['按计划类型与开始日期自动计算', 'Worked out from the plan type and the start'],
			}),
			select('status', ['状态', 'Status'], 'planStatuses', {
				nullable: false,
				default: 'draft',
				indexed: true,
				readonly: true,
				colors: planStatusColors,
			}),
			approvalActions(),
			o2m('items', ['计划明细', 'Plan items'], '{{planned_date}} {{customer.name}} {{purpose}}'),
			group('approval', ['提交与审批', 'Submission and approval']),
			timestamp('submit_due_at', ['提交截止', 'Submission due'], { readonly: true, group: 'approval', indexed: true }),
			timestamp('submitted_at', ['提交时间', 'Submitted at'], { readonly: true, group: 'approval' }),
			boolean('submitted_late', ['逾期提交', 'Submitted late'], {
				readonly: true,
				group: 'approval',
				default: false,
				nullable: false,
			}),
			m2o('approver', ['审批人', 'Approver'], 'directus_users', USER, { readonly: true, group: 'approval' }),
			timestamp('decided_at', ['审批时间', 'Decided at'], { readonly: true, group: 'approval' }),
			text('decision_comment', ['审批意见', 'Decision comment'], { readonly: true, group: 'approval' }),
			integer('revision', ['版本', 'Revision'], { readonly: true, group: 'approval', default: 1, nullable: false }),
			group('coverage', ['拜访覆盖检查', 'Coverage check']),
			integer('coverage_short_count', ['未满足频次的客户数', 'Customers left short'], {
				readonly: true,
				group: 'coverage',
				note: [
					'月计划提交时计算：本计划未能满足拜访频次要求的客户数',
					'Computed when a monthly plan is submitted: customers the plan leaves short of their visit quota',
				],
			}),
			json('coverage_shortfalls', ['未满足频次的客户', 'Customers left short'], {
				readonly: true,
				group: 'coverage',
				// A table of the customers left short, live while the plan is a draft (the bundle's `visit-plan-coverage`).
				interface: 'visit-plan-coverage',
			}),
			...auditFields(),
		],
	},
	{
		collection: 'visit_plan_items',
		label: ['计划明细', 'Plan items'],
		singular: ['计划明细', 'Plan item'],
		icon: 'checklist',
		note: ['计划中每次拜访的客户、日期与目的', 'Each planned visit: customer, date and purpose'],
		displayTemplate: '{{planned_date}} · {{customer.name}}',
		fields: [
			primaryKey(),
			// Hidden on the plan's own form, where the item is its plan's (the bundle's `visit-plan-item-plan`).
			m2o('plan', ['所属计划', 'Plan'], 'visit_plans', '{{period_start}} – {{period_end}}', {
				required: true,
				onDelete: 'CASCADE',
				oneField: 'items',
				interface: 'visit-plan-item-plan',
				// A row of its own: hidden inside the plan, it leaves no empty half beside the customer.
				width: 'full',
			}),
			// One tap in a dropdown of the caller's customers (the bundle's `visit-customer-pick`), no drawer to confirm.
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, {
				required: true,
				interface: 'visit-customer-pick',
			}),
			date('planned_date', ['计划日期', 'Planned date'], { required: true, indexed: true }),
			select('purpose', ['拜访目的', 'Purpose'], 'visitPurposes', { required: true }),
			text('objective', ['拜访目标', 'Objective']),
			text('materials', ['携带资料', 'Materials']),
			nonNegative('estimated_expense', ['预计费用（元）', 'Estimated expense (CNY)']),
			// The flow's (plan approval): shown, read-only, once there is one; a draft's item has nothing to show.
			m2o('visit', ['生成的拜访', 'Visit'], 'visits', VISIT, {
				readonly: true,
				conditions: [{ name: '尚未生成拜访', rule: { visit: { _null: true } }, hidden: true, readonly: true }],
			}),
			...auditFields(),
		],
	},
	{
		collection: 'visits',
		label: ['拜访记录', 'Visits'],
		singular: ['拜访', 'Visit'],
		icon: 'directions_walk',
		note: ['每次客户拜访：申请、签到、签退与报告', 'Each customer visit: application, check-in, check-out and report'],
		displayTemplate: VISIT,
		fields: [
			primaryKey(),
			// Indexed by the (owner, date) composites of setup/indexes.ts, which serve lookups by owner alone too.
			owner(['拜访人', 'Owner'], { indexed: false }),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true, oneField: 'visits' }),
			m2o('plan_item', ['计划明细', 'Plan item'], 'visit_plan_items', '{{planned_date}} · {{customer.name}}', {
				readonly: true,
				// One visit per plan item: approving a plan schedules it, and nothing else links one.
				unique: true,
				note: [
					'审批通过的计划生成拜访时填写；计划外拜访留空',
					'Set when an approved plan schedules the visit; empty for unplanned visits',
				],
			}),
			select('purpose', ['拜访目的', 'Purpose'], 'visitPurposes', { required: true }),
			select('channel', ['拜访方式', 'Channel'], 'visitChannels', {
				required: true,
				nullable: false,
				default: 'onsite',
			}),
			timestamp('scheduled_start', ['计划时间', 'Scheduled start'], { required: true, indexed: true }),
			select('status', ['拜访状态', 'Status'], 'visitStatuses', {
				nullable: false,
				default: 'scheduled',
				indexed: true,
				readonly: true,
				colors: { scheduled: 'blue', in_progress: 'orange', completed: 'green', cancelled: 'gray', missed: 'red' },
			}),
			// The visit's actions are in `field_work`; this retired panel stays, hidden, because setup never
			// deletes a field and databases set up before would otherwise show every button twice.
			approvalActions(undefined, { hidden: true }),
			presentation('field_work', ['外勤', 'Field work'], 'visit-field-work'),
			boolean('travel', ['出差拜访', 'Travel'], {
				default: false,
				nullable: false,
				note: [
					'出差拜访须事先申请，经批准后方可出发',
					'A visit that needs travel is applied for and approved before leaving',
				],
			}),
			group('application', ['拜访申请', 'Application'], { start: 'closed' }),
			boolean('requires_application', ['需事先申请', 'Requires application'], {
				readonly: true,
				group: 'application',
				default: false,
				nullable: false,
			}),
			select('application_status', ['申请状态', 'Application status'], 'applicationStatuses', {
				readonly: true,
				group: 'application',
				nullable: false,
				default: 'not_required',
				indexed: true,
				colors: { not_required: 'gray', ...decisionColors },
			}),
			timestamp('application_submitted_at', ['申请时间', 'Applied at'], { readonly: true, group: 'application' }),
			boolean('application_late', ['申请不及时', 'Applied late'], {
				readonly: true,
				group: 'application',
				default: false,
				nullable: false,
				note: ['未按“拜访申请提前（小时）”提前申请', 'Applied later than the application lead time before the visit'],
			}),
			m2o('application_approver', ['申请审批人', 'Application approver'], 'directus_users', USER, {
				readonly: true,
				group: 'application',
			}),
			timestamp('application_decided_at', ['申请审批时间', 'Application decided at'], {
				readonly: true,
				group: 'application',
			}),
			timestamp('application_filed_at', ['报备时间', 'Filed at'], { readonly: true, group: 'application' }),
			boolean('unauthorized', ['未经批准（视作旷工）', 'Unauthorized'], {
				readonly: true,
				group: 'application',
				default: false,
				nullable: false,
			}),
			// 改期申请 (POST /visit-flow/visits/:id/reschedule): a plan visit's day moves when the supervisor approves.
			group('reschedule', ['改期申请', 'Reschedule'], { start: 'closed' }),
			select('reschedule_status', ['改期状态', 'Reschedule status'], 'rescheduleStatuses', {
				readonly: true,
				group: 'reschedule',
				nullable: false,
				default: 'none',
				colors: { none: 'gray', ...decisionColors },
			}),
			timestamp('reschedule_to', ['申请改至', 'New start asked for'], { readonly: true, group: 'reschedule' }),
			text('reschedule_reason', ['改期原因', 'Reason to reschedule'], { readonly: true, group: 'reschedule' }),
			timestamp('reschedule_requested_at', ['改期申请时间', 'Reschedule asked at'], {
				readonly: true,
				group: 'reschedule',
			}),
			m2o('reschedule_approver', ['改期审批人', 'Reschedule approver'], 'directus_users', USER, {
				readonly: true,
				group: 'reschedule',
			}),
			timestamp('reschedule_decided_at', ['改期审批时间', 'Reschedule decided at'], {
				readonly: true,
				group: 'reschedule',
			}),
			group('check_in', ['签到签退', 'Check-in and check-out'], { start: 'closed' }),
			timestamp('check_in_at', ['签到时间', 'Checked in at'], { readonly: true, group: 'check_in', indexed: true }),
			coordinate('check_in_latitude', ['签到纬度', 'Check-in latitude'], 'latitude', {
				readonly: true,
				group: 'check_in',
			}),
			coordinate('check_in_longitude', ['签到经度', 'Check-in longitude'], 'longitude', {
				readonly: true,
				group: 'check_in',
			}),
			float('check_in_distance_m', ['距客户距离（米）', 'Distance to customer (m)'], {
				readonly: true,
				group: 'check_in',
			}),
			boolean('outside_geofence', ['超出签到范围', 'Outside geofence'], {
				readonly: true,
				group: 'check_in',
				default: false,
				nullable: false,
			}),
			float('check_in_accuracy_m', ['定位精度（米）', 'Position accuracy (m)'], { readonly: true, group: 'check_in' }),
			text('check_in_reason', ['范围外签到原因', 'Reason for checking in outside'], {
				readonly: true,
				group: 'check_in',
			}),
			m2o(
				'geofence_acknowledged_by',
				['范围外签到确认人', 'Outside check-in acknowledged by'],
				'directus_users',
				USER,
				{ readonly: true, group: 'check_in' },
			),
			timestamp('geofence_acknowledged_at', ['范围外签到确认时间', 'Outside check-in acknowledged at'], {
				readonly: true,
				group: 'check_in',
			}),
			timestamp('check_out_at', ['签退时间', 'Checked out at'], { readonly: true, group: 'check_in', indexed: true }),
			// The customer, the check-in point and the geofence, drawn (the bundle's `visit-check-in-map`).
			presentation('check_in_map', ['签到位置图', 'Check-in sketch'], 'visit-check-in-map', {}, { group: 'check_in' }),
			group('report', ['拜访报告', 'Report'], { start: 'closed' }),
			timestamp('report_due_at', ['报告截止', 'Report due'], { readonly: true, group: 'report', indexed: true }),
			select('report_status', ['报告状态', 'Report status'], 'reportStatuses', {
				readonly: true,
				group: 'report',
				nullable: false,
				default: 'not_due',
				indexed: true,
				colors: {
					not_due: 'gray',
					pending: 'blue',
					submitted: 'purple',
					overdue: 'red',
					approved: 'green',
					returned: 'orange',
				},
			}),
			timestamp('report_submitted_at', ['报告提交时间', 'Report submitted at'], { readonly: true, group: 'report' }),
			boolean('report_late', ['报告逾期', 'Report late'], {
				readonly: true,
				group: 'report',
				default: false,
				nullable: false,
			}),
			timestamp('report_reminded_at', ['报告提醒时间', 'Report reminder sent'], {
				readonly: true,
				hidden: true,
				group: 'report',
			}),
			o2m('reports', ['拜访报告', 'Reports'], '{{submitted_at}} {{review_decision}}', { group: 'report' }),
			o2m('follow_ups', ['跟进事项', 'Follow-ups'], '{{due_date}} {{description}} {{status}}'),
			...auditFields(),
		],
	},
	{
		collection: 'visit_reports',
		label: ['拜访报告', 'Visit reports'],
		singular: ['拜访报告', 'Visit report'],
		icon: 'assignment',
		note: ['拜访后提交、主管审核的报告', 'The report handed in after a visit and reviewed by the supervisor'],
		displayTemplate: '{{visit.customer.name}} · {{submitted_at}}',
		fields: [
			primaryKey(),
			m2o('visit', ['拜访', 'Visit'], 'visits', VISIT, {
				required: true,
				unique: true,
				onDelete: 'CASCADE',
				oneField: 'reports',
			}),
			text('summary', ['拜访概要', 'Summary'], { required: true }),
			text('customer_feedback', ['客户反馈', 'Customer feedback']),
			text('outcome', ['拜访结果', 'Outcome']),
			string('participants', ['参与人员', 'Participants'], { width: 'full' }),
			text('competitor_info', ['竞争对手信息', 'Competitor information']),
			text('next_steps', ['后续计划', 'Next steps']),
			group('review', ['审核', 'Review']),
			approvalActions(['审核操作', 'Review actions'], {
				group: 'review',
				note: [
					'主管在此审核报告；以下审核字段由流程填写',
					'The supervisor reviews the report here; the review fields below are filled in by the flow',
				],
			}),
			timestamp('submitted_at', ['提交时间', 'Submitted at'], { readonly: true, group: 'review' }),
			m2o('reviewer', ['审核人', 'Reviewer'], 'directus_users', USER, { readonly: true, group: 'review' }),
			timestamp('reviewed_at', ['审核时间', 'Reviewed at'], { readonly: true, group: 'review' }),
			select('review_decision', ['审核结果', 'Review decision'], 'reviewDecisions', {
				readonly: true,
				group: 'review',
				colors: { approved: 'green', returned: 'orange' },
			}),
			text('review_comment', ['审核意见', 'Review comment'], { readonly: true, group: 'review' }),
			...auditFields(),
		],
	},
	{
		collection: 'follow_ups',
		label: ['跟进事项', 'Follow-ups'],
		singular: ['跟进事项', 'Follow-up'],
		icon: 'task_alt',
		note: ['拜访中答应客户的事项，跟踪到完成', 'Commitments made during a visit, tracked to done'],
		displayTemplate: '{{description}}',
		archive: { field: 'status', value: 'cancelled', unarchive: 'open' },
		fields: [
			primaryKey(),
			m2o('visit', ['来源拜访', 'Visit'], 'visits', VISIT, { oneField: 'follow_ups' }),
			// Set by a reception's report (its promises), never by hand: flow-owned (domain/flow-fields.ts).
			m2o('reception', ['来源接待', 'Reception'], 'receptions', '{{customer.name}} · {{planned_at}}', {
				oneField: 'follow_ups',
				readonly: true,
			}),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true }),
			owner(),
			text('description', ['事项', 'Description'], { required: true }),
			date('due_date', ['完成期限', 'Due date'], { required: true, indexed: true }),
			select('status', ['状态', 'Status'], 'followUpStatuses', {
				nullable: false,
				default: 'open',
				indexed: true,
				readonly: true,
				colors: { open: 'blue', done: 'green', cancelled: 'gray' },
			}),
			approvalActions(['跟进处理', 'Follow-up actions']),
			timestamp('completed_at', ['完成时间', 'Completed at'], { readonly: true }),
			boolean('overdue', ['已逾期', 'Overdue'], { readonly: true, default: false, nullable: false }),
			...auditFields(),
		],
	},
	{
		collection: 'daily_reports',
		label: ['工作日报', 'Daily reports'],
		singular: ['工作日报', 'Daily report'],
		icon: 'today',
		note: ['每日工作结束后发送给经理的日报', 'Sent to the manager at the end of each working day'],
		displayTemplate: '{{owner.last_name}}{{owner.first_name}} · {{date}}',
		fields: [
			primaryKey(),
			owner(['填报人', 'Owner']),
			date('date', ['日期', 'Date'], { required: true, indexed: true }),
			// Not required on the form: left empty, the server starts it from the day's visits (flow/guard.ts daySummary).
			text('summary', ['工作总结', 'Summary'], {
				nullable: false,
				note: ['留空保存即按当天拜访预填', 'Save it empty to start from the day’s visits'],
			}),
			timestamp('submitted_at', ['提交时间', 'Submitted at'], { readonly: true }),
			boolean('late', ['逾期提交', 'Late'], { readonly: true, default: false, nullable: false }),
			...auditFields(),
		],
	},
	{
		collection: 'periodic_reports',
		label: ['周报与月报', 'Weekly and monthly reports'],
		singular: ['周报/月报', 'Weekly or monthly report'],
		icon: 'summarize',
		note: [
			'每周五提交周报、每月规定日前提交月报（含市场分析），由直属上级审核；本期数据由系统预填',
			'A weekly report by Friday and a monthly report (with its market analysis) by the configured day, reviewed by the supervisor; the period’s figures are filled in by the server',
		],
		displayTemplate: '{{owner.last_name}}{{owner.first_name}} · {{period_type}} {{period_start}}',
		fields: [
			primaryKey(),
			// One a person and period: a unique index on (owner, period_type, period_start) (setup/indexes.ts).
			owner(['填报人', 'Owner'], { indexed: false }),
			select('period_type', ['报告类型', 'Report type'], 'reportPeriodTypes', { required: true, nullable: false }),
			date('period_start', ['期间开始', 'Period start'], {
				required: true,
				note: ['周报为星期一，月报为每月1日', 'A Monday for a weekly report, the 1st for a monthly one'],
			}),
			select('status', ['状态', 'Status'], 'periodicReportStatuses', {
				nullable: false,
				default: 'draft',
				readonly: true,
				colors: { draft: 'gray', submitted: 'blue', approved: 'green', returned: 'red' },
			}),
			approvalActions(['提交与审核', 'Submit and review']),
			// Indexed, and a partial index of the drafts by it for the reminders (setup/indexes.ts).
			timestamp('due_at', ['提交期限', 'Due at'], {
				readonly: true,
				indexed: true,
				note: [
					'周报为该周星期五的截止时间，月报为次月规定日结束（见拜访设置）',
					'A week’s Friday at the configured time; for a month, the end of the configured day of the next month (visit settings)',
				],
			}),
			json('facts', ['本期数据', 'Period figures'], {
				readonly: true,
				// A table of the figures, live while the owner may edit (the bundle's `visit-report-facts`).
				interface: 'visit-report-facts',
				note: [
					'系统按本人本期的拜访、新客户、订单、回款与商机推进预填，保存与提交时更新',
					'Filled in by the server from the period’s visits, new customers, orders, payments and opportunity moves; refreshed on each save and on submitting',
				],
			}),
			text('summary', ['工作总结', 'Summary'], { note: ['提交时必填', 'Required to submit'] }),
			text('next_plan', ['下期计划', 'Next period’s plan']),
			text('market_analysis', ['市场分析', 'Market analysis'], {
				note: ['月报提交时必填', 'Required to submit a monthly report'],
			}),
			group('review', ['提交与审核', 'Submission and review']),
			timestamp('submitted_at', ['提交时间', 'Submitted at'], { readonly: true, group: 'review' }),
			boolean('late', ['逾期提交', 'Late'], {
				readonly: true,
				default: false,
				nullable: false,
				group: 'review',
				note: ['首次提交晚于提交期限', 'First submitted after its due time'],
			}),
			m2o('reviewer', ['审核人', 'Reviewer'], 'directus_users', USER, { readonly: true, group: 'review' }),
			text('review_comment', ['审核意见', 'Review comment'], { readonly: true, group: 'review' }),
			...auditFields(),
		],
	},
	{
		collection: 'receptions',
		label: ['客户接待', 'Receptions'],
		singular: ['客户接待', 'Reception'],
		icon: 'meeting_room',
		note: [
			'客户来访：接待人申请，上级审批，前台登记到访，离开后在规定时限内提交接待报告（销售人员待客制度）',
			'A customer’s visit to the company: the host requests it, the supervisor approves, the front desk records the arrival, the host reports within the configured hours after the customer left',
		],
		displayTemplate: '{{customer.name}} · {{planned_at}}',
		fields: [
			primaryKey(),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true }),
			m2o('host', ['接待人', 'Host'], 'directus_users', USER, { required: true }),
			select('status', ['状态', 'Status'], 'receptionStatuses', {
				nullable: false,
				default: 'requested',
				readonly: true,
				indexed: true,
				colors: {
					requested: 'orange',
					approved: 'blue',
					rejected: 'red',
					arrived: 'purple',
					held: 'yellow',
					reported: 'green',
					cancelled: 'gray',
				},
			}),
			approvalActions(['审批与接待', 'Approval and reception']),
			timestamp('planned_at', ['预计到访时间', 'Expected at'], { required: true, indexed: true }),
			string('location', ['接待地点', 'Location']),
			text('visitors', ['来访人员（姓名与职务）', 'Visitors (names and titles)']),
			integer('visitor_count', ['来访人数', 'Visitors'], {
				default: 1,
				validation: { _or: [{ visitor_count: { _null: true } }, { visitor_count: { _gte: 1 } }] },
				validationMessage: ['至少 1 人', 'At least 1'],
			}),
			o2m('escorts', ['陪同人员', 'Escorts'], '{{user.last_name}}{{user.first_name}}'),
			text('purpose', ['来访目的', 'Purpose']),
			text('needs', ['客户需求', 'Needs']),
			decimal('budget', ['接待预算（元）', 'Budget (CNY)']),
			group('reception_record', ['接待记录', 'Record']),
			m2o('approver', ['审批人', 'Approver'], 'directus_users', USER, { readonly: true, group: 'reception_record' }),
			timestamp('arrived_at', ['到访时间', 'Arrived at'], { readonly: true, group: 'reception_record' }),
			timestamp('left_at', ['离开时间', 'Left at'], { readonly: true, group: 'reception_record' }),
			// The sweep's reminders read it by a partial index of the held receptions (setup/indexes.ts);
			// indexed here too, so that Directus, seeing an index on it, keeps one it made itself.
			timestamp('report_due_at', ['报告期限', 'Report due at'], {
				readonly: true,
				indexed: true,
				group: 'reception_record',
			}),
			text('report', ['接待报告', 'Report'], {
				readonly: true,
				group: 'reception_record',
				note: [
					'接待经过、客户需求与意见、承诺答复的事项；由接待人通过“提交接待报告”填写',
					'How it went, the customer’s needs and opinions, what was promised; written by the host through “report”',
				],
			}),
			boolean('report_late', ['报告逾期', 'Reported late'], {
				readonly: true,
				default: false,
				nullable: false,
				group: 'reception_record',
			}),
			o2m('follow_ups', ['承诺事项（跟进）', 'Promises (follow-ups)'], '{{due_date}} {{description}} {{status}}', {
				group: 'reception_record',
				readonly: true,
			}),
			...auditFields(),
		],
	},
	{
		collection: 'reception_escorts',
		label: ['接待陪同人员', 'Reception escorts'],
		icon: 'group',
		note: ['客户接待的陪同人员（可来自任何部门）', 'Who escorts a reception’s visitors (from any department)'],
		displayTemplate: '{{user.last_name}}{{user.first_name}}',
		fields: [
			primaryKey(),
			m2o('reception', ['客户接待', 'Reception'], 'receptions', '{{customer.name}} · {{planned_at}}', {
				required: true,
				oneField: 'escorts',
				onDelete: 'CASCADE',
			}),
			m2o('user', ['陪同人员', 'Escort'], 'directus_users', USER, { required: true }),
		],
	},
	{
		collection: 'revisits',
		label: ['客户回访', 'Revisits'],
		singular: ['客户回访', 'Revisit'],
		icon: 'support_agent',
		note: ['售后、定期、大客户与投诉后的回访', 'After-sale, periodic, key-account and after-complaint revisits'],
		displayTemplate: '{{customer.name}} · {{due_date}}',
		fields: [
			primaryKey(),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true }),
			select('kind', ['回访类型', 'Kind'], 'revisitKinds', { required: true, nullable: false }),
			select('channel', ['回访方式', 'Channel'], 'revisitChannels', {
				required: true,
				nullable: false,
				default: 'phone',
			}),
			date('due_date', ['应回访日期', 'Due date'], { required: true, indexed: true }),
			approvalActions(['回访处理', 'Revisit actions']),
			select('status', ['状态', 'Status'], 'revisitStatuses', {
				nullable: false,
				default: 'scheduled',
				indexed: true,
				readonly: true,
				colors: { scheduled: 'blue', done: 'green', missed: 'red', cancelled: 'gray' },
			}),
			owner(['回访人', 'Owner']),
			timestamp('done_at', ['回访时间', 'Done at'], { readonly: true }),
			integer('satisfaction', ['满意度（1–5）', 'Satisfaction (1–5)'], {
				interface: 'slider',
				options: { minValue: 1, maxValue: 5, stepInterval: 1 },
				validation: {
					_or: [
						{ satisfaction: { _null: true } },
						{ _and: [{ satisfaction: { _gte: 1 } }, { satisfaction: { _lte: 5 } }] },
					],
				},
				validationMessage: ['满意度须为 1 到 5', 'Satisfaction must be between 1 and 5'],
			}),
			text('notes', ['回访记录', 'Notes']),
			m2o('source_order', ['来源订单', 'Source order'], 'sales_orders', '{{order_no}}'),
			m2o('source_complaint', ['来源投诉', 'Source complaint'], 'complaints', '{{received_at}} {{customer.name}}'),
			m2o('contact', ['回访联系人', 'Contact'], 'contacts', '{{name}} {{title}}', {
				note: ['须为该客户的联系人', 'One of this customer’s contacts'],
			}),
			date('report_due_at', ['回访报告截止', 'Report due'], {
				readonly: true,
				note: ['完成回访后的下一个工作日', 'The next working day after the revisit is done'],
			}),
			m2o('reviewed_by', ['审核人', 'Reviewed by'], 'directus_users', USER, { readonly: true }),
			timestamp('reviewed_at', ['审核时间', 'Reviewed at'], { readonly: true }),
			m2o('escalated_visit', ['上门拜访', 'On-site visit'], 'visits', '{{scheduled_start}} {{customer.name}}', {
				readonly: true,
				note: [
					'电话回访无法解决问题时为客户负责人创建的现场拜访',
					'The on-site visit created for the customer’s owner when a phone revisit cannot solve the problem',
				],
			}),
			string('schedule_key', ['排期标识', 'Schedule key'], {
				unique: true,
				readonly: true,
				note: [
					'系统排期的回访各有唯一标识，保证不重复生成',
					'Each revisit the server schedules has a unique key (e.g. periodic_phone:customer:7:2026-Q4), so none is created twice',
				],
			}),
			...auditFields(),
		],
	},
	{
		collection: 'complaints',
		label: ['客户投诉', 'Complaints'],
		singular: ['客户投诉', 'Complaint'],
		icon: 'report',
		note: ['客户投诉及其响应、解决时限', 'Customer complaints with response and resolution deadlines'],
		displayTemplate: '{{customer.name}} · {{received_at}}',
		fields: [
			primaryKey(),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true }),
			owner(['处理人', 'Owner']),
			timestamp('received_at', ['受理时间', 'Received at'], { required: true, indexed: true }),
			approvalActions(['投诉处理', 'Complaint actions']),
			text('description', ['投诉内容', 'Description'], { required: true }),
			select('severity', ['严重程度', 'Severity'], 'complaintSeverities', {
				required: true,
				nullable: false,
				default: 'medium',
				colors: { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' },
			}),
			select('status', ['状态', 'Status'], 'complaintStatuses', {
				nullable: false,
				default: 'open',
				indexed: true,
				readonly: true,
				colors: { open: 'red', responded: 'orange', resolved: 'green', closed: 'gray' },
			}),
			timestamp('response_due_at', ['响应期限', 'Response due'], { readonly: true, indexed: true }),
			timestamp('responded_at', ['响应时间', 'Responded at'], { readonly: true }),
			boolean('response_late', ['响应超时', 'Response late'], {
				readonly: true,
				default: false,
				nullable: false,
				note: ['过了响应期限仍未响应，或响应晚于期限', 'Still open past the response deadline, or answered after it'],
			}),
			timestamp('resolved_at', ['解决时间', 'Resolved at'], { readonly: true }),
			text('resolution', ['处理结果', 'Resolution']),
			m2o('product', ['产品', 'Product'], 'products', '{{name}} ({{code}})'),
			string('location', ['投诉地点', 'Location']),
			text('customer_request', ['客户要求', 'Customer request']),
			select('cause', ['投诉原因', 'Cause'], 'complaintCauses', {
				note: ['关闭投诉前须填写', 'Required before the complaint is closed'],
			}),
			string('department', ['责任部门', 'Department']),
			text('corrective_action', ['纠正措施', 'Corrective action'], {
				note: ['有效投诉关闭前须填写', 'Required before a valid complaint is closed'],
			}),
			text('preventive_action', ['预防措施', 'Preventive action']),
			boolean('valid', ['有效投诉', 'Valid complaint'], { default: true, nullable: false }),
			timestamp('resolution_due_at', ['解决期限', 'Resolution due'], { readonly: true, indexed: true }),
			boolean('resolution_late', ['解决超时', 'Resolution late'], {
				readonly: true,
				default: false,
				nullable: false,
				note: [
					'过了解决期限仍未解决，或解决晚于期限',
					'Still unresolved past the resolution deadline, or resolved after it',
				],
			}),
			timestamp('escalated_at', ['升级时间', 'Escalated at'], {
				readonly: true,
				note: [
					'解决超时后已上报总经理的时间（只上报一次）',
					'When the overdue complaint was escalated to the General Managers (once)',
				],
			}),
			...auditFields(),
		],
	},
	{
		collection: 'sales_orders',
		label: ['销售订单', 'Sales orders'],
		singular: ['销售订单', 'Sales order'],
		icon: 'receipt_long',
		note: ['签约订单与回款', 'Signed orders and payments collected'],
		displayTemplate: '{{order_no}} · {{customer.name}}',
		fields: [
			primaryKey(),
			string('order_no', ['订单编号', 'Order no.'], { required: true, unique: true, nullable: false }),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true }),
			owner(['销售人员', 'Owner']),
			date('signed_at', ['签约日期', 'Signed on'], { required: true, indexed: true }),
			nonNegative('amount', ['合同金额（元）', 'Amount (CNY)'], { required: true }),
			nonNegative('paid_amount', ['已回款（元）', 'Paid (CNY)'], {
				default: 0,
				readonly: true,
				note: ['财务登记的回款合计', 'The payments Finance recorded, in total'],
			}),
			m2o('contract', ['合同', 'Contract'], 'contracts', '{{contract_no}}', { readonly: true }),
			select('status', ['订单状态', 'Status'], 'orderStatuses', {
				nullable: false,
				default: 'signed',
				indexed: true,
				readonly: true,
				colors: { signed: 'blue', delivered: 'purple', paid: 'green', cancelled: 'gray' },
				note: [
					'发货验收后为已交付，回款足额后为已回款，由系统维护',
					'Delivered once a delivery is accepted, paid once payments cover the amount: kept by the server',
				],
			}),
			approvalActions(['发货与回款', 'Deliveries and payments']),
			date('warranty_until', ['质保期至', 'Warranty until']),
			o2m('deliveries', ['发货', 'Deliveries'], '{{shipped_at}} {{status}}'),
			o2m('schedules', ['回款计划', 'Payment schedule'], '{{due_date}} {{amount}} {{status}}', {
				options: { enableCreate: false },
			}),
			o2m('payments', ['回款记录', 'Payments'], '{{received_at}} {{amount}} {{method}}', {
				options: { enableCreate: false },
			}),
			...auditFields(),
		],
	},
	{
		collection: 'products',
		label: ['产品', 'Products'],
		singular: ['产品', 'Product'],
		icon: 'inventory_2',
		note: [
			'产品目录与三级价格：标准价、经销价、批发价，以及未经总经理审批不得低于的最低限价',
			'The catalogue and its price levels: list, dealer and wholesale prices, and the floor price no quote goes under without a General Manager',
		],
		displayTemplate: '{{name}} ({{code}})',
		archive: { field: 'active', value: 'false', unarchive: 'true' },
		fields: [
			primaryKey(),
			string('code', ['产品编码', 'Code'], { required: true, unique: true, nullable: false }),
			string('name', ['产品名称', 'Name'], { required: true, width: 'full' }),
			string('unit', ['计量单位', 'Unit'], { required: true }),
			boolean('active', ['在售', 'Active'], {
				default: true,
				nullable: false,
				note: [
					'停售的产品不能再报价，历史报价不受影响',
					'A product no longer sold is not quoted again; past quotes keep it',
				],
			}),
			group('prices', ['价格', 'Prices'], {
				note: ['最低限价 ≤ 批发价、经销价 ≤ 标准价', 'Floor price ≤ wholesale and dealer prices ≤ list price'],
			}),
			nonNegative('list_price', ['标准价（元）', 'List price (CNY)'], {
				required: true,
				group: 'prices',
				note: ['面向终端客户的报价基准', 'What end users are quoted from'],
			}),
			nonNegative('dealer_price', ['经销价（元）', 'Dealer price (CNY)'], {
				group: 'prices',
				note: ['二级分销商价格', 'What second-level dealers pay'],
			}),
			nonNegative('wholesale_price', ['批发价（元）', 'Wholesale price (CNY)'], {
				group: 'prices',
				note: ['一级经销商价格（出厂价）', 'What first-level distributors pay (ex-works)'],
			}),
			nonNegative('floor_price', ['最低限价（元）', 'Floor price (CNY)'], {
				required: true,
				group: 'prices',
				note: ['任何报价低于此价格须经总经理审批', 'Any quote below this price needs a General Manager’s approval'],
			}),
			...auditFields(),
		],
	},
	{
		collection: 'expense_requests',
		label: ['费用申请', 'Expense requests'],
		singular: ['费用申请', 'Expense request'],
		icon: 'payments',
		note: ['礼品、应酬、差旅与物料费用的事前申请', 'Prior approval for gifts, entertainment, travel and materials'],
		displayTemplate: '{{kind}} · {{amount}}',
		fields: [
			primaryKey(),
			m2o('requester', ['申请人', 'Requester'], 'directus_users', USER, { required: true }),
			m2o('visit', ['关联拜访', 'Visit'], 'visits', VISIT),
			m2o('plan_item', ['关联计划明细', 'Plan item'], 'visit_plan_items', '{{planned_date}} · {{customer.name}}'),
			// 接待礼品: a gift or expense for a reception the requester hosts (flow/guard.ts).
			m2o('reception', ['关联接待', 'Reception'], 'receptions', '{{customer.name}} · {{planned_at}}'),
			select('kind', ['费用类型', 'Kind'], 'expenseKinds', { required: true, nullable: false }),
			nonNegative('amount', ['金额（元）', 'Amount (CNY)'], { required: true }),
			text('description', ['用途说明', 'Description']),
			select('status', ['状态', 'Status'], 'expenseStatuses', {
				nullable: false,
				default: 'pending',
				indexed: true,
				readonly: true,
				colors: decisionColors,
			}),
			approvalActions(),
			m2o('approver', ['审批人', 'Approver'], 'directus_users', USER, { readonly: true }),
			timestamp('decided_at', ['审批时间', 'Decided at'], { readonly: true }),
			text('decision_comment', ['审批意见', 'Decision comment'], { readonly: true }),
			boolean('over_budget', ['超出预算', 'Over budget'], {
				readonly: true,
				default: false,
				nullable: false,
				note: [
					'本月费用连同本次申请超出业绩目标中的费用预算，须总经理审批',
					'This month’s expenses with this request exceed the budget in the sales targets: a General Manager decides',
				],
			}),
			...auditFields(),
		],
	},
	{
		collection: 'visit_quota_rules',
		label: ['拜访频次规则', 'Visit quota rules'],
		singular: ['拜访频次规则', 'Visit quota rule'],
		icon: 'rule',
		note: ['每类客户的最低拜访频次；空值表示任意', 'Minimum visit frequency per kind of customer; empty means any'],
		displayTemplate: '{{name}}',
		archive: { field: 'active', value: 'false', unarchive: 'true' },
		fields: [
			primaryKey(),
			string('name', ['规则名称', 'Name'], { required: true, width: 'full' }),
			select('tier', ['客户等级', 'Tier'], 'customerTiers'),
			select('category', ['客户类别', 'Category'], 'customerCategories'),
			select('region_scope', ['区域范围', 'Region scope'], 'regionScopes'),
			select('position', ['岗位', 'Position'], 'positions'),
			integer('min_visits', ['最少拜访次数', 'Minimum visits'], {
				required: true,
				validation: { min_visits: { _gte: 1 } },
				validationMessage: ['最少拜访次数须至少为 1', 'Minimum visits must be at least 1'],
			}),
			select('period', ['周期', 'Period'], 'quotaPeriods', { required: true, nullable: false, default: 'month' }),
			select('channel', ['计入方式', 'Channel'], 'quotaChannels', { required: true, nullable: false, default: 'any' }),
			integer('priority', ['优先级', 'Priority'], {
				default: 0,
				nullable: false,
				note: ['同样具体的规则中，数值大者优先', 'Among equally specific rules, the higher number wins'],
			}),
			boolean('active', ['启用', 'Active'], { default: true, nullable: false }),
			...auditFields(),
		],
	},
	{
		collection: 'discount_rules',
		label: ['折扣审批规则', 'Discount rules'],
		singular: ['折扣审批规则', 'Discount rule'],
		icon: 'percent',
		note: [
			'报价的最大折扣率落在哪一档，就由该档的审批人审批；低于最低限价一律由总经理审批',
			'A quote’s largest discount falls under the rule with the smallest maximum that covers it, and that rule’s approver decides; any price under the floor price goes to a General Manager',
		],
		displayTemplate: '≤ {{max_discount_rate}}% · {{approver_position}}',
		archive: { field: 'active', value: 'false', unarchive: 'true' },
		fields: [
			primaryKey(),
			decimal(
				'max_discount_rate',
				['最大折扣率（%）', 'Maximum discount (%)'],
				{
					required: true,
					note: ['12.5 表示比标准价低 12.5%', '12.5 means 12.5 % under the list price'],
					validation: { _and: [{ max_discount_rate: { _gte: 0 } }, { max_discount_rate: { _lte: 100 } }] },
					validationMessage: ['最大折扣率须在 0 到 100 之间', 'The maximum discount is between 0 and 100'],
					options: { min: 0, max: 100 },
				},
				5,
				2,
			),
			select('approver_position', ['审批人', 'Approver'], 'approverPositions', {
				required: true,
				nullable: false,
				colors: { none: 'green', manager: 'blue', general_manager: 'purple' },
			}),
			boolean('active', ['启用', 'Active'], { default: true, nullable: false }),
			...auditFields(),
		],
	},
	{
		collection: 'opportunities',
		label: ['商机', 'Opportunities'],
		singular: ['商机', 'Opportunity'],
		icon: 'trending_up',
		note: [
			'从线索到赢单或输单的销售机会；阶段只能向前推进，输单须有原因与战败分析',
			'Sales opportunities from lead to won or lost; stages only move forward, and a loss needs a reason and an analysis',
		],
		displayTemplate: '{{name}} · {{customer.name}}',
		fields: [
			primaryKey(),
			string('name', ['商机名称', 'Name'], { required: true, width: 'full' }),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true }),
			// Indexed with the stage (setup/indexes.ts).
			owner(['负责人', 'Owner'], { indexed: false }),
			select('stage', ['阶段', 'Stage'], 'opportunityStages', {
				nullable: false,
				default: 'lead',
				indexed: true,
				readonly: true,
				colors: { lead: 'gray', qualified: 'blue', proposal: 'blue', negotiation: 'orange', won: 'green', lost: 'red' },
			}),
			approvalActions(['商机推进', 'Opportunity actions']),
			nonNegative('amount', ['预计金额（元）', 'Expected amount (CNY)']),
			integer('probability', ['赢单概率（%）', 'Probability (%)'], {
				note: [
					'留空时取该阶段在拜访设置中的默认值；阶段变更时重置为新阶段的默认值',
					'Left empty, the stage’s default from the settings; a stage change resets it to the new stage’s default',
				],
				validation: {
					_or: [
						{ probability: { _null: true } },
						{ _and: [{ probability: { _gte: 0 } }, { probability: { _lte: 100 } }] },
					],
				},
				validationMessage: ['赢单概率须在 0 到 100 之间', 'The probability is between 0 and 100'],
				options: { min: 0, max: 100 },
			}),
			date('expected_close', ['预计成交日期', 'Expected close']),
			string('source', ['来源', 'Source']),
			text('competitors', ['竞争对手', 'Competitors']),
			group('closing', ['结束', 'Closing'], { start: 'closed' }),
			select('lost_reason', ['输单原因', 'Lost reason'], 'lostReasons', { readonly: true, group: 'closing' }),
			text('lost_analysis', ['战败分析', 'Loss analysis'], {
				group: 'closing',
				note: ['输单时必填（至少 10 个字）', 'Required to mark it lost (10 characters at least)'],
			}),
			timestamp('stage_changed_at', ['阶段变更时间', 'Stage changed at'], { readonly: true, group: 'closing' }),
			timestamp('closed_at', ['结束时间', 'Closed at'], { readonly: true, group: 'closing' }),
			o2m('quotes', ['报价单', 'Quotes'], '{{quote_no}} {{status}} {{net_total}}', {
				options: { enableCreate: false },
			}),
			...auditFields(),
		],
	},
	{
		collection: 'quotes',
		label: ['报价单', 'Quotes'],
		singular: ['报价单', 'Quote'],
		icon: 'request_quote',
		note: [
			'报价单及其明细：标准价取自产品，折扣与金额由系统计算，超出权限的折扣按折扣审批规则审批',
			'Quotes and their lines: list prices come from the products, discounts and amounts are computed by the server, and discounts beyond the rep’s authority are approved as the discount rules say',
		],
		displayTemplate: '{{quote_no}} · {{customer.name}}',
		fields: [
			primaryKey(),
			string('quote_no', ['报价单号', 'Quote no.'], {
				unique: true,
				note: ['留空时由系统生成（如 QT202612-0001）', 'Left empty, the server numbers it (e.g. QT202612-0001)'],
			}),
			m2o('opportunity', ['商机', 'Opportunity'], 'opportunities', '{{name}}', { oneField: 'quotes' }),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true }),
			// Indexed with the status (setup/indexes.ts).
			owner(['报价人', 'Owner'], { indexed: false }),
			select('status', ['状态', 'Status'], 'quoteStatuses', {
				nullable: false,
				default: 'draft',
				indexed: true,
				readonly: true,
				colors: {
					draft: 'gray',
					pending: 'orange',
					approved: 'green',
					rejected: 'red',
					sent: 'blue',
					accepted: 'purple',
					expired: 'gray',
				},
			}),
			approvalActions(),
			timestamp('requested_at', ['询价时间', 'Requested at'], {
				required: true,
				note: ['客户询价的时间，报价期限由此计算', 'When the customer asked; the quote’s deadline counts from it'],
			}),
			timestamp('due_at', ['报价期限', 'Due at'], {
				readonly: true,
				note: ['询价时间加拜访设置中的报价响应时限', 'Requested at plus the quote response hours in the settings'],
			}),
			date('valid_until', ['有效期至', 'Valid until'], { indexed: true }),
			// Edited in place with the totals and the approval level before saving (the bundle's `visit-quote-lines`).
			o2m('lines', ['报价明细', 'Lines'], '{{product.name}} × {{quantity}} @ {{unit_price}}', {
				interface: 'visit-quote-lines',
			}),
			group('totals', ['合计', 'Totals']),
			decimal('list_total', ['标准价合计（元）', 'List total (CNY)'], { readonly: true, group: 'totals' }),
			decimal('net_total', ['报价合计（元）', 'Net total (CNY)'], { readonly: true, group: 'totals' }),
			decimal(
				'max_discount_rate',
				['最大折扣率（%）', 'Largest discount (%)'],
				{ readonly: true, group: 'totals' },
				7,
				2,
			),
			boolean('below_floor', ['低于最低限价', 'Below floor price'], {
				readonly: true,
				default: false,
				nullable: false,
				group: 'totals',
				note: [
					'有明细低于产品最低限价，须总经理审批',
					'A line is priced under the product’s floor price: a General Manager approves',
				],
			}),
			group('approval', ['审批与发送', 'Approval and sending']),
			m2o('approver', ['审批人', 'Approver'], 'directus_users', USER, { readonly: true, group: 'approval' }),
			timestamp('decided_at', ['审批时间', 'Decided at'], { readonly: true, group: 'approval' }),
			text('decision_comment', ['审批意见', 'Decision comment'], { readonly: true, group: 'approval' }),
			timestamp('sent_at', ['发送时间', 'Sent at'], { readonly: true, group: 'approval' }),
			boolean('sent_late', ['逾期发送', 'Sent late'], {
				readonly: true,
				default: false,
				nullable: false,
				group: 'approval',
				note: ['发送时间晚于报价期限', 'Sent after its due time'],
			}),
			...auditFields(),
		],
	},
	{
		collection: 'quote_lines',
		label: ['报价明细', 'Quote lines'],
		singular: ['报价明细', 'Quote line'],
		icon: 'list_alt',
		note: ['报价单的产品明细', 'The products of a quote'],
		displayTemplate: '{{product.name}} × {{quantity}}',
		fields: [
			primaryKey(),
			m2o('quote', ['报价单', 'Quote'], 'quotes', '{{quote_no}}', {
				required: true,
				onDelete: 'CASCADE',
				oneField: 'lines',
				// A line removed in the quote form is deleted: it is nothing without its quote.
				deleteOnDeselect: true,
			}),
			m2o('product', ['产品', 'Product'], 'products', '{{name}} ({{code}})', { required: true }),
			decimal('quantity', ['数量', 'Quantity'], {
				required: true,
				validation: { quantity: { _gt: 0 } },
				validationMessage: ['数量须大于 0', 'The quantity is above 0'],
				options: { min: 0 },
			}),
			nonNegative('unit_price', ['单价（元）', 'Unit price (CNY)'], { required: true }),
			decimal('list_price', ['标准价（元）', 'List price (CNY)'], {
				readonly: true,
				note: ['保存时取自产品', 'Copied from the product when saved'],
			}),
			decimal('discount_rate', ['折扣率（%）', 'Discount (%)'], { readonly: true }, 7, 2),
			decimal('net_amount', ['金额（元）', 'Amount (CNY)'], { readonly: true }),
			...auditFields(),
		],
	},
	{
		collection: 'contracts',
		label: ['合同', 'Contracts'],
		singular: ['合同', 'Contract'],
		icon: 'history_edu',
		note: [
			'合同：法务审核、财务审核（含信用额度检查，超额报总经理）后由销售签订，签订即生成销售订单并赢单',
			'Contracts: legal review, then finance review (with the credit check; over credit goes to a General Manager), then the owner signs; signing creates the sales order and wins the opportunity',
		],
		displayTemplate: '{{contract_no}} · {{customer.name}}',
		fields: [
			primaryKey(),
			string('contract_no', ['合同编号', 'Contract no.'], {
				unique: true,
				note: ['留空时由系统生成（如 HT202612-0001）', 'Left empty, the server numbers it (e.g. HT202612-0001)'],
			}),
			m2o('quote', ['报价单', 'Quote'], 'quotes', '{{quote_no}}'),
			m2o('opportunity', ['商机', 'Opportunity'], 'opportunities', '{{name}}'),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, { required: true }),
			// Indexed with the status (setup/indexes.ts).
			owner(['销售人员', 'Owner'], { indexed: false }),
			nonNegative('amount', ['合同金额（元）', 'Amount (CNY)'], { required: true }),
			select('status', ['状态', 'Status'], 'contractStatuses', {
				nullable: false,
				default: 'draft',
				indexed: true,
				readonly: true,
				colors: {
					draft: 'gray',
					legal_review: 'orange',
					finance_review: 'orange',
					pending_gm: 'orange',
					approved: 'green',
					signed: 'blue',
					rejected: 'red',
					terminated: 'gray',
				},
			}),
			approvalActions(),
			group('review', ['审核与签订', 'Review and signing']),
			m2o('legal_reviewer', ['法务审核人', 'Legal reviewer'], 'directus_users', USER, {
				readonly: true,
				group: 'review',
			}),
			timestamp('legal_reviewed_at', ['法务审核时间', 'Legal review at'], { readonly: true, group: 'review' }),
			m2o('finance_reviewer', ['财务审核人', 'Finance reviewer'], 'directus_users', USER, {
				readonly: true,
				group: 'review',
			}),
			timestamp('finance_reviewed_at', ['财务审核时间', 'Finance review at'], { readonly: true, group: 'review' }),
			boolean('over_credit', ['超信用额度', 'Over credit'], {
				readonly: true,
				default: false,
				nullable: false,
				group: 'review',
				note: [
					'客户未回款加本合同超过信用额度，须总经理审批',
					'The customer’s outstanding receivables plus this contract exceed the credit limit: a General Manager approves',
				],
			}),
			text('decision_comment', ['审核意见', 'Decision comment'], { readonly: true, group: 'review' }),
			timestamp('signed_at', ['签订时间', 'Signed at'], { readonly: true, group: 'review' }),
			o2m('payment_terms', ['付款条款', 'Payment terms'], '{{due_date}} {{amount}}', {
				note: [
					'签订前拟定的回款计划，金额合计须等于合同金额；签订后转为订单的回款计划',
					'The payment schedule drafted before signing; the amounts add up to the contract amount. Signing moves them to the order',
				],
			}),
			...auditFields(),
		],
	},
	{
		collection: 'deliveries',
		label: ['发货', 'Deliveries'],
		singular: ['发货', 'Delivery'],
		icon: 'local_shipping',
		note: [
			'订单的发货与客户验收：验收通过后订单为已交付',
			'What was shipped for an order and whether the customer accepted it: an accepted delivery makes the order delivered',
		],
		displayTemplate: '{{order.order_no}} · {{shipped_at}}',
		fields: [
			primaryKey(),
			m2o('order', ['销售订单', 'Order'], 'sales_orders', '{{order_no}}', { required: true, oneField: 'deliveries' }),
			date('shipped_at', ['发货日期', 'Shipped on'], { required: true }),
			select('status', ['验收状态', 'Status'], 'deliveryStatuses', {
				nullable: false,
				default: 'shipped',
				indexed: true,
				readonly: true,
				colors: { shipped: 'blue', accepted: 'green', rejected: 'red' },
			}),
			approvalActions(['验收', 'Acceptance']),
			timestamp('accepted_at', ['验收时间', 'Accepted at'], {
				readonly: true,
				note: ['客户确认验收的时间', 'When the customer confirmed the delivery'],
			}),
			text('notes', ['备注', 'Notes']),
			...auditFields(),
		],
	},
	{
		collection: 'payment_schedules',
		label: ['回款计划', 'Payment schedules'],
		singular: ['回款计划', 'Payment schedule'],
		icon: 'event_repeat',
		note: [
			'合同的付款条款与订单的应收款：到期未回款的由系统标记为逾期',
			'A contract’s payment terms and an order’s receivables: those past due and unpaid are marked overdue by the server',
		],
		displayTemplate: '{{due_date}} · {{amount}}',
		fields: [
			primaryKey(),
			m2o('order', ['销售订单', 'Order'], 'sales_orders', '{{order_no}}', {
				readonly: true,
				onDelete: 'NO ACTION',
				oneField: 'schedules',
				note: ['合同签订时由系统关联', 'Set by the server when the contract is signed'],
			}),
			m2o('contract', ['合同', 'Contract'], 'contracts', '{{contract_no}}', {
				onDelete: 'CASCADE',
				oneField: 'payment_terms',
				// A term removed in the contract form is deleted: it is nothing without its contract.
				deleteOnDeselect: true,
			}),
			date('due_date', ['到期日', 'Due date'], { required: true, indexed: true }),
			nonNegative('amount', ['应收金额（元）', 'Amount (CNY)'], { required: true }),
			nonNegative('paid_amount', ['已回款（元）', 'Paid (CNY)'], { default: 0, readonly: true }),
			select('status', ['回款状态', 'Status'], 'paymentScheduleStatuses', {
				nullable: false,
				default: 'open',
				readonly: true,
				colors: { open: 'blue', paid: 'green', overdue: 'red' },
			}),
			...auditFields(),
		],
	},
	{
		collection: 'payments',
		label: ['回款记录', 'Payments'],
		singular: ['回款记录', 'Payment'],
		icon: 'payments',
		note: [
			'财务登记的回款，按到期日先后核销回款计划',
			'Payments Finance records, allocated to the oldest open schedules first',
		],
		displayTemplate: '{{order.order_no}} · {{amount}}',
		fields: [
			primaryKey(),
			m2o('order', ['销售订单', 'Order'], 'sales_orders', '{{order_no}}', {
				required: true,
				readonly: true,
				oneField: 'payments',
			}),
			decimal('amount', ['回款金额（元）', 'Amount (CNY)'], { required: true, readonly: true }),
			timestamp('received_at', ['到账时间', 'Received at'], { required: true, readonly: true, indexed: true }),
			select('method', ['回款方式', 'Method'], 'paymentMethods', { readonly: true }),
			m2o('recorded_by', ['登记人', 'Recorded by'], 'directus_users', USER, { readonly: true }),
			...auditFields(),
		],
	},
	{
		collection: 'sales_targets',
		label: ['业绩目标', 'Sales targets'],
		singular: ['业绩目标', 'Sales target'],
		icon: 'flag',
		note: [
			'公司、团队与个人的年度、季度、月度目标：总经理定公司年度目标，在“目标分解”中逐级分解，上级批准，本人确认',
			'Year, quarter and month targets of the company, a team and a person: a General Manager sets the company’s year, each level breaks it down (POST /visit-targets/split), the level above approves, the person confirms',
		],
		displayTemplate:
			'{{owner.last_name}}{{owner.first_name}}{{team.last_name}}{{team.first_name}} · {{period_type}} {{period_start}}',
		fields: [
			primaryKey(),
			select('period_type', ['期间', 'Period'], 'targetPeriodTypes', {
				nullable: false,
				default: 'month',
				indexed: true,
			}),
			m2o('team', ['团队（经理）', 'Team (manager)'], 'directus_users', USER, {
				note: [
					'团队目标填写该团队的经理；个人目标留空',
					'A team target names the team’s manager; empty for a person’s',
				],
			}),
			m2o('owner', ['负责人', 'Owner'], 'directus_users', USER, {
				note: [
					'个人目标填写本人；公司与团队目标留空',
					'A person’s target names the person; empty for the company’s and a team’s',
				],
			}),
			date('period_start', ['期间开始', 'Period start'], {
				required: true,
				indexed: true,
				note: ['年度填 1 月 1 日，季度填季初，月度填当月 1 日', 'The 1st of the year, quarter or month'],
			}),
			nonNegative('sales_amount', ['销售额目标（元）', 'Sales target (CNY)']),
			nonNegative('quantity', ['销量目标', 'Quantity']),
			nonNegative('collection_amount', ['回款目标（元）', 'Collection target (CNY)']),
			nonNegative('new_customers', ['新客户目标', 'New customers'], {}, 'integer'),
			nonNegative('visits', ['拜访目标', 'Visits'], {}, 'integer'),
			nonNegative('revisits', ['回访目标', 'Revisits'], {}, 'integer'),
			nonNegative('calls', ['电话拜访目标', 'Calls'], {}, 'integer'),
			nonNegative('expense_budget', ['费用预算（元）', 'Expense budget (CNY)']),
			approvalActions(),
			group('approval', ['审批与确认', 'Approval and confirmation']),
			// Typed by hand (a General Manager's, or the rows from before targets were broken down) a target stands approved.
			select('status', ['状态', 'Status'], 'targetStatuses', {
				nullable: false,
				default: 'approved',
				indexed: true,
				readonly: true,
				group: 'approval',
				colors: { draft: 'gray', submitted: 'blue', approved: 'green' },
			}),
			m2o('parent', ['上级目标', 'Broken down from'], 'sales_targets', '#{{id}}', {
				readonly: true,
				interface: 'visit-target-ref',
				group: 'approval',
			}),
			integer('revision', ['版本', 'Revision'], { readonly: true, group: 'approval', default: 1, nullable: false }),
			m2o('previous', ['上一版本', 'Previous revision'], 'sales_targets', '#{{id}}', {
				readonly: true,
				interface: 'visit-target-ref',
				group: 'approval',
			}),
			m2o('superseded_by', ['已被修订为', 'Superseded by'], 'sales_targets', '#{{id}}', {
				readonly: true,
				interface: 'visit-target-ref',
				group: 'approval',
				note: ['新版本批准后，旧版本不再计入考核', 'Once a newer revision is approved this one no longer counts'],
			}),
			m2o('submitted_by', ['提交人', 'Submitted by'], 'directus_users', USER, { readonly: true, group: 'approval' }),
			m2o('approver', ['审批人', 'Approver'], 'directus_users', USER, { readonly: true, group: 'approval' }),
			timestamp('confirmed_at', ['本人确认时间', 'Confirmed at'], {
				readonly: true,
				group: 'approval',
				note: ['个人目标确认书：本人确认的时间', 'When the person confirmed the target (个人目标确认书)'],
			}),
			...auditFields(),
		],
	},
	{
		collection: 'commission_rules',
		label: ['提成规则', 'Commission rules'],
		singular: ['提成规则', 'Commission rule'],
		icon: 'percent',
		note: [
			'各岗位的提成：按回款或签约金额分档累进计算（每档比例只适用于落在该档内的部分）；由总经理或管理员维护',
			'Commission per position: on the amount collected or signed, in progressive tiers (each rate applies to the part inside its band); kept by a General Manager or an Administrator',
		],
		displayTemplate: '{{position}} · {{basis}}',
		archive: { field: 'active', value: 'false', unarchive: 'true' },
		fields: [
			primaryKey(),
			select('position', ['岗位', 'Position'], 'positions', { required: true, nullable: false }),
			select('basis', ['提成基数', 'Basis'], 'commissionBases', {
				required: true,
				nullable: false,
				default: 'collected',
				note: [
					'回款：当月收到的、本人负责订单的回款；签约：当月签约的本人订单金额',
					'Collected: payments received in the month on orders the person owns; signed: orders the person signed in the month',
				],
			}),
			json('tiers', ['提成档位', 'Tiers'], {
				required: true,
				...jsonTable([
					{ key: 'from', label: ['起点（元）', 'From (CNY)'], format: 'amount' },
					{ key: 'rate', label: ['提成比例', 'Rate'], format: 'percent' },
				]),
				// The Studio compiles notes as vue-i18n messages: no braces, `|` or `@` (setup/translations.ts).
				note: [
					'每档一项：该档起点（元）与百分比 0–100，如 0 元起按 1%、100000 元起按 2%、500000 元起按 3%',
					'A JSON array, one entry per band: from is where the band starts (CNY), rate a percentage 0–100; e.g. from 0 at 1%, from 100000 at 2%, from 500000 at 3%',
				],
			}),
			boolean('active', ['启用', 'Active'], { default: true, nullable: false }),
			...auditFields(),
		],
	},
	{
		collection: 'commission_statements',
		label: ['提成单', 'Commission statements'],
		singular: ['提成单', 'Commission statement'],
		icon: 'payments',
		note: [
			'每人每月一张，由系统按提成规则生成（月结后），总经理批准，财务发放',
			'One a person and month, generated by the server from the rules once the month has ended; a General Manager approves it, Finance pays it',
		],
		displayTemplate: '{{person.last_name}}{{person.first_name}} · {{month}}',
		fields: [
			primaryKey(),
			// One a person and month: a unique index on (person, month) (setup/indexes.ts).
			m2o('person', ['人员', 'Person'], 'directus_users', USER, { required: true, readonly: true, indexed: false }),
			date('month', ['月份', 'Month'], {
				required: true,
				readonly: true,
				indexed: true,
				note: ['该月1日', 'The 1st of the month'],
			}),
			select('status', ['状态', 'Status'], 'commissionStatementStatuses', {
				nullable: false,
				default: 'draft',
				readonly: true,
				indexed: true,
				colors: { draft: 'gray', approved: 'blue', paid: 'green' },
			}),
			approvalActions(['批准与发放', 'Approval and payment']),
			decimal('basis_amount', ['提成基数（元）', 'Basis (CNY)'], { readonly: true, default: 0, nullable: false }),
			decimal('amount', ['提成金额（元）', 'Commission (CNY)'], { readonly: true, default: 0, nullable: false }),
			json('lines', ['分档明细', 'Lines per tier'], {
				readonly: true,
				...jsonTable([
					{ key: 'from', label: ['起点', 'From'], format: 'amount' },
					{ key: 'to', label: ['终点', 'To'], format: 'amount' },
					{ key: 'base', label: ['计提金额', 'Base'], format: 'amount' },
					{ key: 'rate', label: ['比例', 'Rate'], format: 'percent' },
					{ key: 'amount', label: ['提成', 'Amount'], format: 'amount' },
				]),
				note: [
					'每档一行：起点、终点、落在该档的金额、比例与提成',
					'One line a band: from, to, the base inside it, its rate and amount',
				],
			}),
			m2o('rule', ['提成规则', 'Rule'], 'commission_rules', '{{position}} · {{basis}}', { readonly: true }),
			group('decision', ['批准与发放', 'Approval and payment']),
			m2o('approver', ['批准人', 'Approved by'], 'directus_users', USER, { readonly: true, group: 'decision' }),
			timestamp('decided_at', ['批准时间', 'Approved at'], { readonly: true, group: 'decision' }),
			timestamp('paid_at', ['发放时间', 'Paid at'], { readonly: true, group: 'decision' }),
			...auditFields(),
		],
	},
	{
		collection: 'appraisal_schemes',
		label: ['考核方案', 'Appraisal schemes'],
		singular: ['考核方案', 'Appraisal scheme'],
		icon: 'grading',
		note: [
			'按岗位与期间（月度、季度、年度）的考核指标与等级；指标权重合计须为 100。由系统管理员或总经理设置',
			'The KPIs and score bands a position is appraised on per month, quarter or year; the weights add up to 100. Set by an Administrator or a General Manager',
		],
		displayTemplate: '{{name}}',
		fields: [
			primaryKey(),
			string('name', ['方案名称', 'Name'], { required: true }),
			select('position', ['考核岗位', 'Position'], 'positions', { required: true, nullable: false, indexed: true }),
			select('period_type', ['考核期间', 'Period'], 'appraisalPeriodTypes', {
				required: true,
				nullable: false,
				default: 'month',
			}),
			json('levels', ['考核等级', 'Levels'], {
				...jsonTable([
					{ key: 'level', label: ['等级', 'Level'], choices: 'appraisalLevels' },
					{ key: 'min', label: ['分数下限', 'Lowest score'] },
					{ key: 'consequence', label: ['结果运用', 'Consequence'] },
				]),
				note: [
					'每个分数段一项：等级（优秀、良好、合格、待改进或不合格）、分数下限与中英文的结果运用；低于所有下限为不合格',
					'A JSON array of score bands, one entry each: level (excellent, good, pass, warning or fail), min (the lowest score) and consequence (by zh-CN and en-US); below every band is fail',
				],
			}),
			o2m('items', ['考核指标', 'Items'], '{{kpi}} · {{weight}}'),
			...auditFields(),
		],
	},
	{
		collection: 'appraisal_items',
		label: ['考核指标', 'Appraisal items'],
		singular: ['考核指标', 'Appraisal item'],
		icon: 'checklist',
		note: [
			'方案的一项指标：比率类指标的目标与取值按百分比（0–100），数量与金额按本身单位',
			'One KPI of a scheme: a ratio KPI’s target and value in percent (0–100), a count or an amount as counted',
		],
		displayTemplate: '{{kpi}} · {{weight}}',
		fields: [
			primaryKey(),
			m2o('scheme', ['考核方案', 'Scheme'], 'appraisal_schemes', '{{name}}', {
				required: true,
				onDelete: 'CASCADE',
				oneField: 'items',
			}),
			select('kpi', ['指标', 'KPI'], 'appraisalKpis', { required: true, nullable: false }),
			decimal('weight', ['权重（分）', 'Weight (points)'], {
				required: true,
				validation: { _and: [{ weight: { _gte: 0 } }, { weight: { _lte: 100 } }] },
				validationMessage: ['权重须在 0 到 100 之间', 'The weight is between 0 and 100'],
			}),
			decimal('target', ['目标值', 'Target'], {
				required: true,
				validation: { target: { _gt: 0 } },
				validationMessage: ['目标值须大于 0', 'The target is above 0'],
				note: [
					'比率类指标按百分比（如 95 表示 95%），数量与金额按本身单位',
					'A ratio in percent (95 means 95 %), a count or an amount as counted',
				],
			}),
			select('scoring', ['计分方式', 'Scoring'], 'appraisalScorings', {
				required: true,
				nullable: false,
				default: 'linear',
			}),
			decimal('step_percent', ['扣分步长（百分点）', 'Step (percentage points)'], {
				note: [
					'阶梯扣分：每低于目标该百分点扣一次分，如 5',
					'Step deduction: points off for every this many percentage points short, e.g. 5',
				],
			}),
			decimal('step_points', ['每步扣分', 'Points per step'], {
				note: ['阶梯扣分：每步扣的分数，如 1', 'Step deduction: points taken off per step, e.g. 1'],
			}),
		],
	},
	{
		collection: 'appraisals',
		label: ['考核结果', 'Appraisals'],
		singular: ['考核结果', 'Appraisal'],
		icon: 'military_tech',
		note: [
			'期间结束后由系统按考核方案与考核指标生成；本人确认，直属上级填写评语，再上一级批准或退回',
			'Generated from the scheme and the KPIs once the period has ended (POST /visit-appraisals/generate); the person confirms, their manager comments, the level above approves or returns it',
		],
		displayTemplate: '{{person.last_name}}{{person.first_name}} · {{period_start}} · {{score}}',
		fields: [
			primaryKey(),
			// One a person, scheme and period: a unique index on (person, scheme, period_start) (setup/indexes.ts).
			m2o('person', ['被考核人', 'Person'], 'directus_users', USER, { required: true, readonly: true, indexed: false }),
			m2o('scheme', ['考核方案', 'Scheme'], 'appraisal_schemes', '{{name}}', { required: true, readonly: true }),
			date('period_start', ['期间开始', 'Period start'], { required: true, readonly: true, indexed: true }),
			select('period_type', ['考核期间', 'Period'], 'appraisalPeriodTypes', {
				required: true,
				nullable: false,
				readonly: true,
			}),
			decimal('score', ['得分', 'Score'], { readonly: true }, 6, 2),
			select('level', ['等级', 'Level'], 'appraisalLevels', {
				readonly: true,
				colors: { excellent: 'green', good: 'blue', pass: 'gray', warning: 'orange', fail: 'red' },
			}),
			select('status', ['状态', 'Status'], 'appraisalStatuses', {
				nullable: false,
				default: 'draft',
				readonly: true,
				indexed: true,
				colors: { draft: 'gray', confirmed: 'blue', approved: 'green', returned: 'red' },
			}),
			approvalActions(['确认与审批', 'Confirm and approve']),
			json('item_scores', ['各项得分', 'Item scores'], {
				readonly: true,
				interface: 'visit-appraisal-scores',
				note: ['每项指标的实际值、目标、得分与权重', 'Per KPI: kpi, value, target, points, weight'],
			}),
			text('manager_comment', ['经理评语', 'Manager’s comment'], {
				note: ['直属上级在待确认或已确认时填写', 'Written by the person’s manager while a draft or confirmed'],
			}),
			group('approval', ['确认与审批', 'Confirmation and approval']),
			timestamp('employee_confirmed_at', ['本人确认时间', 'Confirmed at'], { readonly: true, group: 'approval' }),
			m2o('approver', ['审批人', 'Approver'], 'directus_users', USER, { readonly: true, group: 'approval' }),
			timestamp('decided_at', ['审批时间', 'Decided at'], { readonly: true, group: 'approval' }),
			...auditFields(),
		],
	},
];

/** Collections the server writes and the company configures, after the log. */
const records: CollectionSpec[] = [
	{
		collection: 'lead_grade_changes',
		label: ['意向等级变更', 'Lead grade changes'],
		singular: ['意向等级变更', 'Lead grade change'],
		icon: 'trending_up',
		note: [
			'客户意向等级的每次变更，只由系统写入',
			'Every change of a customer’s lead grade, written by the server only',
		],
		displayTemplate: '{{customer.name}} {{from_grade}} → {{to_grade}}',
		fields: [
			primaryKey(),
			m2o('customer', ['客户', 'Customer'], 'customers', CUSTOMER, {
				required: true,
				readonly: true,
				onDelete: 'CASCADE',
				// Indexed by (customer, changed_at) in setup/indexes.ts.
				indexed: false,
			}),
			select('from_grade', ['原等级', 'From'], 'leadGrades', { readonly: true }),
			select('to_grade', ['新等级', 'To'], 'leadGrades', { readonly: true }),
			// Indexed by (changed_at, customer) in setup/indexes.ts.
			timestamp('changed_at', ['变更时间', 'Changed at'], { required: true, readonly: true, indexed: false }),
			m2o('changed_by', ['变更人', 'Changed by'], 'directus_users', USER, { readonly: true }),
		],
	},
	{
		collection: 'work_calendar',
		label: ['工作日历', 'Work calendar'],
		singular: ['日历例外', 'Calendar exception'],
		icon: 'calendar_month',
		note: [
			'法定节假日与调休上班日；未列出的日期按周一至周五上班',
			'Public holidays and make-up workdays; unlisted dates follow Monday–Friday',
		],
		displayTemplate: '{{date}} {{note}}',
		fields: [
			primaryKey(),
			date('date', ['日期', 'Date'], { required: true, unique: true, nullable: false }),
			boolean('is_workday', ['是否上班', 'Working day'], { default: false, nullable: false }),
			string('note', ['说明', 'Note'], { width: 'full' }),
			select('festival', ['节日', 'Festival'], 'festivals', {
				note: [
					'节日当天：提前「生日提醒（天）」天提醒业务员问候客户',
					'The festival’s own day: owners are reminded to greet their customers “birthday reminder (days)” ahead',
				],
			}),
		],
	},
	{
		collection: 'visit_settings',
		label: ['拜访设置', 'Visit settings'],
		icon: 'tune',
		note: ['截止时间、签到范围等全局规则', 'Deadlines, geofence and other company-wide rules'],
		singleton: true,
		displayTemplate: '{{timezone}}',
		fields: [
			primaryKey(),
			select('timezone', ['时区', 'Time zone'], 'timezones', {
				nullable: false,
				default: 'Asia/Shanghai',
				width: 'full',
			}),
			group('deadlines', ['截止时间', 'Deadlines']),
			integer('report_deadline_hours', ['报告期限（小时）', 'Report deadline (hours)'], {
				group: 'deadlines',
				default: 48,
				validation: { _or: [{ report_deadline_hours: { _null: true } }, { report_deadline_hours: { _gte: 1 } }] },
				validationMessage: ['须至少 1 小时', 'Must be at least 1 hour'],
			}),
			integer('report_deadline_workdays', ['报告期限（工作日）', 'Report deadline (working days)'], {
				group: 'deadlines',
				note: [
					'填写后按工作日历计算，优先于小时数',
					'When set, counted on the work calendar and used instead of hours',
				],
				validation: { _or: [{ report_deadline_workdays: { _null: true } }, { report_deadline_workdays: { _gte: 1 } }] },
				validationMessage: ['须至少 1 个工作日', 'Must be at least 1 working day'],
			}),
			time('daily_report_due_time', ['日报截止时间', 'Daily report due'], { group: 'deadlines', default: '20:00:00' }),
			select('month_plan_due', ['月计划提交截止', 'Monthly plan due'], 'monthPlanDue', {
				group: 'deadlines',
				nullable: false,
				default: 'last_day_of_prior_month',
			}),
			select('week_plan_due_weekday', ['周计划提交截止', 'Weekly plan due'], 'weekdays', {
				group: 'deadlines',
				nullable: false,
				default: '0',
				note: ['计划周开始前的这一天结束前', 'By the end of this weekday before the week'],
			}),
			nonNegative(
				'application_lead_hours',
				['拜访申请提前（小时）', 'Application lead time (hours)'],
				{ group: 'deadlines', default: 24 },
				'integer',
			),
			nonNegative(
				'reminder_before_due_hours',
				['到期前提醒（小时）', 'Reminder before due (hours)'],
				{ group: 'deadlines', default: 4 },
				'integer',
			),
			nonNegative(
				'complaint_response_minutes',
				['投诉响应时限（分钟）', 'Complaint response (minutes)'],
				{
					group: 'deadlines',
					default: 120,
					note: [
						'一般投诉的响应时限，也是其他未单独设置的严重程度的时限',
						'For medium complaints, and for any severity left empty below',
					],
				},
				'integer',
			),
			nonNegative(
				'complaint_response_minutes_low',
				['轻微投诉响应时限（分钟）', 'Complaint response, low (minutes)'],
				{
					group: 'deadlines',

					note: ['留空则同“投诉响应时限”', 'Empty: the same as Complaint response'],
				},
				'integer',
			),
			nonNegative(
				'complaint_response_minutes_high',
				['严重投诉响应时限（分钟）', 'Complaint response, high (minutes)'],
				{
					group: 'deadlines',
					note: ['留空则同“投诉响应时限”', 'Empty: the same as Complaint response'],
				},
				'integer',
			),
			nonNegative(
				'complaint_response_minutes_critical',
				['重大投诉响应时限（分钟）', 'Complaint response, critical (minutes)'],
				{
					group: 'deadlines',
					note: ['留空则同“投诉响应时限”', 'Empty: the same as Complaint response'],
				},
				'integer',
			),
			nonNegative(
				'complaint_resolution_minutes_low',
				['轻微投诉解决时限（分钟）', 'Complaint resolution, low (minutes)'],
				{ group: 'deadlines', default: 4320 },
				'integer',
			),
			nonNegative(
				'complaint_resolution_minutes_medium',
				['一般投诉解决时限（分钟）', 'Complaint resolution, medium (minutes)'],
				{ group: 'deadlines', default: 1440 },
				'integer',
			),
			nonNegative(
				'complaint_resolution_minutes_high',
				['严重投诉解决时限（分钟）', 'Complaint resolution, high (minutes)'],
				{ group: 'deadlines', default: 480 },
				'integer',
			),
			nonNegative(
				'complaint_resolution_minutes_critical',
				['重大投诉解决时限（分钟）', 'Complaint resolution, critical (minutes)'],
				{ group: 'deadlines', default: 240 },
				'integer',
			),
			group('field_work', ['外勤规则', 'Field work']),
			nonNegative(
				'geofence_radius_m',
				['签到范围（米）', 'Geofence radius (m)'],
				{ group: 'field_work', default: 500 },
				'integer',
			),
			boolean('require_application_for_unplanned', ['计划外拜访需申请', 'Unplanned visits need an application'], {
				group: 'field_work',
				default: true,
				nullable: false,
			}),
			select('unapproved_check_in', ['未获批签到', 'Check-in without approval'], 'unapprovedCheckIn', {
				group: 'field_work',
				nullable: false,
				default: 'refuse',
			}),
			select('geofence_mode', ['签到范围规则', 'Geofence rule'], 'geofenceModes', {
				group: 'field_work',
				nullable: false,
				default: 'soft',
			}),
			nonNegative(
				'check_in_max_accuracy_m',
				['签到定位精度上限（米）', 'Worst position accuracy accepted (m)'],
				{ group: 'field_work', default: 200 },
				'integer',
			),
			nonNegative(
				'check_in_max_fix_age_s',
				['定位有效期（秒）', 'Oldest position accepted (s)'],
				{ group: 'field_work', default: 120 },
				'integer',
			),
			// 报备后方可出门 / 不得擅自更改拜访计划: check-in waits for the filing and the visit's day.
			boolean('require_filing_before_check_in', ['签到前须已报备', 'Check-in needs the filing'], {
				group: 'field_work',
				default: false,
				nullable: false,
				note: [
					'开启后，需申请的拜访须由销售助理报备后才能签到',
					'When on, a visit that needs an application can be checked in only after the assistant has filed it',
				],
			}),
			nonNegative(
				'check_in_window_hours',
				['签到时间窗（小时）', 'Check-in window (hours)'],
				{
					group: 'field_work',
					default: 12,
					note: [
						'签到须在拜访当天，或距预定时间不超过此小时数',
						'Check-in is accepted on the visit’s scheduled day, or within this many hours of its scheduled start',
					],
				},
				'integer',
			),
			group('care', ['客户关怀', 'Customer care']),
			nonNegative(
				'first_revisit_days',
				['售后首次回访（天）', 'First revisit after sale (days)'],
				{
					group: 'care',
					default: 30,
					note: [
						'订单签约后多少天内完成首次回访',
						'Days after an order is signed within which the first revisit is due',
					],
				},
				'integer',
			),
			integer('periodic_revisit_months', ['定期电话回访周期（月）', 'Periodic phone revisit (months)'], {
				group: 'care',
				default: 3,
				nullable: false,
				note: [
					'有订单的在册客户每个周期一次电话回访，3 即每季度',
					'One phone revisit per period for active customers with orders; 3 means every quarter',
				],
				validation: { _and: [{ periodic_revisit_months: { _gte: 1 } }, { periodic_revisit_months: { _lte: 12 } }] },
				validationMessage: ['须为 1 到 12 个月', 'Must be 1 to 12 months'],
			}),
			integer('key_account_revisit_months', ['大客户现场回访周期（月）', 'Key account on-site revisit (months)'], {
				group: 'care',
				default: 6,
				nullable: false,
				note: [
					'大客户每个周期一次现场回访，6 即每年两次',
					'One on-site revisit per period for key accounts; 6 means twice a year',
				],
				validation: {
					_and: [{ key_account_revisit_months: { _gte: 1 } }, { key_account_revisit_months: { _lte: 12 } }],
				},
				validationMessage: ['须为 1 到 12 个月', 'Must be 1 to 12 months'],
			}),
			integer(
				'largest_account_revisit_months',
				['特大型客户现场回访周期（月）', 'Largest account on-site revisit (months)'],
				{
					group: 'care',
					default: 3,
					nullable: false,
					note: [
						'年采购额达到下方标准的客户按此周期现场回访',
						'On-site revisit period for customers whose annual purchase reaches the threshold below',
					],
					validation: {
						_and: [{ largest_account_revisit_months: { _gte: 1 } }, { largest_account_revisit_months: { _lte: 12 } }],
					},
					validationMessage: ['须为 1 到 12 个月', 'Must be 1 to 12 months'],
				},
			),
			nonNegative(
				'largest_account_annual_purchase',
				['特大型客户年采购额（元）', 'Largest account annual purchase (CNY)'],
				{
					group: 'care',
					default: 10000000,
					note: [
						'年采购额不低于此数的客户视为特大型客户',
						'Customers buying at least this much a year count as the largest accounts',
					],
				},
			),
			nonNegative(
				'complaint_revisit_days',
				['投诉处理回访（天）', 'Revisit after a complaint (days)'],
				{
					group: 'care',
					default: 3,
					note: [
						'投诉解决后多少天内回访客户',
						'Days after a complaint is resolved within which the customer is called back',
					],
				},
				'integer',
			),
			integer('birthday_reminder_days', ['生日与节日提醒（天）', 'Birthday and festival reminder (days)'], {
				group: 'care',
				default: 3,
				nullable: false,
				note: [
					'联系人生日和工作日历中标记的节日前多少天提醒客户负责人',
					'Days before a contact’s birthday or a festival marked in the work calendar that the customer’s owner is reminded',
				],
				validation: { _and: [{ birthday_reminder_days: { _gte: 0 } }, { birthday_reminder_days: { _lte: 60 } }] },
				validationMessage: ['须为 0 到 60 天', 'Must be 0 to 60 days'],
			}),
			group('quotas', ['拜访频次', 'Visit quotas']),
			select('plan_coverage_check', ['月计划覆盖检查', 'Monthly plan coverage check'], 'planCoverageChecks', {
				group: 'quotas',
				nullable: false,
				default: 'warn',
				note: [
					'提交月计划时检查本月须满足的拜访频次',
					'On submitting a monthly plan, check the visit quotas that fall due within the month',
				],
			}),
			group('sales_cycle', ['销售流程', 'Sales cycle']),
			integer('quote_response_hours', ['报价时限（小时）', 'Quote response (hours)'], {
				group: 'sales_cycle',
				default: 48,
				nullable: false,
				note: [
					'客户询价后须在此时限内发出报价（制度要求 24–48 小时）',
					'A quote goes out within this many hours of the customer’s request (the policy says 24–48)',
				],
				validation: { quote_response_hours: { _gte: 1 } },
				validationMessage: ['须至少 1 小时', 'Must be at least 1 hour'],
			}),
			json('stage_probabilities', ['各阶段赢单概率（%）', 'Win probability per stage (%)'], {
				group: 'sales_cycle',
				...jsonTable(
					[
						{ key: 'key', label: ['阶段', 'Stage'], choices: 'opportunityStages' },
						{ key: 'value', label: ['赢单概率', 'Win probability'], format: 'percent' },
					],
					true,
				),
				note: [
					'商机进入各阶段时的默认赢单概率，0 到 100',
					'The win probability an opportunity takes when it enters each stage, 0 to 100',
				],
			}),
			integer('reception_report_hours', ['接待报告时限（小时）', 'Reception report due (hours)'], {
				group: 'periodic_reports',
				default: 24,
				nullable: false,
				note: [
					'客户离开后该小时数内提交接待报告',
					'A reception’s report is due this many hours after the customer left',
				],
				validation: { reception_report_hours: { _gte: 1 } },
				validationMessage: ['至少 1 小时', 'At least 1 hour'],
			}),
			group('periodic_reports', ['周报与月报', 'Weekly and monthly reports']),
			time('weekly_report_due', ['周报截止时间（周五）', 'Weekly report due (Friday)'], {
				group: 'periodic_reports',
				default: '18:00:00',
				nullable: false,
				note: ['每周五的该时刻前提交本周周报', 'A week’s report is in by this time on its Friday'],
			}),
			integer('monthly_report_due_day', ['月报截止日（次月）', 'Monthly report due day (next month)'], {
				group: 'periodic_reports',
				default: 5,
				nullable: false,
				note: [
					'次月该日结束前提交上月月报（含市场分析）',
					'A month’s report (with its market analysis) is in by the end of this day of the next month',
				],
				validation: { _and: [{ monthly_report_due_day: { _gte: 1 } }, { monthly_report_due_day: { _lte: 28 } }] },
				validationMessage: ['须为 1 到 28', 'Must be from 1 to 28'],
			}),
			group('leads', ['意向客户跟进', 'Lead follow-up']),
			...leadIntervals.map(([grade, days]) =>
				nonNegative(
					`lead_interval_${grade.toLowerCase()}_days`,
					[`${grade}级跟进间隔（天）`, `Grade ${grade} follow-up interval (days)`],
					{ group: 'leads', default: days },
					'integer',
				),
			),
		],
	},
];

/**
 * 审批记录: one row per transition of any flow (and per customer handed over). Its columns
 * show the flows' own labels (schema/log-choices.ts), not the stored keys.
 */
const approvalLog = (logged: CollectionSpec[]): CollectionSpec => ({
	collection: 'approval_log',
	label: ['审批记录', 'Approval log'],
	singular: ['审批记录', 'Approval log entry'],
	icon: 'history',
	note: ['每次状态流转一条记录，只由系统写入', 'One row per status transition, written by the system only'],
	displayTemplate: '{{collection}} #{{item}} {{from_status}} → {{to_status}}',
	fields: [
		primaryKey(),
		labelled('collection', ['业务表', 'Collection'], loggedCollectionChoices(logged), {
			required: true,
			readonly: true,
			indexed: true,
		}),
		string('item', ['记录编号', 'Item'], { required: true, readonly: true, indexed: true }),
		labelled('from_status', ['原状态', 'From'], logStatusChoices(), { readonly: true }),
		labelled('to_status', ['新状态', 'To'], logStatusChoices(), { required: true, readonly: true }),
		m2o('actor', ['操作人', 'Actor'], 'directus_users', USER, { readonly: true }),
		timestamp('at', ['时间', 'At'], { required: true, readonly: true, indexed: true }),
		text('comment', ['意见', 'Comment'], { readonly: true }),
	],
});

export const collections: CollectionSpec[] = [...business, approvalLog(business), ...records];

/**
 * The Studio's navigation: the day's work first, then customers and sales; the log and the
 * configuration last and folded (the server reads settings itself; a role meets them only where
 * a screen of theirs reads them, as the panels read the time zone).
 */
export const folders: FolderSpec[] = [
	{
		collection: 'nav_daily_work',
		label: ['日常工作', 'Daily work'],
		icon: 'today',
		collapse: 'open',
		members: [
			'visits',
			'visit_plans',
			'visit_plan_items',
			'visit_reports',
			'follow_ups',
			'daily_reports',
			'periodic_reports',
			'expense_requests',
			'receptions',
			'reception_escorts',
		],
	},
	{
		collection: 'nav_customers',
		label: ['客户', 'Customers'],
		icon: 'groups',
		collapse: 'open',
		members: ['customers', 'contacts', 'revisits', 'complaints'],
	},
	{
		collection: 'nav_sales',
		label: ['销售', 'Sales'],
		icon: 'storefront',
		collapse: 'open',
		members: [
			'opportunities',
			'quotes',
			'quote_lines',
			'contracts',
			'sales_orders',
			'deliveries',
			'payment_schedules',
			'payments',
			'products',
			'sales_targets',
			'commission_statements',
			'appraisals',
		],
	},
	{
		collection: 'nav_records',
		label: ['审批记录', 'Records'],
		icon: 'history',
		collapse: 'closed',
		members: ['approval_log', 'lead_grade_changes'],
	},
	{
		collection: 'nav_configuration',
		label: ['配置', 'Configuration'],
		icon: 'settings',
		collapse: 'closed',
		members: [
			'visit_settings',
			'work_calendar',
			'visit_quota_rules',
			'discount_rules',
			'commission_rules',
			'appraisal_schemes',
			'appraisal_items',
		],
	},
];
