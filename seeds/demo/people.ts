/**
 * The demo company's staff: a General Manager, two sales teams of three, an assistant, customer
 * service, Finance, Legal and an integrator.
 */
import type { DemoUser, Position, RoleKey } from './types.ts';

export const DEMO_PASSWORD = 'demo-password';
export const INTEGRATOR_TOKEN = 'sv-demo-integrator-token-0c9f4b7e2a61d5';

/** Fixed UUIDs, so a second setup run recognises the demo company. */
const userId = (n: number) => `5e1d0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function user(
	n: number,
	login: string,
	[last_name, first_name]: [string, string],
	title: string,
	role: RoleKey,
	position: Position | null,
	boss: number | null,
): DemoUser {
	return {
		id: userId(n),
		email: `${login}@example.com`,
		first_name,
		last_name,
		title,
		role,
		position,
		reports_to: boss === null ? null : userId(boss),
		employee_no: `HZ${String(n).padStart(4, '0')}`,
		language: 'zh-CN',
	};
}

export const users: DemoUser[] = [
	user(1, 'gm', ['王', '建国'], '总经理', 'general_manager', 'general_manager', null),
	user(2, 'manager1', ['李', '明'], '浙江区域销售经理', 'sales_manager', 'manager', 1),
	user(3, 'manager2', ['张', '伟'], '全国大客户销售经理', 'sales_manager', 'manager', 1),
	user(4, 'rep1', ['刘', '洋'], '销售代表', 'sales_rep', 'rep', 2),
	user(5, 'rep2', ['陈', '静'], '销售代表', 'sales_rep', 'rep', 2),
	user(6, 'rep3', ['杨', '帆'], '销售代表', 'sales_rep', 'rep', 2),
	user(7, 'rep4', ['赵', '磊'], '大客户经理', 'sales_rep', 'rep', 3),
	user(8, 'rep5', ['黄', '丽'], '大客户经理', 'sales_rep', 'rep', 3),
	user(9, 'rep6', ['周', '杰'], '销售代表', 'sales_rep', 'rep', 3),
	user(10, 'assistant', ['吴', '婷'], '销售助理', 'sales_assistant', 'assistant', 1),
	user(11, 'service', ['徐', '敏'], '客户服务专员', 'customer_service', 'service', 1),
	{ ...user(12, 'integrator', ['ERP', '接口'], 'ERP 系统集成', 'integrator', null, null), token: INTEGRATOR_TOKEN },
	user(13, 'finance', ['孙', '慧芳'], '财务主管', 'finance', 'finance', 1),
	user(14, 'legal', ['郑', '博文'], '法务专员', 'legal', 'legal', 1),
];

const byLogin = (login: string): DemoUser => users.find((u) => u.email === `${login}@example.com`)!;

export const gm = byLogin('gm');
export const assistant = byLogin('assistant');
export const service = byLogin('service');
export const finance = byLogin('finance');
export const legal = byLogin('legal');
export const reps = users.filter((u) => u.role === 'sales_rep');
export const managers = users.filter((u) => u.role === 'sales_manager');
/** People who own customers and plans: the reps and, for a few key accounts, the managers. */
export const fieldStaff = [...reps, ...managers];

/** Who decides for someone: their `reports_to` (a manager's plans go to the General Manager). */
export const supervisor = (person: DemoUser | string): DemoUser => {
	const id = typeof person === 'string' ? person : person.id;
	const boss = users.find((u) => u.id === id)?.reports_to;
	return users.find((u) => u.id === boss)!;
};

export const userById = (id: string): DemoUser => users.find((u) => u.id === id)!;
