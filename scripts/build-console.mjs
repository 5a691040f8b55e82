// Builds the web console (src/console/, each service's src/services/<svc>/console/) with esbuild into
// dist/console/ (or the folder given as the first argument): an ES module entry with code splitting, so
// the graph layout library loads only when a graph is drawn. Run by `npm run build`.

import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const out = process.argv[2] ?? 'dist/console';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: 'src/console/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  outdir: out,
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css']) copyFileSync(join('src/console', file), join(out, file));
