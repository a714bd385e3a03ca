// Builds the widget into bot/web/static/widget/ (or --outdir DIR): one IIFE script, one
// stylesheet, the demo page's stylesheet and a neutral favicon. Deterministic output, so the
// committed bundle can be checked against the source (tests/widget/test_bundle.py).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';
import * as sass from 'sass';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--outdir');
const outdir = path.resolve(outIndex >= 0 ? args[outIndex + 1] : path.join(here, '..', 'bot', 'web', 'static', 'widget'));

const pkg = JSON.parse(await readFile(path.join(here, 'package.json'), 'utf8'));
const govuk = JSON.parse(await readFile(path.join(here, 'node_modules', 'govuk-frontend', 'package.json'), 'utf8'));
const banner =
  `/*! Stronger Safer Gloucester chat widget ${pkg.version} (MIT licence). Built from widget/ ` +
  `with "make widget"; do not edit. Includes GOV.UK Frontend ${govuk.version} ` +
  '(MIT licence, (c) Crown copyright): https://github.com/alphagov/govuk-frontend */';

await mkdir(outdir, { recursive: true });

await esbuild.build({
  entryPoints: [path.join(here, 'src', 'index.js')],
  outfile: path.join(outdir, 'ssgp-chat.js'),
  bundle: true,
  format: 'iife',
  target: ['es2018'],
  platform: 'browser',
  minify: false,
  legalComments: 'inline',
  banner: { js: banner },
  logLevel: 'warning',
});

const css = sass.compile(path.join(here, 'src', 'ssgp-chat.scss'), {
  importers: [new sass.NodePackageImporter(here)],
  style: 'expanded',
  sourceMap: false,
  quietDeps: true,
  silenceDeprecations: ['import'],
});
// The stylesheet only ever lives in shadow roots, where :root matches nothing: GOV.UK's custom
// properties go on the shadow host instead (so they never touch the host page).
const scoped = css.css.replace(/:root\b/g, ':host');
await writeFile(path.join(outdir, 'ssgp-chat.css'), banner + '\n' + scoped + '\n');

// The demo page stands for a council site with GOV.UK Frontend's own styles for its Exit this
// page button and skip link.
const demo = sass.compile(path.join(here, 'src', 'demo-host.scss'), {
  importers: [new sass.NodePackageImporter(here)],
  style: 'expanded',
  sourceMap: false,
  quietDeps: true,
  silenceDeprecations: ['import'],
});
await writeFile(path.join(outdir, 'demo-host.css'), banner + '\n' + demo.css + '\n');

for (const file of ['favicon.svg']) {
  await copyFile(path.join(here, 'src', file), path.join(outdir, file));
}
console.log(`widget built into ${path.relative(process.cwd(), outdir) || '.'}`);
