/**
 * Why the flows refuse a request, in zh-CN and en-US. A refusal carries an HTTP status and
 * a code; the API turns it into a Directus error in the caller's language.
 */
import type { Label } from './choices.ts';
import type { Language } from './language.ts';

const texts = {
	bad_request: [
		'请求无效：编号须为 1 到 2147483647 之间的整数，意见须为文字',
		'Bad request: the id is a whole number from 1 to 2147483647 and the comment is text',
	],
	text_invalid: [
		'“{field}”须为不含空字符、不超过 {max} 个字的文字',
		'“{field}” must be text of at most {max} characters without NUL bytes',
	],
	field_invalid: ['“{field}”的值无效：须为{expected}', 'The value of “{field}” is not valid: it must be {expected}'],
	price_order: ['“{lower}”不能高于“{higher}”', '“{lower}” may not be higher than “{higher}”'],
	follow_ups_too_many: ['一份报告最多可有 {max} 个跟进事项', 'A report has at most {max} follow-ups'],
	owner_invalid: ['owner 须为一个人员编号（UUID）', 'The owner is one user id (a UUID)'],
	not_found: ['找不到该记录，或你无权查看', 'The item does not exist or you may not see it'],
	actions_collection: ['“{collection}”没有审批或外勤操作', '“{collection}” has no flow actions'],
	relation_hidden: [
		'“{field}”所选的记录不存在，或你无权使用',
		'“{field}” names a record that does not exist or that you may not use',
	],
	relation_person: ['“{field}”只能是{scope}', '“{field}” can only be {scope}'],
	check_in_customer_hidden: [
		'你无权查看该拜访的客户，不能签到',
		'You may not see this visit’s customer, so you cannot check in',
	],
	period_invalid: ['计划期间的开始日期无效', 'The period start is not a valid date'],
	period_month_start: ['月计划须从每月1日开始', 'A monthly plan starts on the 1st of a month'],
	period_week_start: ['周计划须从星期一开始', 'A weekly plan starts on a Monday'],
	period_batch: [
		'一次修改多个计划的类型或开始日期时，它们的期间须相同，请逐个修改',
		'Plans changed together must end up with the same period: change them one by one',
	],
	plan_fill_owner: ['只有计划人本人可以按频次补齐', 'Only the plan’s owner fills it to the quota'],
	plan_fill_nothing: ['本计划已满足所有客户的拜访频次', 'The plan leaves no customer short of their quota'],
	plan_fill_month: ['只有月计划可以按频次补齐', 'Only a monthly plan is filled to the quota'],
	plan_empty: ['计划中没有任何明细，无法提交', 'The plan has no items to submit'],
	plan_item_outside: [
		'明细 {items} 的日期不在计划期间 {from} 至 {to} 内',
		'Items {items} are dated outside the period {from} to {to}',
	],
	revisit_reviewed: ['该回访报告已审阅过', 'The revisit’s report has been reviewed already'],
	revisit_escalated: [
		'该回访已申请上门拜访（拜访 #{visit}），不能重复申请',
		'An on-site visit was asked for this revisit already (visit #{visit})',
	],
	revisit_escalate_channel: [
		'只有电话回访可以申请上门拜访，此回访方式为“{channel}”',
		'Only a phone revisit asks for an on-site visit; this revisit was {channel}',
	],
	revisit_escalate_owner: [
		'该客户没有负责人，无法安排上门拜访，请先指定客户负责人',
		'The customer has no owner to make the on-site visit: give it an owner first',
	],
	revisit_escalate_start: [
		'上门拜访时间须为不早于现在的时间，或留空（下一个工作日 9:00）',
		'The on-site visit’s start (scheduled_start) is an ISO 8601 time not in the past, or empty for 9:00 on the next working day',
	],
	revisit_contact_customer: [
		'回访联系人须为该客户的联系人',
		'The revisit’s contact must be one of its customer’s contacts',
	],
	plan_item_customer: [
		'明细 {items} 的客户不归计划人负责',
		'Items {items} are for customers the plan’s owner does not serve',
	],
	plan_locked: [
		'计划状态为“{status}”，内容已锁定：已批准的计划请先“修订”，已提交的计划须等待审批结果',
		'The plan is {status} and locked: revise an approved plan first, or wait for the decision on a submitted one',
	],
	transition: [
		'“{action}”只能在状态为 {from} 时进行，当前状态为 {status}',
		'“{action}” is only possible from {from}; the item is {status}',
	],
	not_owner: ['只有{owner}本人可以“{action}”', 'Only the owner, {owner}, may “{action}”'],
	not_approver: ['“{action}”须由 {approver} 操作', '“{action}” is for {approver} to do'],
	self_approval: ['不能审批自己的申请或计划', 'Nobody approves their own request or plan'],
	no_approver: ['{owner} 没有设置直属上级，无人可以审批', '{owner} reports to nobody, so nobody can approve'],
	system_only: ['“{action}”由系统按期限自动处理', '“{action}” is done by the system when a deadline passes'],
	not_filer: ['只有销售助理可以报备', 'Only a sales assistant files applications'],
	comment_required: ['“{action}”须填写原因或意见', '“{action}” needs a comment giving the reason'],
	application_not_required: ['该拜访无需申请', 'This visit needs no application'],
	application_visit_state: [
		'拜访状态为“{status}”，不能再申请',
		'The visit is {status}; it can no longer be applied for',
	],
	already_filed: ['该申请已报备', 'The application is filed already'],
	reschedule_reason: ['申请改期须说明原因', 'Asking to reschedule needs a reason'],
	reschedule_start: [
		'新的拜访时间须为将来的有效时间',
		'The new start (scheduled_start) must be a valid moment in the future',
	],
	handover_not_manager: [
		'只有双方的直属经理或系统管理员可以办理客户交接',
		'Only the manager both people report to, or an Administrator, hands customers over',
	],
	handover_people: [
		'交接须指定两位不同的人员（from、to），客户列表（customers）须为客户编号',
		'A handover names two different people (from, to); customers is a list of customer ids',
	],
	handover_inactive: ['接手人员未在职（账号未启用），不能接收客户', 'The person taking over is not active'],
	handover_team: ['接手人员须与原负责人同属一个团队', 'The person taking over must be in the same team'],
	handover_not_owner: [
		'客户 {customers} 不归原负责人所有，整个交接未执行',
		'Customers {customers} are not the former owner’s; nothing was handed over',
	],
	filing_required: [
		'该拜访须由销售助理报备后方可签到（报备后方可出门）',
		'This visit can be checked in only after the sales assistant has filed its application',
	],
	check_in_window: [
		'只能在拜访当天（{day}）或距预定时间 {hours} 小时内签到，不能提前或事后签到',
		'Check-in is accepted on the visit’s day ({day}) or within {hours} hours of its scheduled start, not days ahead or after',
	],
	plan_visit_fixed: [
		'该拜访来自已批准的计划，“{field}”不能自行更改（不得擅自更改拜访计划）；同一天内可调整时间，改期请使用 {actions}',
		'This visit comes from an approved plan: “{field}” cannot be changed by hand; the time may move within the same day, to reschedule use {actions}',
	],
	hand_edit: [
		'“{field}”由审批流程维护，不能直接修改；请使用“{actions}”操作',
		'“{field}” is kept by the approval flow and cannot be edited; use {actions}',
	],
	hand_create: [
		'新建记录时不能填写“{field}”，它由审批流程维护',
		'“{field}” is kept by the approval flow and cannot be set on a new item',
	],
	coordinates_required: [
		'上门拜访签到须提供当前位置（纬度、经度）',
		'An on-site check-in needs your position (latitude and longitude)',
	],
	coordinates_invalid: [
		'位置无效：纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间，精度不能为负',
		'Invalid position: latitude is between -90 and 90, longitude between -180 and 180, accuracy is not negative',
	],
	fix_inaccurate: [
		'定位精度 {accuracy} 米，超过允许的 {limit} 米，请到开阔处重新定位',
		'The position is accurate to {accuracy} m, worse than the {limit} m allowed: try again in the open',
	],
	fix_stale: [
		'定位时间已超过 {limit} 秒或不可信，请重新定位',
		'The position is older than {limit} s or not credible: locate again',
	],
	outside_geofence: [
		'距客户 {distance} 米，超出签到范围 {radius} 米',
		'You are {distance} m from the customer, outside the {radius} m check-in radius',
	],
	outside_geofence_reason: [
		'距客户 {distance} 米，超出签到范围 {radius} 米：请填写原因，由主管确认',
		'You are {distance} m from the customer, outside the {radius} m radius: give a reason for your manager to acknowledge',
	],
	application_required: [
		'该拜访须先获批拜访申请，方可签到',
		'This visit needs an approved application before check-in',
	],
	review_decision: ['审核结果须为 approved（通过）或 returned（退回）', 'The decision is “approved” or “returned”'],
	report_missing: ['该拜访没有可审核的报告', 'This visit has no report to review'],
	report_invalid: ['报告内容格式无效', 'The report is not in the expected form'],
	report_summary: ['报告摘要至少需要 10 个字', 'The report summary needs at least 10 characters'],
	follow_up_invalid: [
		'跟进事项须有说明和到期日期（YYYY-MM-DD）',
		'A follow-up needs a description and a due date (YYYY-MM-DD)',
	],
	follow_up_past: ['跟进事项的到期日期 {date} 已过', 'The follow-up due date {date} has passed'],
	report_by_endpoint: [
		'拜访报告须通过“提交报告”提交（POST /visit-flow/visits/:id/report）',
		'Visit reports are submitted with POST /visit-flow/visits/:id/report',
	],
	not_outside: ['该次签到在签到范围内，无需确认', 'That check-in was inside the geofence: nothing to acknowledge'],
	already_acknowledged: ['该次范围外签到已确认', 'That check-in outside the geofence is acknowledged already'],
	admin_only: ['只有系统管理员可以这样做', 'Only an Administrator may do this'],
	hidden_field_query: [
		'你无权查看“{field}”，因此不能按它筛选、排序、分组或统计',
		'You may not read “{field}”, so you may not filter, sort, group or aggregate by it',
	],
	password_weak: [
		'密码不符合本系统的密码规则（默认至少 12 个字符，且不能全是空格）',
		'The password does not meet this system’s password policy (by default at least 12 characters, not all spaces)',
	],
	day_or_today: [
		'请用 date=YYYY-MM-DD（2000 至 2199 年）指定日期，或省略以查看今天',
		'Give the day as date=YYYY-MM-DD (years 2000 to 2199), or leave it out for today',
	],
	route_date: [
		'请用 date=YYYY-MM-DD（2000 至 2199 年）指定日期，from=纬度,经度 可选',
		'Give the day as date=YYYY-MM-DD (years 2000 to 2199); from=latitude,longitude is optional',
	],
	quota_period: [
		'请用 period=YYYY-MM（2000 至 2199 年）指定月份',
		'Give the month as period=YYYY-MM (years 2000 to 2199)',
	],
	quota_owner: ['你无权查看该人员的客户', 'You may not see that person’s customers'],
	quota_customer: ['你无权查看该客户', 'You may not see that customer'],
	quota_customer_missing: ['客户不存在', 'There is no such customer'],
	quota_unreadable: [
		'该报表依据你无权查看的记录计算（例如拜访记录），无法向你显示',
		'This report is computed from records you may not read (such as visits), so it is not shown to you',
	],
	kpi_period: [
		'请用 period=YYYY-MM（月）、YYYY-Qn（季度）或 YYYY（年）指定 2000 至 2199 年间的期间',
		'Give the period as period=YYYY-MM (month), YYYY-Qn (quarter) or YYYY (year), in the years 2000 to 2199',
	],
	kpi_scope: [
		'范围（scope）须为 rep（个人）、team（团队）或 company（全公司），id 须为人员编号',
		'The scope is rep, team or company, and the id a user id',
	],
	kpi_person: ['找不到该人员', 'There is no such person'],
	kpi_forbidden: [
		'你无权查看该人员、团队或全公司的考核指标',
		'You may not see the KPIs of that person, team or the whole company',
	],
	transition_alone: [
		'状态变更须单独提交，不能与其他字段一起修改',
		'Change the status on its own, not together with other fields',
	],
	expense_locked: [
		'费用申请状态为“{status}”，不能再修改',
		'The expense request is {status} and can no longer be changed',
	],
	not_carer: [
		'只有{owner}本人、客户服务专员或系统管理员可以“{action}”',
		'Only the owner, {owner}, customer service or an Administrator may “{action}”',
	],
	satisfaction_required: [
		'完成回访须填写客户满意度（1 到 5 的整数）',
		'Recording a revisit as done needs the customer’s satisfaction, a whole number from 1 to 5',
	],
	complaint_cause_required: [
		'关闭投诉须填写投诉原因',
		'Closing a complaint needs its cause (product_quality, delivery, service, price or other)',
	],
	complaint_cause_invalid: ['投诉原因须为以下之一：{values}', 'The cause must be one of: {values}'],
	complaint_valid_invalid: ['“有效投诉”须为 true 或 false', '"valid" must be true or false'],
	complaint_corrective_required: [
		'关闭有效投诉须填写纠正措施',
		'Closing a valid complaint needs its corrective action',
	],
	resolution_required: ['解决投诉须填写处理结果', 'Resolving a complaint needs its resolution'],
	complaint_revisit_pending: [
		'投诉须在回访完成后才能关闭（投诉回访状态：{status}）',
		'A complaint is closed only after its revisit is done (the revisit is {status})',
	],
	plan_coverage_short: [
		'本计划未能满足 {count} 个客户的拜访频次要求：{customers}。请补充计划明细后再提交',
		'The plan leaves {count} customers short of their visit quota: {customers}. Add plan items and submit again',
	],
	grade_history_readonly: [
		'意向等级变更记录由系统在修改客户意向等级时写入，不能直接修改',
		'Lead grade history is written by the server when a customer’s lead grade changes; it cannot be edited',
	],
	expense_target: [
		'费用申请须关联一次拜访、一条计划明细或一次客户接待（三选一）',
		'An expense request is for one visit, one plan item or one reception',
	],
	self_review: ['不能审批或审核自己的报价单或合同', 'Nobody approves or reviews their own quote or contract'],
	not_deliverer: [
		'只有{owner}本人或销售助理可以“{action}”',
		'Only the owner, {owner}, or a sales assistant may “{action}”',
	],
	not_finance: ['只有财务可以登记回款', 'Only Finance records payments'],
	product_price_missing: [
		'产品“{product}”没有有效的标准价，无法报价',
		'The product “{product}” has no valid list price, so it cannot be quoted',
	],
	quote_line_price: [
		'报价明细的单价须为不小于 0 的金额（元）',
		'A quote line’s unit price is an amount in CNY, not below 0',
	],
	quote_line_quantity: ['报价明细的数量须为大于 0 的数', 'A quote line’s quantity is a number above 0'],
	quote_empty: ['报价单没有任何明细，无法提交', 'The quote has no lines to submit'],
	product_inactive: [
		'产品“{product}”已停售，不能报价',
		'The product “{product}” is no longer sold and cannot be quoted',
	],
	quote_line_product: ['报价明细须选择一个已有的产品', 'A quote line names an existing product'],
	quote_preview_body: [
		'报价预览须为 { lines: [{ product, quantity, unit_price }] }，最多 {max} 行',
		'A quote preview is { lines: [{ product, quantity, unit_price }] } with at most {max} lines',
	],
	quote_preview_too_many: ['报价预览最多 {max} 行明细', 'A quote preview has at most {max} lines'],
	quote_preview_product: ['第 {line} 行须选择一个产品', 'Line {line} needs a product'],
	quote_preview_quantity: ['第 {line} 行的数量须为大于 0 的数', 'The quantity of line {line} is a number above 0'],
	quote_preview_price: [
		'第 {line} 行的单价须为不小于 0 的金额（元）',
		'The unit price of line {line} is an amount in CNY, not below 0',
	],
	quote_preview_product_hidden: [
		'第 {line} 行的产品不存在，或你无权查看',
		'The product of line {line} does not exist or you may not see it',
	],
	activity_tracking_required: [
		'“{collection}”的派生金额在其活动日志的写入中计算，不能关闭其活动跟踪',
		'“{collection}” derives its amounts where Directus logs its activity: its activity tracking stays on',
	],
	quote_locked: [
		'报价单状态为“{status}”，内容已锁定：如需修改请新建报价单',
		'The quote is {status} and locked: make a new quote to change it',
	],
	quote_within_authority: [
		'该报价单的折扣在你的权限内，提交即为批准',
		'The quote’s discounts are within your authority: submitting it approves it',
	],
	quote_needs_approval: [
		'该报价单的折扣须由 {approver} 审批，提交后等待审批',
		'The quote’s discounts need {approver}’s approval: it waits for it once submitted',
	],
	contract_locked: [
		'合同状态为“{status}”，内容及回款计划已锁定，只能在草稿状态修改',
		'The contract is {status}: it and its payment terms are only edited as a draft',
	],
	contract_source: [
		'合同须依据已发送或客户已接受的报价单订立；没有报价单的合同须由销售经理创建',
		'A contract is made from a sent or accepted quote; without one, only a sales manager makes it',
	],
	contract_amount: ['合同金额须为大于 0 的金额（元）', 'A contract’s amount is above 0 (CNY)'],
	contract_terms_sum: [
		'回款计划合计 {terms} 元，与合同金额 {amount} 元不符',
		'The payment terms add up to {terms} CNY, not the contract amount of {amount} CNY',
	],
	contract_over_credit: [
		'客户未回款 {outstanding} 元加本合同 {amount} 元，超过信用额度 {limit} 元：须先由总经理审批',
		'The customer’s {outstanding} CNY outstanding plus this contract’s {amount} CNY exceed the {limit} CNY credit limit: a General Manager approves first',
	],
	contract_within_credit: [
		'客户未回款加本合同未超过信用额度，无需总经理审批',
		'The customer’s outstanding amount plus this contract stay within the credit limit: no General Manager is needed',
	],
	payment_amount: ['回款金额须为大于 0 的金额（元）', 'A payment is an amount above 0 (CNY)'],
	overpayment: [
		'回款金额 {amount} 元超过订单未回款金额 {open} 元',
		'The payment of {amount} CNY is more than the {open} CNY open on the order',
	],
	order_cancelled: ['订单已取消，不能登记回款', 'The order is cancelled: no payment can be recorded'],
	order_paid_up: ['订单已全额回款', 'The order is paid in full'],
	order_from_contract: [
		'该订单由合同签订生成，客户、金额和签约日期以合同为准，不能修改',
		'The order was made by signing its contract: its customer, amount and date are the contract’s and cannot change',
	],
	payment_received_at: [
		'到账时间须为不晚于今天的日期（YYYY-MM-DD）或带时区的时间',
		'received_at is a date (YYYY-MM-DD) or a time with its offset, no later than today',
	],
	payment_method: ['回款方式须为以下之一：{methods}', 'The payment method is one of {methods}'],
	payment_by_endpoint: [
		'回款须由财务通过“登记回款”登记（POST /visit-flow/orders/:id/payments）',
		'Payments are recorded by Finance with POST /visit-flow/orders/:id/payments',
	],
	terms_contract: [
		'回款计划须随合同拟定（填写合同）；订单的回款计划在合同签订时生成',
		'Payment terms are drafted with a contract (set its contract); an order’s schedule comes from signing it',
	],
	terms_owner: ['只有合同负责人可以拟定该合同的回款计划', 'Only the contract’s owner drafts its payment terms'],
	stage_invalid: ['商机阶段须为以下之一：{stages}', 'The stage is one of {stages}'],
	stage_backward: [
		'商机只能向后续阶段推进：当前为“{from}”，不能改为“{to}”',
		'An opportunity only moves forward: it is {from} and cannot go to {to}',
	],
	opportunity_closed: [
		'商机已{status}，不能重新打开或变更阶段',
		'The opportunity is {status}: it does not reopen or change stage',
	],
	won_by_contract: ['商机只能在其合同签订时自动赢单', 'An opportunity is won only when one of its contracts is signed'],
	lost_reason_required: ['输单须选择输单原因：{reasons}', 'Losing an opportunity needs a lost reason: {reasons}'],
	lost_analysis_required: [
		'输单须填写战败分析（至少 {min} 个字）',
		'Losing an opportunity needs a loss analysis of at least {min} characters',
	],
	reception_report_text: [
		'提交接待报告须填写报告内容（接待经过、客户意见与承诺事项）',
		'A reception report goes in with its text (report: how it went, what the customer said, what was promised)',
	],
	reception_promises_invalid: [
		'承诺事项（promises）须为列表，每项为 {"text": "承诺内容", "due_date": "YYYY-MM-DD"（可选）}，最多 {max} 项',
		'Promises are a list of at most {max} items, each {"text": "what was promised", "due_date": "YYYY-MM-DD" (optional)}',
	],
	reception_promise_text: [
		'第 {n} 项承诺须填写内容（不超过 {max} 个字）',
		'Promise {n} needs its text (text, at most {max} characters)',
	],
	reception_promise_due: [
		'第 {n} 项承诺的完成日期“{date}”无效：须为今天（{today}）或以后的日期（YYYY-MM-DD）',
		'Promise {n} has a due date “{date}” that is not valid: a date (YYYY-MM-DD) from today ({today}) on',
	],
	not_front_desk: [
		'只有接待人{owner}或销售助理（前台）可以“{action}”',
		'Only the host, {owner}, or a sales assistant (front desk) may “{action}”',
	],
	not_host_or_supervisor: [
		'只有接待人{owner}或其上级可以“{action}”',
		'Only the host, {owner}, or their supervisor may “{action}”',
	],
	reception_expense_host: [
		'只能为自己接待的客户接待申请礼品或费用',
		'Gifts and expenses may be requested only for a reception one hosts',
	],
	periodic_report_summary: ['提交周报或月报须填写工作总结', 'A weekly or monthly report goes up with its summary'],
	periodic_report_market_analysis: ['月报须填写市场分析才能提交', 'A monthly report goes up with its market analysis'],
	periodic_report_period: [
		'周报的期间从星期一开始，月报的期间从每月1日开始',
		'A weekly report’s period starts on a Monday, a monthly report’s on the 1st (period_type is week or month)',
	],
	periodic_report_exists: [
		'{owner}的该期{period}已存在（每人每期一份）',
		'{owner} already has the {period} of that period (one a person and period)',
	],
	periodic_report_locked: [
		'{status}的周报或月报不能修改，仅草稿或退回后可编辑',
		'A weekly or monthly report that is {status} cannot be edited: only a draft or a returned one',
	],
	target_weights: [
		'月度权重（weights）须为 12 个不小于 0 的数，依次对应 1 至 12 月',
		'The month weights are 12 numbers of at least 0, January to December',
	],
	target_weights_zero: ['分解权重不能全为 0', 'The weights may not all be 0'],
	target_shares: [
		'按人分解（shares）须为 {"人员编号": 份额}，1 至 {max} 人，份额不小于 0',
		'The shares are { "<user id>": share } for 1 to {max} people, each share at least 0',
	],
	target_share_person: [
		'{person} 不在此目标可分解的范围内：公司目标分给销售经理，团队目标分给其下属',
		'{person} cannot take a share: a company target goes to managers, a team target to the team’s people',
	],
	target_split_by: ['此目标须由 {who} 分解', 'This target is for {who} to break down'],
	target_split_unapproved: ['目标批准后才能分解', 'A target is broken down once it is approved'],
	target_split_twice: ['此目标已分解过；如需调整请修订', 'This target is already broken down; revise it to change it'],
	target_split_person: ['个人目标只能按月分解', 'A person’s target breaks down by months only'],
	target_split_month: ['月度目标不能再按月分解', 'A month’s target does not break down by months'],
	target_split_both: [
		'一次分解只能按人（shares）或按月（weights）其中一种',
		'A split is by people (shares) or by months (weights), not both',
	],
	target_split_sum: [
		'分解后的{measure}合计 {sum}，与上级目标的 {total} 不符：请先调整各项目标',
		'The broken-down {measure} add up to {sum}, not the parent target’s {total}: adjust the targets first',
	],
	target_not_setter: ['“{action}”须由 {who} 操作', '“{action}” is for {who} to do'],
	target_confirmed: ['此目标已确认', 'This target is already confirmed'],
	target_company_confirm: ['公司目标无需个人确认', 'The company’s target is not for a person to confirm'],
	target_revised: ['此目标已有新的修订版本（#{revision}）', 'This target already has a newer revision (#{revision})'],
	target_locked: [
		'目标状态为“{status}”，内容已锁定：已批准的目标请通过“修订”调整',
		'The target is {status} and locked: revise an approved target to change it',
	],
	commission_tiers: [
		'提成档位无效（{detail}）：须为 {from, rate} 列表，第一档从 0 起，起点逐档递增，比例为 0 到 100 之间的百分数',
		'The commission tiers are not valid ({detail}): a list of { from, rate }, the first from 0, each from above the last, every rate a percentage from 0 to 100',
	],
	commission_month: [
		'提成月份须为已结束的月份，格式 YYYY-MM（收到：{month}）',
		'The commission month is a month that has ended, as YYYY-MM (got: {month})',
	],
	commission_by_generate: [
		'提成单由系统生成（POST /visit-flow/commission/generate?month=YYYY-MM），不能手工新建',
		'Commission statements are generated by the server (POST /visit-flow/commission/generate?month=YYYY-MM), not created by hand',
	],
	appraisal_weights: [
		'考核方案“{scheme}”的指标权重合计为 {total}，须为 100',
		'The weights of appraisal scheme “{scheme}” add up to {total}; they must add up to 100',
	],
	appraisal_item: [
		'考核指标须有 0 至 100 的权重、大于 0 的目标；阶梯扣分须有大于 0 的扣分步长与每步扣分',
		'An appraisal item needs a weight from 0 to 100 and a target above 0; a step deduction needs step_percent and step_points above 0',
	],
	appraisal_levels: [
		'考核等级须为分数段列表：[{"level": "excellent|good|pass|warning|fail", "min": 0–100}]，每个等级至多一次',
		'The levels are a list of score bands: [{"level": "excellent|good|pass|warning|fail", "min": 0–100}], each level at most once',
	],
	appraisal_period: ['考核期间须为 YYYY-MM、YYYY-Qn 或 YYYY', 'The appraisal period is YYYY-MM, YYYY-Qn or YYYY'],
	appraisal_period_open: [
		'考核期间 {period} 尚未结束（{end} 结束），结束后才能生成考核',
		'The period {period} has not ended yet (it ends {end}); appraisals are generated once it has',
	],
	appraisal_admin_only: ['只有系统管理员可以生成考核结果', 'Only an Administrator generates appraisals'],
	appraisal_config_only: [
		'只有系统管理员或总经理可以设置考核方案',
		'Only an Administrator or a General Manager configures appraisal schemes',
	],
	appraisal_locked: ['考核结果状态为“{status}”，已锁定，不能修改', 'The appraisal is {status} and locked'],
	appraisal_comment_by: [
		'经理评语须由 {person} 的直属上级在待确认或已确认时填写',
		'The manager’s comment is for {person}’s manager to write while the appraisal is a draft or confirmed',
	],
	appraisal_by_generate: [
		'考核结果由 POST /visit-appraisals/generate 生成，不能手工创建',
		'Appraisals are made by POST /visit-appraisals/generate, not by hand',
	],
} satisfies Record<string, [zh: string, en: string]>;

export type RefusalCode = keyof typeof texts;

/** A parameter is the same in both languages, or a label per language. */
export type Param = string | Label;

export interface FlowRefusal {
	status: 400 | 403 | 404 | 409 | 422;
	code: RefusalCode;
	params: Record<string, Param>;
}

export const refusal = (
	status: FlowRefusal['status'],
	code: RefusalCode,
	params: Record<string, Param> = {},
): FlowRefusal => ({ status, code, params });

/** A refusal as a sentence in `language`. */
export function explain({ code, params }: FlowRefusal, language: Language): string {
	const template = texts[code][language === 'zh-CN' ? 0 : 1];
	return template.replace(/\{(\w+)\}/g, (_, key: string) => {
		const value = params[key];
		return value === undefined ? `{${key}}` : typeof value === 'string' ? value : value[language];
	});
}
