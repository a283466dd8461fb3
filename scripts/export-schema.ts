/** Regenerates schema/snapshot.json from schema/src (run: npm run schema). */
import { writeFileSync } from 'node:fs';
import { buildSnapshot } from '../schema/src/snapshot.ts';

const target = new URL('../schema/snapshot.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(buildSnapshot(), null, '\t')}\n`);
console.log(`wrote ${target.pathname}`);
