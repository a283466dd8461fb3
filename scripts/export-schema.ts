/** Regenerates schema/snapshot.json from the data model in extensions/sales-visits/src/schema/ (run: npm run schema:export). */
import { writeFileSync } from 'node:fs';
import { buildSnapshot } from '../extensions/sales-visits/src/schema/snapshot.ts';

const target = new URL('../schema/snapshot.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(buildSnapshot(), null, '\t')}\n`);
console.log(`wrote ${target.pathname}`);
