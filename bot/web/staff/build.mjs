// Builds the staff page stylesheet into static/staff.css from GOV.UK Frontend's Sass (system
// fonts only, no asset URLs). Deterministic output: the committed file can be checked against
// the source. Run with "npm run build" in bot/web/staff/.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as sass from 'sass';

const here = path.dirname(fileURLToPath(import.meta.url));
const govuk = JSON.parse(await readFile(path.join(here, 'node_modules', 'govuk-frontend', 'package.json'), 'utf8'));
const banner =
  '/*! Stronger Safer Gloucester staff directory page. Built from bot/web/staff/src with ' +
  `"npm run build"; do not edit. Includes GOV.UK Frontend ${govuk.version} ` +
  '(MIT licence, (c) Crown copyright): https://github.com/alphagov/govuk-frontend */';

const css = sass.compile(path.join(here, 'src', 'staff.scss'), {
  importers: [new sass.NodePackageImporter(here)],
  style: 'compressed',
  sourceMap: false,
  quietDeps: true,
  silenceDeprecations: ['import'],
});
if (/url\(/.test(css.css) || /GDS Transport/.test(css.css)) {
  throw new Error('staff.css must not reference fonts or other assets');
}
await writeFile(path.join(here, 'static', 'staff.css'), banner + '\n' + css.css + '\n');
console.log(`staff.css built (${css.css.length} bytes)`);
