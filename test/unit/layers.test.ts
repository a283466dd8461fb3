/**
 * The top-level folders depend one way only: the product's extension on nothing of ours, the
 * demo data (seeds/) on the product's rules, the demo bundle and the scripts on both, the tests
 * on anything (and the snapshot, schema/, is data). Read from the import statements themselves, so a new import against the
 * direction fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/directus.ts';

/** What each folder may import from; the order is the build order. */
const MAY_IMPORT: Record<string, string[]> = {
	'extensions/sales-visits': [],
	seeds: ['extensions/sales-visits'],
	'extensions/sales-visits-demo': ['extensions/sales-visits', 'seeds'],
	scripts: ['extensions/sales-visits', 'seeds'],
	test: ['extensions/sales-visits', 'extensions/sales-visits-demo', 'seeds', 'scripts', 'schema'],
};

const SKIP = new Set(['node_modules', 'dist', '.git', 'data']);

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (SKIP.has(entry.name)) return [];
		const path = join(dir, entry.name);
		return entry.isDirectory() ? sources(path) : /\.(ts|vue|cjs|js)$/.test(entry.name) ? [path] : [];
	});
}

/** `extensions/<name>` for an extension, else the first folder of the path. */
function folderOf(path: string): string {
	const [first, second] = relative(ROOT, path).split(/[\\/]/);
	return first === 'extensions' ? `extensions/${second}` : first!;
}

/** The relative specifiers of a file's imports, re-exports, dynamic imports and requires. */
function importsOf(text: string): string[] {
	const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
	return [...text.matchAll(pattern)].map((m) => m[1]!);
}

const folders = [
	...Object.keys(MAY_IMPORT).filter((f) => f.startsWith('extensions/')),
	'seeds',
	'scripts',
	'test',
	'schema',
];
const edges = folders.flatMap((folder) =>
	// This file's own examples below are not imports.
	sources(join(ROOT, folder))
		.filter((file) => file !== import.meta.filename)
		.flatMap((file) =>
			importsOf(readFileSync(file, 'utf8')).map((specifier) => ({
				file: relative(ROOT, file),
				from: folderOf(file),
				to: folderOf(resolve(dirname(file), specifier)),
			})),
		),
);

describe('imports between top-level folders', () => {
	it('reads the imports it checks', () => {
		expect(
			importsOf(
				`import a from './a.ts';\nimport type { B } from "../b.ts";\nexport * from '../../c.ts';\nconst d = await import('./d.ts');\nimport 'vue';`,
			),
		).toEqual(['./a.ts', '../b.ts', '../../c.ts', './d.ts']);
		expect(edges.some((e) => e.from === 'seeds' && e.to === 'extensions/sales-visits')).toBe(true);
	});

	it('knows every folder with code', () => {
		const extensions = readdirSync(join(ROOT, 'extensions')).map((name) => `extensions/${name}`);
		for (const extension of extensions) expect(Object.keys(MAY_IMPORT), extension).toContain(extension);
		expect(sources(join(ROOT, 'schema')), 'schema/ holds the snapshot only: the data model is the extension’s').toEqual(
			[],
		);
	});

	it('go one way only', () => {
		const against = edges.filter((e) => e.from !== e.to && !MAY_IMPORT[e.from]?.includes(e.to));
		expect(against.map((e) => `${e.file} imports from ${e.to}/`)).toEqual([]);
	});

	it('form no cycle', () => {
		const next = new Map<string, Set<string>>();
		for (const e of edges) if (e.from !== e.to) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
		const cycle = (start: string, at: string, seen: Set<string>): boolean =>
			[...(next.get(at) ?? [])].some((to) => to === start || (!seen.has(to) && cycle(start, to, seen.add(to))));
		expect([...next.keys()].filter((folder) => cycle(folder, folder, new Set()))).toEqual([]);
	});
});
