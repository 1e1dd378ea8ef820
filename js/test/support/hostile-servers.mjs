// Two loopback HTTP servers for the security tests (security.test.mjs, and the workerd and Deno
// runs it drives): `oms` plays a compromised or misconfigured OMS endpoint, `evil` is the origin its
// redirects point at. `evil` must never receive anything: it answers like OMS would (a token, a
// created resource), so a client that followed a redirect would "succeed" there.
import { createServer } from 'node:http';

const TOKEN_BODY = { accessToken: 'eyJhbGciOiJIUzI1NiJ9.ZXZpbA.c2ln', tokenType: 'bearer', expiresIn: 3600 };

function listen(handler) {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Starts both servers. `oms` routes (under /v0.9):
 * - `POST /auth/token`: 307 to `evil` when `state.redirectToken`, else a token;
 * - `POST /customers/cst_1/wallets`: 302 to `evil` (a POST turned into a GET elsewhere);
 * - `GET /customers/cst_1`: 301 to `evil`;
 * - `GET /customers/cst_big`: a chunked body of `state.bigBytes` bytes (no Content-Length);
 * - `GET /customers/cst_huge_length`: `Content-Length: 50000000`, then a trickle;
 * - anything else: `state.answer(req, res)` when set, else 404.
 * Every request is recorded in `requests` (`{ server, method, url }`); `sent.big` counts the bytes
 * of the big body that the socket accepted before it closed.
 */
export async function startHostileServers() {
  const requests = [];
  const state = { redirectToken: false, bigBytes: 40 * 1024 * 1024, answer: null };
  const sent = { big: 0 };
  const evil = await listen((req, res) => {
    requests.push({ server: 'evil', method: req.method, url: req.url });
    req.resume();
    res.writeHead(req.url.endsWith('/auth/token') ? 200 : 201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url.endsWith('/auth/token') ? TOKEN_BODY : { id: 'wlt_evil', object: 'wallet' }));
  });
  const evilBase = `http://127.0.0.1:${evil.address().port}`;
  const oms = await listen((req, res) => {
    if (req.url.startsWith('/_control')) {
      // the test's own switch (not recorded): /_control?redirectToken=1
      state.redirectToken = new URL(req.url, 'http://x').searchParams.get('redirectToken') === '1';
      req.resume();
      res.writeHead(204);
      return res.end();
    }
    requests.push({ server: 'oms', method: req.method, url: req.url });
    req.resume();
    const path = req.url.replace(/^\/v0\.9/, '');
    const redirect = (status) => {
      res.writeHead(status, { location: `${evilBase}/v0.9${path}`, 'content-type': 'text/plain' });
      res.end('moved');
    };
    if (path === '/auth/token') {
      if (state.redirectToken) return redirect(307);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(TOKEN_BODY));
    }
    if (path === '/customers/cst_1/wallets') return redirect(302);
    if (path === '/customers/cst_1') return redirect(301);
    if (path === '/customers/cst_big') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = state.bigBytes;
      const pump = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          sent.big += n;
          if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        left = 0;
      });
      return pump();
    }
    if (path === '/customers/cst_huge_length') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '50000000' });
      res.write('{');
      return; // never finishes: the client must refuse from the header alone
    }
    if (state.answer) return state.answer(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"not_found","message":"no such route"}}');
  });
  const omsBase = `http://127.0.0.1:${oms.address().port}/v0.9`;
  return {
    omsBase,
    control: `http://127.0.0.1:${oms.address().port}/_control`,
    evilBase,
    requests,
    state,
    sent,
    evilRequests: () => requests.filter((r) => r.server === 'evil'),
    omsRequests: () => requests.filter((r) => r.server === 'oms'),
    async close() {
      oms.closeAllConnections?.();
      evil.closeAllConnections?.();
      await Promise.all([new Promise((r) => oms.close(r)), new Promise((r) => evil.close(r))]);
    },
  };
}
