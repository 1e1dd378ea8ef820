// The OMS emulator inspector: polls /_emulator/state while the page is open and renders it with
// DOM nodes and textContent only (customer data is user input: never HTML). Buttons call the
// /_emulator controls with JSON bodies (the controls refuse anything else).
'use strict';

const POLL_MS = 700;
let version = '';
let timer = 0;
const openDetails = new Set();
const choices = new Map();

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'onclick' || k === 'onchange' || k === 'ontoggle') el.addEventListener(k.slice(2), v);
    else if (k === 'open') el.open = true;
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const cls = (s) => `badge s-${String(s).replace(/[^A-Za-z_]/g, '')}`;
const badge = (s, text = s) => (s ? h('span', { class: cls(s) }, text) : '');
const id = (s) => h('span', { class: 'id' }, s ?? '');
const short = (s) => (s && s.length > 22 ? `${s.slice(0, 10)}…${s.slice(-6)}` : s ?? '');
const money = (side) => (side ? `${side.amountGross ?? side.amount ?? side.indicatedAmount ?? '?'} ${side.asset ?? ''}` : '');

function toast(text) {
  document.getElementById('toast').textContent = text;
}

async function post(path, body = {}, label = path) {
  try {
    const res = await fetch(`/_emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const out = await res.json().catch(() => ({}));
    toast(res.ok ? `${label}: done` : `${label}: ${res.status} ${out?.error?.message ?? ''}`);
  } catch (e) {
    toast(`${label}: ${e}`);
  }
  poll(true);
}

const act = (label, path, body, cls) =>
  h('button', { type: 'button', class: cls, 'data-action': label.toLowerCase().replace(/\W+/g, '-'), onclick: () => post(path, body, label) }, label);

function table(cols, rows, empty) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('table', {}, h('thead', {}, h('tr', {}, cols.map((c) => h('th', {}, c)))), h('tbody', {}, rows));
}

function fill(section, count, content) {
  const el = document.getElementById(section);
  el.querySelector('.count').textContent = `(${count})`;
  el.querySelector('.body').replaceChildren(content);
}

function keepOpen(key, ...children) {
  return h('details', {
    open: openDetails.has(key),
    ontoggle: (e) => (e.target.open ? openDetails.add(key) : openDetails.delete(key)),
  }, ...children);
}

function customers(s) {
  const statuses = ['INACTIVE', 'PENDING', 'ISSUES', 'ACTIVE', 'REJECTED', 'REVOKED_ISSUES', 'OFFBOARDED'];
  const rows = s.customers.map((c) => {
    const key = c.id;
    const pick = choices.get(key) ?? { type: 'usd', status: 'ISSUES' };
    const typeSel = h('select', { 'aria-label': 'endorsement', onchange: (e) => choices.set(key, { ...pick, type: e.target.value }) },
      ['basic', 'cryptoCustody', 'usd'].map((t) => h('option', { value: t, selected: t === pick.type }, t)));
    const statusSel = h('select', { 'aria-label': 'status', onchange: (e) => choices.set(key, { ...pick, status: e.target.value }) },
      statuses.map((t) => h('option', { value: t, selected: t === pick.status }, t)));
    const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || '(no name)';
    const usd = (c.endorsements ?? []).find((e) => e.type === 'usd');
    const missing = usd?.requirements?.missing ?? [];
    return h('tr', { 'data-id': c.id },
      h('td', {}, id(c.id), h('br'), name, c.email ? h('div', { class: 'empty' }, c.email) : ''),
      h('td', {}, badge(c.status)),
      h('td', {}, (c.endorsements ?? []).map((e) => badge(e.status, `${e.type}: ${e.status}`)),
        missing.length ? h('div', { class: 'empty' }, `fiat needs: ${missing.join(', ')}`) : ''),
      h('td', {}, (c.wallets ?? []).map((w) => h('div', { class: 'mono' }, `${short(w.id)} ${w.balance} ${w.asset}`))),
      h('td', {}, typeSel, statusSel,
        h('button', { type: 'button', 'data-action': 'set-endorsement', onclick: () => { const p = choices.get(key) ?? pick; post(`/customers/${c.id}/endorsements/${p.type}`, { status: p.status }, `${p.type} → ${p.status}`); } }, 'set'),
        h('br'),
        c.status === 'active' ? act('Deactivate', `/customers/${c.id}/status`, { status: 'inactive' }) : act('Activate', `/customers/${c.id}/status`, { status: 'active' })));
  });
  fill('customers', s.customers.length, table(['customer', 'status', 'endorsements', 'wallets', 'sandbox'], rows, 'No customers yet.'));
}

function wallets(s) {
  const rows = s.wallets.map((w) => h('tr', { 'data-id': w.id },
    h('td', {}, id(w.id)), h('td', {}, id(w.customerId)), h('td', { class: 'mono' }, short(w.address)),
    h('td', {}, `${w.asset}/${w.chain}`), h('td', { class: 'mono' }, w.balance),
    h('td', {}, act('Credit 100', `/wallets/${w.id}/credit`, { amount: '100.00' }))));
  fill('wallets', s.wallets.length, table(['wallet', 'customer', 'address', 'asset', 'balance', 'sandbox'], rows, 'No wallets yet.'));
}

function cashIns(s) {
  const rows = s.cashIns.map((c) => {
    const live = c.status === 'pending';
    return h('tr', { 'data-id': c.id, 'data-status': c.status },
      h('td', {}, id(c.id), h('div', { class: 'empty' }, c.location?.name ?? '')),
      h('td', {}, id(c.customerId)),
      h('td', {}, badge(c.status), h('div', { class: 'empty' }, c.subStatus ?? '')),
      h('td', { class: 'mono' }, c.depositInstructions?.code ?? '', h('div', { class: 'empty' }, `until ${c.depositInstructions?.expiresAt ?? ''}`)),
      h('td', { class: 'mono' }, c.source?.amount ?? `~${c.source?.indicatedAmount}`, ' usd → ', c.destination?.amountNet ?? '', ' ', c.destination?.asset ?? ''),
      h('td', {}, c.transactionId ? id(c.transactionId) : ''),
      h('td', {},
        live || c.status === 'processing' ? act('Complete', `/cash-ins/${c.id}/complete`, {}, 'primary') : '',
        live ? act('Deposit', `/cash-ins/${c.id}/deposit`, {}) : '',
        live || c.status === 'processing' ? act('Fail', `/cash-ins/${c.id}/fail`, {}) : '',
        live ? act('Expire', `/cash-ins/${c.id}/expire`, {}) : ''));
  });
  fill('cashIns', s.cashIns.length, table(['cash-in', 'customer', 'status', 'deposit code', 'amount', 'transaction', 'sandbox'], rows, 'No cash-ins yet.'));
}

function quotes(s) {
  const rows = s.quotes.map((q) => h('tr', { 'data-id': q.id },
    h('td', {}, id(q.id)), h('td', {}, q.type), h('td', {}, badge(q.status)),
    h('td', { class: 'mono' }, `${money(q.source)} → ${q.destination?.amountNet ?? ''} ${q.destination?.asset ?? ''}/${q.destination?.network ?? ''}`),
    h('td', { class: 'mono' }, q.expiresAt),
    h('td', {}, q.status === 'open' ? act('Expire', `/quotes/${q.id}/expire`, {}) : '')));
  fill('quotes', s.quotes.length, table(['quote', 'type', 'status', 'amounts', 'expires', 'sandbox'], rows, 'No quotes yet.'));
}

function transactions(s) {
  const rows = s.transactions.map((t) => {
    const processing = t.status === 'processing';
    const pickup = t.destination?.network === 'cash' && t.type === 'cryptoToFiat';
    return h('tr', { 'data-id': t.id, 'data-status': t.status },
      h('td', {}, id(t.id), t.cashInId ? h('div', { class: 'empty' }, `cash-in ${t.cashInId}`) : ''),
      h('td', {}, t.type), h('td', {}, badge(t.status), h('div', { class: 'empty' }, t.subStatus ?? '')),
      h('td', { class: 'mono' }, `${money(t.source)} → ${t.destination?.amountNet ?? ''} ${t.destination?.asset ?? ''}`),
      h('td', {}, t.error ? `${t.error.code}: ${t.error.message}` : t.cashPickup ? `pickup code ${t.cashPickup.cashCode}` : ''),
      h('td', {},
        processing && !pickup ? act('Settle', `/transactions/${t.id}/settle`, { outcome: 'completed' }, 'primary') : '',
        processing && pickup ? act('Pickup ready', `/transactions/${t.id}/settle`, { outcome: 'cashPickupReady' }, 'primary') : '',
        t.status === 'cashPickupReady' ? act('Collect', `/transactions/${t.id}/settle`, { outcome: 'completed' }, 'primary') : '',
        processing || t.status === 'cashPickupReady' ? act('Fail', `/transactions/${t.id}/settle`, { outcome: 'failed' }) : '',
        processing ? act('Hold', `/transactions/${t.id}/delay`, { hold: true }) : ''));
  });
  fill('transactions', s.transactions.length, table(['transaction', 'type', 'status', 'amounts', 'detail', 'sandbox'], rows, 'No transactions yet.'));
}

function webhooks(s) {
  const rows = s.webhooks.map((w) => h('tr', { 'data-id': w.id },
    h('td', {}, id(w.id)), h('td', { class: 'mono' }, w.url), h('td', {}, (w.events ?? []).length ? w.events.join(', ') : 'all events'),
    h('td', {}, badge(w.status))));
  fill('webhooks', s.webhooks.length, table(['endpoint', 'url', 'events', 'status'], rows, 'No webhook endpoints yet (POST /webhooks).'));
}

function deliveries(s) {
  const rows = s.deliveries.map((d) => {
    const key = `${d.seq}`;
    const headers = d.headers ?? {};
    return h('tr', { 'data-event': d.eventType, 'data-msg': d.msgId, 'data-outcome': d.outcome },
      h('td', { class: 'mono' }, d.at),
      h('td', {}, h('b', {}, d.eventType), h('div', { class: 'id' }, d.msgId)),
      h('td', {}, id(d.endpointId), h('div', { class: 'mono empty' }, d.url)),
      h('td', {}, `#${d.attempt}`),
      h('td', {}, d.status ?? '—', d.error ? h('div', { class: 'empty' }, d.error) : ''),
      h('td', {}, badge(d.outcome), d.nextAttemptAt ? h('div', { class: 'empty' }, `next ${d.nextAttemptAt}`) : ''),
      h('td', {}, keepOpen(key, h('summary', {}, 'signature & payload'),
        h('pre', { class: 'headers' }, ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((k) => `${k}: ${headers[k] ?? ''}`).join('\n')),
        h('pre', { class: 'payload' }, JSON.stringify(d.body, null, 2)))),
      h('td', {}, act('Redeliver', '/deliveries/redeliver', { msgId: d.msgId, endpointId: d.endpointId })));
  });
  fill('deliveries', s.deliveries.length, table(['at', 'event', 'endpoint', 'attempt', 'response', 'outcome', 'headers', ''], rows, 'No deliveries yet.'));
}

function early(s) {
  const rows = [
    ...s.externalAccounts.map((e) => h('tr', { 'data-id': e.id }, h('td', {}, id(e.id)), h('td', {}, 'external account'), h('td', {}, id(e.customerId)), h('td', {}, `${e.type} ${e.network} ${e.bankDetails?.accountNumber ?? ''}`))),
    ...s.virtualAccounts.map((v) => h('tr', { 'data-id': v.id }, h('td', {}, id(v.id)), h('td', {}, 'virtual account'), h('td', {}, id(v.customerId)),
      h('td', { class: 'mono' }, `routing ${v.bankDetails?.routingNumber} account ${v.bankDetails?.accountNumber} → ${v.destination?.wallet?.id ?? ''}`))),
    ...s.depositAddresses.map((d) => h('tr', { 'data-id': d.id }, h('td', {}, id(d.id)), h('td', {}, 'deposit address'), h('td', {}, id(d.customerId)),
      h('td', { class: 'mono' }, `${d.source?.network} ${short(d.source?.depositInstructions?.address)} → ${d.destination?.wallet?.id ?? ''}`))),
  ];
  fill('early', rows.length, table(['id', 'kind', 'customer', 'detail'], rows, 'None (create them with POST /_emulator/customers/{id}/external-accounts, /virtual-accounts, /deposit-addresses).'));
}

function render(s) {
  document.getElementById('now').textContent = s.now;
  document.getElementById('base').textContent = s.baseUrl;
  for (const f of [customers, wallets, cashIns, quotes, transactions, webhooks, deliveries, early]) {
    try {
      f(s);
    } catch (e) {
      toast(`render ${f.name}: ${e}`);
    }
  }
}

async function poll(now = false) {
  clearTimeout(timer);
  if (document.hidden && !now) {
    document.getElementById('live').classList.add('off');
    return;
  }
  try {
    const res = await fetch(`/_emulator/state?since=${encodeURIComponent(version)}`, { cache: 'no-store' });
    const s = await res.json();
    document.getElementById('live').classList.remove('off');
    if (!s.unchanged) {
      version = s.version;
      render(s);
    }
  } catch {
    document.getElementById('live').classList.add('off');
  }
  timer = setTimeout(poll, POLL_MS);
}

document.addEventListener('visibilitychange', () => poll(true));
document.addEventListener('DOMContentLoaded', () => {
  for (const b of document.querySelectorAll('[data-advance]')) {
    b.addEventListener('click', () => post('/clock/advance', { seconds: Number(b.dataset.advance) }, `clock ${b.textContent}`));
  }
  poll(true);
});
