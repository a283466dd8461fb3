/** Builds each extension in extensions/ with the Directus extensions SDK when its sources changed. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SDK = join(ROOT, 'node_modules/@directus/extensions-sdk/cli.js');
/** Sources outside an extension that a bundle imports: the demo bundle reads seeds/ and the product's sources. */
const SHARED = ['seeds', 'extensions/sales-visits/src'].map((dir) => join(ROOT, dir));

function newest(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

export async function buildExtensions({ quiet = false, force = false } = {}): Promise<void> {
	const root = join(ROOT, 'extensions');
	for (const name of readdirSync(root)) {
		const dir = join(root, name);
		if (!existsSync(join(dir, 'package.json'))) continue;
		const built = newest(join(dir, 'dist'));
		const sources = Math.max(newest(join(dir, 'src')), newest(join(dir, 'package.json')), ...SHARED.map(newest));
		if (!force && built > sources) continue;
		if (!quiet) console.log(`Building extension ${name} ...`);
		const child = spawn(process.execPath, [SDK, 'build', '--no-minify'], {
			cwd: dir,
			stdio: quiet ? 'pipe' : 'inherit',
		});
		let output = '';
		child.stdout?.on('data', (d) => (output += d));
		child.stderr?.on('data', (d) => (output += d));
		const code = await new Promise<number | null>((done) => child.on('exit', done));
		if (code !== 0) throw new Error(`Building ${name} failed\n${output}`);
	}
}
