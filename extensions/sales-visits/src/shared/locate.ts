/** The device's position for a check-in, with the browser's refusals in the user's language. */
import { say, t, type Lang } from './texts.ts';

export interface Fix {
	latitude: number;
	longitude: number;
	accuracy: number;
	timestamp: number;
}

const texts = {
	noGeolocation: t(
		'此设备无法定位，请在手机浏览器中打开并允许定位',
		'This device cannot share its location: open the Studio in a phone browser and allow location',
	),
	geoDenied: t(
		'未允许定位：请在浏览器设置中允许本站使用位置信息',
		'Location was not allowed: allow this site to use your location in the browser settings',
	),
	geoUnavailable: t('无法获取位置，请到开阔处重试', 'The position is unavailable: try again in the open'),
	geoTimeout: t('定位超时，请重试', 'Locating timed out: try again'),
};

/** The browser's GeolocationPositionError codes, in the user's language. */
export function geoErrorText(code: number | undefined, lang: Lang): string {
	if (code === 1) return say(texts.geoDenied, lang);
	if (code === 3) return say(texts.geoTimeout, lang);
	return say(texts.geoUnavailable, lang);
}

/** A fresh high-accuracy fix (never a cached one: the server refuses stale positions). */
export function locate(lang: Lang): Promise<Fix> {
	return new Promise((resolve, reject) => {
		if (!('geolocation' in navigator)) return reject(new Error(say(texts.noGeolocation, lang)));
		navigator.geolocation.getCurrentPosition(
			(p) =>
				resolve({
					latitude: p.coords.latitude,
					longitude: p.coords.longitude,
					accuracy: p.coords.accuracy,
					timestamp: p.timestamp || Date.now(),
				}),
			(e) => reject(new Error(geoErrorText(e?.code, lang))),
			{ enableHighAccuracy: true, timeout: 15_000, maximumAge: 0 },
		);
	});
}
