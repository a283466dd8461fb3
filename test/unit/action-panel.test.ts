import { describe, expect, it } from 'vitest';
import type { OfferedAction } from '../../extensions/sales-visits/src/domain/action-model.ts';
import {
	actionBody,
	initialDraft,
	missingInput,
	needsPosition,
	typedInputs,
} from '../../extensions/sales-visits/src/shared/action-inputs.ts';
import { errorMessage, errorReason } from '../../extensions/sales-visits/src/shared/errors.ts';
import {
	countdown,
	formatDateTime,
	localTime,
	zoneOrDefault,
} from '../../extensions/sales-visits/src/shared/format.ts';

const action = (over: Partial<OfferedAction>): OfferedAction => ({
	key: 'plan.reject',
	label: '驳回',
	method: 'POST',
	path: '/visit-flow/plans/1/reject',
	inputs: [],
	tone: 'danger',
	...over,
});

describe('the action panel’s inputs', () => {
	const reject = action({ inputs: [{ name: 'comment', required: true, type: 'text', label: '审批意见' }] });
	const review = action({
		key: 'report.return',
		path: '/visit-flow/visits/3/report/review',
		body: { decision: 'returned' },
		inputs: [{ name: 'comment', required: true, type: 'text', label: '审核意见' }],
	});
	const done = action({
		key: 'revisit.done',
		inputs: [
			{ name: 'satisfaction', required: true, type: 'rating', label: '满意度' },
			{ name: 'notes', required: false, type: 'text', label: '记录' },
		],
	});
	const report = action({
		key: 'report.submit',
		inputs: [
			{ name: 'summary', required: true, type: 'text', label: '拜访概要', min_length: 10, value: '上次的概要文字' },
			{ name: 'follow_ups', required: false, type: 'follow_ups', label: '待跟进事项' },
		],
	});
	const checkIn = action({
		key: 'visit.check_in',
		inputs: [
			{ name: 'position', required: true, type: 'geolocation', label: '位置' },
			{ name: 'reason', required: false, type: 'text', label: '原因' },
		],
	});

	it('asks for a required input before posting, in the user’s language', () => {
		expect(missingInput(reject, initialDraft(reject), 'zh-CN')).toBe('请填写：审批意见');
		expect(missingInput(reject, { comment: '  ' }, 'en-US')).toBe('Please fill in: 审批意见');
		expect(missingInput(reject, { comment: '不合理' }, 'zh-CN')).toBeNull();
		expect(missingInput(done, { satisfaction: null }, 'zh-CN')).toBe('请填写：满意度');
		expect(missingInput(report, { summary: '太短', follow_ups: [] }, 'zh-CN')).toBe('拜访概要至少需要 10 个字');
		expect(
			missingInput(
				report,
				{ summary: '客户确认了下季度的采购计划', follow_ups: [{ description: '报价', due_date: '' }] },
				'zh-CN',
			),
		).toContain('每项须填写内容和截止日期');
	});

	it('posts the action’s fixed fields with what was filled in, leaving empty optional ones out', () => {
		expect(actionBody(review, { comment: ' 请补充竞品信息 ' })).toEqual({
			decision: 'returned',
			comment: '请补充竞品信息',
		});
		expect(actionBody(done, { satisfaction: 4, notes: '' })).toEqual({ satisfaction: 4 });
		const draft = initialDraft(report);
		expect(draft).toEqual({ summary: '上次的概要文字', follow_ups: [] });
		expect(
			actionBody(report, {
				summary: '客户确认了下季度的采购计划',
				follow_ups: [
					{ description: '报价', due_date: '2026-12-01' },
					{ description: '', due_date: '' },
				],
			}),
		).toEqual({
			summary: '客户确认了下季度的采购计划',
			follow_ups: [{ description: '报价', due_date: '2026-12-01' }],
		});
	});

	it('sends a new start as an instant read in the device’s zone, and asks for one that is not a time', () => {
		const reschedule = action({
			key: 'reschedule.request',
			inputs: [
				{ name: 'scheduled_start', required: true, type: 'datetime', label: '申请改至' },
				{ name: 'reason', required: true, type: 'text', label: '原因' },
			],
		});
		expect(missingInput(reschedule, { scheduled_start: '明天', reason: '客户出差' }, 'zh-CN')).toBe('请填写：申请改至');
		const local = '2030-03-05T09:30';
		expect(actionBody(reschedule, { scheduled_start: local, reason: '客户出差' })).toEqual({
			scheduled_start: new Date(local).toISOString(),
			reason: '客户出差',
		});
	});

	it('takes a check-in’s position from the device, not from a field', () => {
		expect(needsPosition(checkIn)).toBe(true);
		expect(typedInputs(checkIn).map((i) => i.name)).toEqual(['reason']);
		expect(
			actionBody(checkIn, { reason: '' }, { latitude: 31.2, longitude: 121.5, accuracy: 20, timestamp: 1 }),
		).toEqual({ latitude: 31.2, longitude: 121.5, accuracy: 20, timestamp: 1 });
	});
});

describe('what the panels share', () => {
	it('shows the server’s refusal in the user’s language', () => {
		const error = {
			response: {
				data: {
					errors: [
						{
							message: 'Only the supervisor may approve',
							extensions: {
								reason: 'not_approver',
								messages: { 'zh-CN': '只有直属上级可以审批', 'en-US': 'Only the supervisor may approve' },
							},
						},
					],
				},
			},
		};
		expect(errorMessage(error, 'zh-CN')).toBe('只有直属上级可以审批');
		expect(errorMessage(error, 'en-US')).toBe('Only the supervisor may approve');
		expect(errorReason(error)).toBe('not_approver');
		expect(errorMessage(new Error('Network Error'), 'zh-CN')).toBe('Network Error');
		expect(errorMessage(null, 'en-US')).toBe('The action failed');
	});

	it('counts down to a deadline and past it', () => {
		const now = Date.parse('2026-11-20T00:00:00Z');
		expect(countdown('2026-11-22T03:04:05Z', now, 'zh-CN')).toBe('剩余 2天 3小时 4分 5秒');
		expect(countdown('2026-11-19T23:59:30Z', now, 'en-US')).toBe('Overdue by 30s');
	});

	it('shows times on the company’s clocks, whatever the browser’s zone', () => {
		expect(localTime('2026-11-20T01:30:00Z', 'Asia/Shanghai')).toBe('09:30');
		expect(formatDateTime('2026-11-20T16:30:00Z', 'en-US', 'Asia/Shanghai')).toContain('11/21/26');
		expect(zoneOrDefault('Mars/Base')).toBe('Asia/Shanghai');
	});
});
