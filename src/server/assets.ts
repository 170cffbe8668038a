// The web app's files (plain ES modules, CSS, one HTML page) read once from src/server/web/ and
// served from memory with their content types. No build step: the browser loads the modules as is.
// Third-party browser code (the API reference's Swagger UI) is served the same way, from the npm
// package in node_modules under /vendor/, so no page loads anything from another host.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('./web/', import.meta.url));

/** Files of npm packages the pages load: URL folder -> package and the files of it served. */
const VENDOR_FILES: Record<string, { readonly package: string; readonly files: readonly string[] }> = {
  '/vendor/swagger-ui/': { package: 'swagger-ui-dist', files: ['swagger-ui-bundle.js', 'swagger-ui.css'] },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

export interface WebAsset {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly type: string;
}

export type WebAssets = ReadonlyMap<string, WebAsset>;

/** Every file under `root` by URL path ("/app.js"), skipping tests and unknown types. */
export function loadWebAssets(root: string = WEB_ROOT): WebAssets {
  const assets = new Map<string, WebAsset>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.includes('.test.')) {
        const type = CONTENT_TYPES[extname(entry.name)];
        if (type) assets.set(`/${relative(root, path).split(sep).join('/')}`, { body: new Uint8Array(readFileSync(path)), type });
      }
    }
  };
  walk(root);
  const require = createRequire(import.meta.url);
  for (const [folder, vendor] of Object.entries(VENDOR_FILES)) {
    const packageRoot = dirname(require.resolve(`${vendor.package}/package.json`));
    for (const file of vendor.files) {
      assets.set(`${folder}${file}`, { body: new Uint8Array(readFileSync(join(packageRoot, file))), type: CONTENT_TYPES[extname(file)]! });
    }
  }
  return assets;
}
