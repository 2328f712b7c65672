// A small static server for the planner: serves www/ (the page) and pkg/ (the built Wasm
// package) from the repository, on 127.0.0.1 only, with the page's Content-Security-Policy.
// The planner has no backend; this only hands out files.
//
//   node scripts/serve.mjs [--port 8080] [--base /]
//
// `--base /tools/hotpatch/` mounts everything under a sub-path, to check that nothing in the
// page or the component assumes it is served from the site root.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SERVED = ['www', 'pkg'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** The policy the page also declares in a <meta> tag; the header adds frame-ancestors. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  // Microsoft's Security Update Guide API: only for "Get the latest from Microsoft", on a click.
  "connect-src 'self' https://api.msrc.microsoft.com",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Starts the server. Resolves to `{ server, url }` once listening; port 0 picks a free port.
 * `headers(pathname)` may add or override response headers (tests use it for other CSPs);
 * `root` and `served` (directories under it) change what is served (tests serve a bundled
 * app's output with them).
 */
export function startServer({ port = 8080, base = '/', host = '127.0.0.1', headers, root = ROOT, served = SERVED } = {}) {
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`--base must start and end with "/", got ${base}`);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (path === base || path === base.slice(0, -1)) {
        res.writeHead(302, { Location: `${base}www/` });
        return res.end();
      }
      if (!path.startsWith(base)) return notFound(res);
      path = path.slice(base.length);
      if (path.endsWith('/') || path === '') path += 'index.html';
      const file = normalize(join(root, path));
      const inside = served.some((dir) => file.startsWith(join(root, dir, sep)));
      if (!inside) return notFound(res);
      const info = await stat(file).catch(() => null);
      if (!info) return notFound(res);
      if (info.isDirectory()) {
        res.writeHead(302, { Location: `${url.pathname}/` });
        return res.end();
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
        ...(headers?.(url.pathname) ?? {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`server error: ${err.message}`);
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      done({ server, url: `http://${host}:${actual}${base}` });
    });
  });
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('not found');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await startServer({ port: Number(arg('port', 8080)), base: arg('base', '/') });
  console.log(`Hotpatch Planner: ${url}www/  (Ctrl-C stops)`);
}
