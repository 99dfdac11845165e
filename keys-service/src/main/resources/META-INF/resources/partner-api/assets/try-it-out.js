// "Try it out" with a sandbox key on the Swagger UI page at /partner-api (issue 12): a small form takes a key and its
// hmacSecret, kept in this closure only (never stored, never sent), and Swagger UI's requestInterceptor
// (quarkus.swagger-ui.request-interceptor) calls sirTryItOut.intercept, which adds X-Partner-Key, X-Timestamp and
// X-Signature computed over the exact method, path+query and body of the request being sent. The signing is the SDK's
// own WebCrypto signer (sdk/typescript/src/web-signing.js, copied beside this file by keys-service's build).
// A classic script, as the extension includes scripts; it loads the signer, an ES module, with import().
(function () {
  'use strict';

  var signerUrl = new URL('web-signing.js', document.currentScript.src).href;
  var credentials = null; // { key, secret } while the page is open
  var lastSigned = {}; // "METHOD path bodyHash" → last X-Timestamp, so that a repeat is signed with the next second

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    if (text) e.textContent = text;
    return e;
  }

  function buildForm() {
    var form = el('form', { id: 'sir-try-it-out', autocomplete: 'off' });
    form.style.cssText =
      'max-width:1460px;margin:0 auto;padding:12px 20px;font-family:sans-serif;font-size:14px;' +
      'display:flex;gap:8px;align-items:center;flex-wrap:wrap;border-bottom:1px solid #ddd';
    var title = el('strong', {}, 'Try it out with a sandbox key:');
    var key = el('input', { id: 'sir-key', name: 'sir-key', placeholder: 'sk_test_… or pk_test_…', size: '40' });
    var secret = el('input', {
      id: 'sir-secret',
      name: 'sir-secret',
      type: 'password',
      placeholder: 'hmacSecret (64 hex)',
      size: '40',
    });
    var use = el('button', { id: 'sir-use', type: 'submit' }, 'Use');
    var forget = el('button', { id: 'sir-forget', type: 'button' }, 'Forget');
    var status = el('span', { id: 'sir-status' }, 'Requests are sent unsigned.');
    var note = el(
      'small',
      {},
      'Kept in this page only: never stored, never sent (the page sends the key and a signature made with the secret).',
    );
    note.style.cssText = 'flex-basis:100%;color:#555';
    [title, key, secret, use, forget, status, note].forEach(function (c) {
      form.appendChild(c);
    });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var k = key.value.trim();
      var s = secret.value.trim();
      if (!/^(pk|sk)_test_[0-9a-f]{64}$/.test(k)) {
        status.textContent = 'Only sandbox keys (pk_test_… or sk_test_…, 64 hex digits) are used here.';
        return;
      }
      if (s !== '' && !/^[0-9a-f]{64}$/.test(s)) {
        status.textContent = 'The hmacSecret is 64 hex digits.';
        return;
      }
      credentials = { key: k, secret: s };
      secret.value = '';
      status.textContent =
        'Signing as ' + k.slice(0, 8) + '…' + k.slice(-4) + (s ? ' (signed).' : ' (publishable key only, unsigned).');
    });
    forget.addEventListener('click', function () {
      credentials = null;
      key.value = '';
      secret.value = '';
      status.textContent = 'Requests are sent unsigned.';
    });
    return form;
  }

  function setHeader(headers, name, value) {
    Object.keys(headers).forEach(function (h) {
      if (h.toLowerCase() === name.toLowerCase()) delete headers[h];
    });
    headers[name] = value;
  }

  function hasHeader(headers, name) {
    return Object.keys(headers).some(function (h) {
      return h.toLowerCase() === name.toLowerCase();
    });
  }

  async function intercept(request) {
    if (request.loadSpec || !credentials) return request;
    var url = new URL(request.url, window.location.href);
    // Partner API calls only; a call with a JWT (the key-management endpoints) keeps what Swagger UI gave it.
    if (url.pathname.indexOf('/v1/') !== 0) return request;
    request.headers = request.headers || {};
    if (hasHeader(request.headers, 'Authorization')) return request;
    setHeader(request.headers, 'X-Partner-Key', credentials.key);
    if (!credentials.secret) return request;
    var body = request.body === undefined || request.body === null ? '' : request.body;
    if (typeof body !== 'string') return request; // the API takes JSON text only; other bodies are sent unsigned
    var signer = await import(signerUrl);
    var method = String(request.method || 'GET').toUpperCase();
    var pathWithQuery = url.pathname + url.search;
    var timestamp = Math.floor(Date.now() / 1000);
    if (method !== 'GET' && method !== 'HEAD') {
      // The API refuses a mutating request sent again with the same signature (409 REQUEST_REPLAYED).
      var id = method + ' ' + pathWithQuery + ' ' + (await signer.sha256Hex(body));
      if (lastSigned[id] !== undefined && lastSigned[id] >= timestamp) timestamp = lastSigned[id] + 1;
      lastSigned[id] = timestamp;
    }
    var signed = await signer.signRequest({
      hmacSecret: credentials.secret,
      method: method,
      pathWithQuery: pathWithQuery,
      body: body,
      timestamp: timestamp,
    });
    // The request goes to exactly what was signed.
    request.url = url.href;
    setHeader(request.headers, 'X-Timestamp', signed.timestamp);
    setHeader(request.headers, 'X-Signature', signed.signature);
    return request;
  }

  window.sirTryItOut = { intercept: intercept };

  function mount() {
    var root = document.getElementById('swagger-ui');
    if (root && !document.getElementById('sir-try-it-out')) root.parentNode.insertBefore(buildForm(), root);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
