// A small static file server for dist/ (used by `npm start` and by the browser tests).
//
//   import { startServer } from '../../scripts/serve.mjs';
//   const { url, port, close } = await startServer({ root: 'dist', port: 0 });  // 0: any free port
//
// Binds 127.0.0.1 only. When `port` is taken it tries the next ports (up to `tries`).
// Serves index.html for directories, never anything outside `root`, and sends no caching
// headers that would keep a stale wasm file around during development.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

function handler(root) {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      send(res, 400, 'bad request\n');
      return;
    }
    if (pathname.includes('\0')) { send(res, 400, 'bad request\n'); return; }
    // The URL parser already removed "..", but encoded forms (%2e%2e, %2f) come back after decoding.
    let file = path.resolve(root, `.${path.posix.normalize(pathname)}`);
    if (file !== root && !file.startsWith(root + path.sep)) { send(res, 403, 'forbidden\n'); return; }

    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: `${pathname}/` });
          res.end();
          return;
        }
        file = path.join(file, 'index.html');
        fs.stat(file, (err2, st2) => serveFile(err2, st2));
        return;
      }
      serveFile(err, st);
    });

    function serveFile(err, st) {
      if (err || !st.isFile()) { send(res, 404, 'not found\n'); return; }
      const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') { res.end(); return; }
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    }
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => { server.off('listening', onListening); reject(err); };
    const onListening = () => { server.off('error', onError); resolve(); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startServer({ root, port = 8080, host = '127.0.0.1', tries = 20 } = {}) {
  if (!root) throw new Error('startServer: root is required');
  const absRoot = fs.realpathSync(path.resolve(root));
  const server = http.createServer(handler(absRoot));
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  let p = Number(port);
  for (let i = 0; ; i++) {
    try {
      await listen(server, p, host);
      break;
    } catch (err) {
      if (err.code !== 'EADDRINUSE' || p === 0 || i + 1 >= tries) throw err;
      p += 1;
    }
  }
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    server,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
