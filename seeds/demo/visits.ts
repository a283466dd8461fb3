/**
 * One visit's life, as the flows would have written it by the anchor instant:
 * scheduled → in_progress (check-in) → completed (check-out) or → cancelled | missed;
 * then the report (due 48 h after check-out: pending, submitted on time or late,
 * overdue, reviewed approved or returned) and the follow-ups promised in it.
 */
import { customerById, logTransition, tick, type Ledger } from './ledger.ts';
import { supervisor, userById } from './people.ts';
import { addDays, addMinutes, at, chinaDate, nextOfficeMoment, workdayOnOrAfter } from './time.ts';
import type { Customer, Purpose, Visit, VisitChannel } from './types.ts';

/** visit_settings defaults. */
export const REPORT_DEADLINE_HOURS = 48;
export const GEOFENCE_RADIUS_M = 500;
export const APPLICATION_LEAD_HOURS = 24;

export interface Application {
	status: 'pending' | 'approved' | 'rejected';
	appliedAt: string;
	/** When the supervisor decided (approved or rejected). */
	decidedAt?: string;
	/** When the sales assistant filed it (报备), after approval. */
	filedAt?: string;
	comment?: string;
}

export interface VisitSpec {
	owner: string;
	customer: Customer;
	date: string;
	purpose: Purpose;
	planItem?: number | null;
	channel?: VisitChannel;
	/** Local start time; by default spread over office hours. */
	time?: [number, number];
	application?: Application;
	/** Carried out without an approved application (不申请、不报备自行出门拜访: 视作旷工). */
	unauthorized?: boolean;
	/** Force the outcome instead of rotating it: checked in and not yet out, or carried out. */
	outcome?: 'in_progress' | 'carried_out';
}

const START_TIMES: [number, number][] = [
	[9, 30],
	[10, 0],
	[14, 0],
	[10, 30],
	[15, 30],
	[13, 30],
	[9, 0],
	[16, 0],
	[14, 30],
];

/** Adds a visit and plays it forward to where it stands at the anchor; returns its id. */
export function addVisit(ledger: Ledger, spec: VisitSpec): number {
	const { clock } = ledger;
	const id = ledger.visits.length + 1;
	const channel = spec.channel ?? defaultChannel(ledger, spec.customer);
	const [hour, minute] = spec.time ?? START_TIMES[id % START_TIMES.length]!;
	const app = spec.application;
	const visit: Visit = {
		id,
		owner: spec.owner,
		customer: spec.customer.id,
		plan_item: spec.planItem ?? null,
		purpose: spec.purpose,
		channel,
		scheduled_start: at(spec.date, hour, minute),
		status: 'scheduled',
		travel: app !== undefined && spec.customer.region_scope !== 'local',
		requires_application: app !== undefined,
		application_status: app?.status ?? 'not_required',
		application_submitted_at: app?.appliedAt ?? null,
		application_late:
			app !== undefined &&
			Date.parse(at(spec.date, hour, minute)) - Date.parse(app.appliedAt) < APPLICATION_LEAD_HOURS * 3_600_000,
		application_approver: app && app.status !== 'pending' ? supervisor(spec.owner).id : null,
		application_decided_at: app && app.status !== 'pending' ? app.decidedAt! : null,
		application_filed_at: app?.status === 'approved' ? (app.filedAt ?? null) : null,
		unauthorized: spec.unauthorized ?? false,
		check_in_at: null,
		check_in_latitude: null,
		check_in_longitude: null,
		check_in_distance_m: null,
		outside_geofence: false,
		check_out_at: null,
		report_due_at: null,
		report_status: 'not_due',
		report_submitted_at: null,
		report_late: false,
	};
	ledger.visits.push(visit);

	if (app) {
		logTransition(ledger, 'visits', id, 'not_required', 'pending', spec.owner, app.appliedAt);
		if (app.status !== 'pending')
			logTransition(
				ledger,
				'visits',
				id,
				'pending',
				app.status,
				supervisor(spec.owner).id,
				app.decidedAt!,
				app.comment ?? null,
			);
	}

	// Check-in needs an approved application, unless the rep went anyway (unauthorized).
	const mayCheckIn = !app || app.status === 'approved' || visit.unauthorized;
	if (spec.outcome === 'in_progress') {
		checkIn(ledger, visit, addMinutes(visit.scheduled_start, 5));
	} else if (visit.scheduled_start > clock.now) {
		// Still ahead: scheduled.
	} else if (!mayCheckIn) {
		visit.status = 'cancelled';
	} else if (spec.date < clock.today && spec.outcome !== 'carried_out') {
		const n = tick(ledger, 'past visit');
		if (n % 12 === 5) visit.status = 'missed';
		else if (n % 12 === 10) visit.status = 'cancelled';
		else carryOut(ledger, visit);
	} else {
		carryOut(ledger, visit);
	}
	if (visit.unauthorized && visit.check_out_at) rejectAfterTheFact(ledger, visit);
	return id;
}

/** 视作旷工: the supervisor rejects the application the rep went out on anyway, an hour after hearing of it. */
function rejectAfterTheFact(ledger: Ledger, visit: Visit): void {
	const decidedAt = nextOfficeMoment(addMinutes(visit.check_out_at!, 60), 15);
	if (decidedAt > ledger.clock.now) return;
	const approver = supervisor(visit.owner).id;
	Object.assign(visit, {
		application_status: 'rejected',
		application_approver: approver,
		application_decided_at: decidedAt,
	});
	logTransition(ledger, 'visits', visit.id, 'pending', 'rejected', approver, decidedAt, UNAUTHORIZED);
}

const UNAUTHORIZED = '未经批准自行出门拜访，按制度视作旷工';

/** Far-away customers are called more often; most visits are on site. */
function defaultChannel(ledger: Ledger, customer: Customer): VisitChannel {
	const n = tick(ledger, 'channel');
	if (n % 10 === 3) return 'phone';
	if (n % 15 === 7 || (customer.region_scope === 'other' && n % 4 === 1)) return 'video';
	return 'onsite';
}

/** Check-in and, when the visit is over by now, check-out and the report. */
function carryOut(ledger: Ledger, visit: Visit): void {
	const { rnd, clock } = ledger;
	const checkInAt = addMinutes(visit.scheduled_start, rnd.int(-10, 15));
	if (checkInAt > clock.now) return;
	checkIn(ledger, visit, checkInAt);
	const minutes =
		visit.channel === 'onsite' ? rnd.int(40, 120) : visit.channel === 'video' ? rnd.int(30, 60) : rnd.int(10, 35);
	const checkOutAt = addMinutes(checkInAt, minutes);
	if (checkOutAt > clock.now) return;
	visit.status = 'completed';
	visit.check_out_at = checkOutAt;
	visit.report_due_at = addMinutes(checkOutAt, REPORT_DEADLINE_HOURS * 60);
	visit.report_status = 'pending';
	report(ledger, visit);
}

/** On site the phone's position is stored; every ninth check-in is made from too far away. */
function checkIn(ledger: Ledger, visit: Visit, when: string): void {
	const { rnd } = ledger;
	visit.status = 'in_progress';
	visit.check_in_at = when;
	if (visit.channel !== 'onsite') return;
	const customer = customerById(ledger, visit.customer);
	const far = tick(ledger, 'onsite check-in') % 9 === 4;
	const metres = far ? rnd.int(600, 2500) : rnd.int(15, 380);
	const bearing = rnd.next() * 2 * Math.PI;
	const lat = round6(customer.latitude + (metres * Math.cos(bearing)) / 111_320);
	const lng = round6(
		customer.longitude + (metres * Math.sin(bearing)) / (111_320 * Math.cos((customer.latitude * Math.PI) / 180)),
	);
	visit.check_in_latitude = lat;
	visit.check_in_longitude = lng;
	visit.check_in_distance_m = Math.round(haversine(customer.latitude, customer.longitude, lat, lng) * 10) / 10;
	visit.outside_geofence = visit.check_in_distance_m > GEOFENCE_RADIUS_M;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Great-circle distance in metres, as the check-in endpoint computes it. */
export function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
	const rad = Math.PI / 180;
	const a =
		Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
		Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

/** How each report turns out, in rotation: mostly on time and approved. */
const REPORT_FATES = [
	'approved',
	'approved',
	'submitted',
	'approved',
	'returned',
	'overdue',
	'approved',
	'late approved',
	'approved',
	'submitted',
	'late submitted',
	'approved',
] as const;

function report(ledger: Ledger, visit: Visit): void {
	const { rnd, clock } = ledger;
	const fate = REPORT_FATES[tick(ledger, 'report') % REPORT_FATES.length]!;
	const due = visit.report_due_at!;
	if (fate === 'overdue') {
		if (due <= clock.now) visit.report_status = 'overdue';
		return;
	}
	if (fate === 'late approved' || fate === 'late submitted') {
		const late = nextOfficeMoment(addMinutes(due, rnd.int(60, 600)), rnd.int(0, 50));
		if (late <= clock.now) submitReport(ledger, visit, late, fate === 'late approved' ? 'approved' : null);
		else if (due <= clock.now) visit.report_status = 'overdue';
		return;
	}
	// Written up the same afternoon or the next working morning, within the deadline.
	let onTime = nextOfficeMoment(addMinutes(visit.check_out_at!, rnd.int(60, 150)), rnd.int(0, 50));
	if (onTime > due) onTime = addMinutes(visit.check_out_at!, 45);
	if (onTime <= clock.now) submitReport(ledger, visit, onTime, fate === 'submitted' ? null : fate);
}

const FEEDBACK: Record<Purpose, string[]> = {
	relationship: [
		'对现有产品质量满意，希望缩短交货周期',
		'合作顺利，希望年底前确定明年框架协议',
		'近期产能扩大，采购量可能增加',
	],
	product_promotion: [
		'对新产品很感兴趣，要求提供样品测试',
		'认为新品性能不错，但价格需再商量',
		'希望安排技术人员现场演示',
	],
	payment_collection: ['财务确认本月底前付清上月货款', '因资金周转希望延期两周付款', '对账单金额有一笔差异，需核对'],
	market_research: ['明年计划新增两条产线，设备需求较大', '当地同类产品价格普遍下调约5%', '客户更关注售后响应速度'],
	competitor_intel: ['竞争对手近期报价较低，但交期不稳定', '对手提供了更长的账期', '客户对对手的售后服务有抱怨'],
	new_customer: [
		'初步了解我司产品，愿意进一步交流',
		'目前有固定供应商，可考虑小批量试用',
		'需要我司提供资质文件和案例',
	],
	coverage: ['客户近期无新增需求，保持联系', '介绍了同园区的两家潜在客户', '希望定期收到产品资料'],
};
const OUTCOMES: Record<Purpose, string[]> = {
	relationship: ['巩固了与采购部门的关系', '确认下季度采购意向'],
	product_promotion: ['客户同意下月试单', '已约定样品测试时间'],
	payment_collection: ['已确认回款时间', '收回部分货款，余款约定下周付清'],
	market_research: ['收集到区域需求与价格信息', '整理了客户明年的采购计划'],
	competitor_intel: ['获得竞争对手报价信息', '了解到对手的渠道政策'],
	new_customer: ['建立了初步联系，录入客户档案', '获得下次拜访技术负责人的机会'],
	coverage: ['完成例行走访', '更新了客户联系人信息'],
};
const NEXT_STEPS: Record<Purpose, string[]> = {
	relationship: ['下月初再次拜访', '节前安排答谢'],
	product_promotion: ['一周内寄送样品并电话跟进', '安排技术交流会'],
	payment_collection: ['到期日电话确认到账', '与财务核对差异后重开对账单'],
	market_research: ['整理调研报告提交经理', '针对新增产线准备方案'],
	competitor_intel: ['向经理汇报竞品情况，研究价格策略', '准备竞品对比资料'],
	new_customer: ['一周内提交报价单', '发送公司资质和案例'],
	coverage: ['下季度再次走访', '按客户要求定期发送产品资料'],
};
const COMPETITORS = [
	'竞争对手报价低约5%，账期60天',
	'对手近期更换了区域代理',
	'对手在推广同类新品，送货上门',
	'对手交期约3周，比我司长',
];
const PURPOSE_LABELS: Record<Purpose, string> = {
	market_research: '市场调查',
	competitor_intel: '了解竞争对手',
	relationship: '客户维护',
	payment_collection: '结清货款',
	new_customer: '开发新客户',
	product_promotion: '新产品推广',
	coverage: '提高覆盖率',
};
export const purposeLabel = (purpose: Purpose) => PURPOSE_LABELS[purpose];

function submitReport(ledger: Ledger, visit: Visit, when: string, fate: 'approved' | 'returned' | null): void {
	const { rnd, clock } = ledger;
	const customer = customerById(ledger, visit.customer);
	const owner = userById(visit.owner);
	const reviewer = supervisor(owner);
	const reviewedAt = nextOfficeMoment(addMinutes(when, rnd.int(90, 600)), rnd.int(0, 50));
	// The report of a visit made without leave is returned, not approved.
	const decision = visit.unauthorized && fate === 'approved' ? 'returned' : fate;
	const reviewed = decision !== null && reviewedAt <= clock.now;
	visit.report_status = reviewed ? decision : 'submitted';
	visit.report_submitted_at = when;
	visit.report_late = when > visit.report_due_at!;

	const people = ledger.contacts.filter((c) => c.customer === customer.id).slice(0, 2);
	const how = visit.channel === 'onsite' ? '上门拜访' : visit.channel === 'phone' ? '电话拜访' : '视频会议';
	const purpose = visit.purpose;
	const outcome = rnd.pick(OUTCOMES[purpose]);
	const reportId = ledger.reports.length + 1;
	ledger.reports.push({
		id: reportId,
		visit: visit.id,
		summary: `${how}${customer.name}（${purposeLabel(purpose)}），与${people.map((p) => p.title).join('、')}沟通，${outcome}。`,
		customer_feedback: rnd.pick(FEEDBACK[purpose]),
		outcome,
		participants: `客户：${people.map((p) => `${p.name}（${p.title}）`).join('、')}；我方：${owner.last_name}${owner.first_name}`,
		competitor_info: purpose === 'competitor_intel' || rnd.chance(0.3) ? rnd.pick(COMPETITORS) : null,
		next_steps: rnd.pick(NEXT_STEPS[purpose]),
		submitted_at: when,
		reviewer: reviewed ? reviewer.id : null,
		reviewed_at: reviewed ? reviewedAt : null,
		review_decision: reviewed ? decision : null,
		review_comment: !reviewed
			? null
			: visit.unauthorized
				? `${UNAUTHORIZED}，请在报告中说明原因`
				: decision === 'returned'
					? '客户反馈和下一步计划写得太笼统，请补充具体时间和负责人'
					: rnd.chance(0.4)
						? '很好，按计划跟进'
						: null,
	});
	if (reportId % 2 === 1) followUp(ledger, visit, when);
}

const FOLLOW_UPS: Record<Purpose, string> = {
	relationship: '确认下季度采购计划',
	product_promotion: '寄送样品并跟进测试结果',
	payment_collection: '确认余款到账',
	market_research: '提交区域市场调研小结',
	competitor_intel: '整理竞品对比资料发给客户',
	new_customer: '提交正式报价单',
	coverage: '发送最新产品目录',
};
const FOLLOW_UP_FATES = ['done', 'open', 'done', 'cancelled', 'open', 'done'] as const;

/** A commitment made in the visit, due about a week later. */
function followUp(ledger: Ledger, visit: Visit, reportedAt: string): void {
	const { rnd, clock } = ledger;
	const due = workdayOnOrAfter(addDays(chinaDate(visit.check_out_at!), rnd.int(5, 10)));
	let status = FOLLOW_UP_FATES[tick(ledger, 'follow-up') % FOLLOW_UP_FATES.length]!;
	const doneAt = nextOfficeMoment(addMinutes(reportedAt, rnd.int(1, 4) * 24 * 60), rnd.int(0, 50));
	if (status === 'done' && doneAt > clock.now) status = 'open';
	ledger.followUps.push({
		id: ledger.followUps.length + 1,
		visit: visit.id,
		customer: visit.customer,
		owner: visit.owner,
		description: FOLLOW_UPS[visit.purpose],
		due_date: due,
		status,
		completed_at: status === 'done' ? doneAt : null,
		overdue: status === 'open' && due < clock.today,
	});
}
