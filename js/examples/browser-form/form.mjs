// A KYC signup form validated in the browser by oms-wasm: field errors appear as the user types
// (for fields they have touched), every error on submit, and the normalized OMS payload at the end.
// The form is for customers who will move USD, so it opts in to `requireFiatFields: true`: what the
// OMS Get-started page says fiat provisioning needs is an error here; the advice of other OMS pages
// (names, email, nationality, accepting the terms) is shown as a hint and never blocks the submit.
import { init, validateCustomer } from 'oms-wasm/validate';

await init(); // once: fetches and compiles the .wasm next to the package entry

const form = document.getElementById('signup');
const touched = new Set();

/** The form's fields as the nested object OMS expects (names like `residentialAddress.city`). */
function readForm() {
  const out = { endorsements: ['basic', 'cryptoCustody', 'usd'] };
  for (const el of form.elements) {
    if (!el.name) continue;
    const value = el.type === 'checkbox' ? el.checked : el.value;
    const keys = el.name.split('.');
    let obj = out;
    keys.forEach((k, i) => {
      const key = /^\d+$/.test(k) ? Number(k) : k;
      if (i === keys.length - 1) obj[key] = value === '' ? undefined : value;
      else obj = obj[key] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
    });
  }
  return out;
}

/** Shows the first issue (else the first readiness hint) of each field; `all` = also for untouched
 *  fields (on submit). */
function render(issues, warnings, all) {
  const byField = new Map();
  for (const issue of [...issues, ...warnings]) {
    const key = issue.path.join('.');
    if (!byField.has(key)) byField.set(key, issue.message);
  }
  for (const errorEl of document.querySelectorAll('.error')) {
    const field = errorEl.id.slice(0, -'-error'.length);
    const input = form.elements.namedItem(field);
    const show = all || touched.has(field) || (!input && [...touched].some((t) => t.startsWith(field)));
    const message = show ? byField.get(field) ?? '' : '';
    errorEl.textContent = message;
    if (input && 'setAttribute' in input) input.setAttribute('aria-invalid', message ? 'true' : 'false');
  }
}

function validate() {
  return validateCustomer(readForm(), { requireFiatFields: true });
}

form.addEventListener('input', (e) => {
  if (e.target.name) touched.add(e.target.name);
  const r = validate();
  render(r.ok ? [] : r.issues, r.warnings, false);
  document.getElementById('status').textContent = '';
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const r = validate();
  const status = document.getElementById('status');
  const pre = document.getElementById('payload');
  if (!r.ok) {
    render(r.issues, r.warnings, true);
    status.className = '';
    status.textContent = `Please fix ${r.issues.length} field${r.issues.length === 1 ? '' : 's'}.`;
    pre.hidden = true;
    return;
  }
  render([], r.warnings, true);
  status.className = 'ok';
  status.textContent = 'Ready to send to your server.';
  // Show the normalized payload, with the identity number and birth date masked on screen.
  const shown = structuredClone(r.value);
  for (const doc of shown.identifyingInformation ?? []) doc.number = `•••-••-${doc.number.slice(-4)}`;
  if (shown.birthDate) shown.birthDate = '••••-••-••';
  pre.textContent = JSON.stringify(shown, null, 2);
  pre.hidden = false;
});

document.documentElement.dataset.ready = 'true';
