/**
 * The company's catalogue: it makes and sells compressed-air and pumping equipment (永磁变频
 * 螺杆空压机, dryers, tanks, pumps), with the parts, consumables and services around it. 三级价格
 * (公司价格实行三级价格即:一级经销商价格(出厂价)、二级分销商价格、零售价格): the wholesale price
 * first-level distributors buy at, the dealer price of the second level, the list price end users
 * are quoted from; under them all the floor price, below which only a General Manager may sell.
 */
import type { DiscountRule, Product } from './types.ts';

type Line = 'machine' | 'part' | 'service';

/** Dealer, wholesale and floor price as shares of the list price: machines carry the thinnest margins. */
const LEVELS: Record<Line, [dealer: number, wholesale: number, floor: number]> = {
	machine: [0.88, 0.82, 0.78],
	part: [0.8, 0.7, 0.65],
	service: [0.9, 0.85, 0.8],
};

/** Code, name, unit, list price (CNY), line; and whether it is still sold. */
const CATALOGUE: [string, string, string, number, Line, boolean?][] = [
	['ZF-PM22', '永磁变频螺杆空压机 ZF-22PM（22kW）', '台', 56_800, 'machine'],
	['ZF-PM37', '永磁变频螺杆空压机 ZF-37PM（37kW）', '台', 82_600, 'machine'],
	['ZF-PM55', '永磁变频螺杆空压机 ZF-55PM（55kW）', '台', 118_000, 'machine'],
	['ZF-PM75', '永磁变频螺杆空压机 ZF-75PM（75kW）', '台', 152_000, 'machine'],
	['ZF-TS110', '两级压缩螺杆空压机 ZF-110TS（110kW）', '台', 268_000, 'machine'],
	['ZF-OF7', '无油涡旋空压机 ZF-7.5OF（医药食品级）', '台', 69_800, 'machine'],
	['ZF-FS37', '工频螺杆空压机 ZF-37FS（37kW，已停产）', '台', 52_000, 'machine', false],
	['ZF-RD65', '冷冻式干燥机 ZF-RD65（6.5m³/min）', '台', 12_800, 'machine'],
	['ZF-AD13', '微热再生吸附式干燥机 ZF-AD13（13m³/min）', '台', 26_500, 'machine'],
	['ZF-GT10', '立式储气罐 1m³/1.0MPa', '台', 4_200, 'machine'],
	['ZF-GT20', '立式储气罐 2m³/1.0MPa', '台', 6_900, 'machine'],
	['ZF-CDL32', '不锈钢立式多级离心泵 CDL32-40', '台', 9_600, 'machine'],
	['ZF-ISG100', '立式管道离心泵 ISG100-160', '台', 4_850, 'machine'],
	['ZF-BP3', '变频恒压供水设备 ZF-BP3（一用两备）', '套', 58_000, 'machine'],
	['ZF-LK8', '空压站智能联控柜（最多8台）', '台', 22_000, 'machine'],
	['ZF-EM1', '空压站能耗监测系统（含传感器与云平台一年）', '套', 36_000, 'machine'],
	['ZF-FL3', '精密过滤器组件 C/T/A 三级', '套', 2_380, 'part'],
	['ZF-KIT37', '37kW 空压机保养包（油滤、空滤、油分）', '套', 3_650, 'part'],
	['ZF-OIL20', '螺杆空压机专用合成润滑油 20L', '桶', 1_680, 'part'],
	['ZF-SEP', '油气分离器滤芯', '个', 980, 'part'],
	['ZF-DRN', '零气耗电子排水器', '个', 460, 'part'],
	['ZF-PIPE', '铝合金压缩空气管道（含安装）', '米', 320, 'service'],
	['ZF-OH', '螺杆主机大修服务', '次', 18_000, 'service'],
	['ZF-AUD', '压缩空气系统节能诊断', '次', 8_800, 'service'],
];

/** Prices end in a whole ten yuan. */
const tens = (n: number) => Math.round(n / 10) * 10;

export const products: Product[] = CATALOGUE.map(([code, name, unit, list, line, active = true], n) => {
	const [dealer, wholesale, floor] = LEVELS[line];
	return {
		id: n + 1,
		code,
		name,
		unit,
		list_price: list,
		dealer_price: tens(list * dealer),
		wholesale_price: tens(list * wholesale),
		floor_price: tens(list * floor),
		active,
	};
});

/**
 * Who approves a quote's largest discount off the list price (the 价格审核 an order passes): up to
 * 5 % the rep sends it, up to 15 % the manager decides, beyond that the General Manager.
 */
export const discountRules: DiscountRule[] = [
	{ id: 1, max_discount_rate: 5, approver_position: 'none', active: true },
	{ id: 2, max_discount_rate: 15, approver_position: 'manager', active: true },
	{ id: 3, max_discount_rate: 100, approver_position: 'general_manager', active: true },
];
