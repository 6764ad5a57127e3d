// Writes docs/errors.md from the catalogue: npx nx run errors:update-docs
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderErrorDocs } from '../src/error-docs.js';

const file = join(resolve(__dirname, '../../..'), 'docs', 'errors.md');
writeFileSync(file, renderErrorDocs());
console.log(`generated ${file}`);
