/**
 * Runs the tasks, at most `limit` at a time, and returns their results in order. A test server
 * answers one request at a time; a few in flight keep it busy while the test reads answers.
 */
export async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
	const results: T[] = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const i = next++;
			results[i] = await tasks[i]!();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
	return results;
}
