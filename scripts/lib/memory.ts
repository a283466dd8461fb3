/** A process's resident memory from /proc (Linux), sampled while work runs. */
import { readFileSync } from 'node:fs';

/** VmRSS and VmHWM (the peak since start) in MB. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** The highest VmRSS seen every `everyMs` while `work` runs (VmHWM alone would include start-up). */
export async function peakRssDuring<T>(
	pid: number,
	work: () => Promise<T>,
	everyMs = 20,
): Promise<[peak: number, result: T]> {
	let peak = memoryOf(pid).rss;
	const timer = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rss)), everyMs);
	try {
		const result = await work();
		return [Math.max(peak, memoryOf(pid).rss), result];
	} finally {
		clearInterval(timer);
	}
}

/** The median VmRSS over `ms` of doing nothing. */
export async function idleRss(pid: number, ms = 3000, everyMs = 100): Promise<number> {
	const samples: number[] = [];
	for (let t = 0; t < ms; t += everyMs) {
		samples.push(memoryOf(pid).rss);
		await new Promise((r) => setTimeout(r, everyMs));
	}
	return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}
