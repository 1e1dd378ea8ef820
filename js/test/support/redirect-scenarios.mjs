// The redirect scenarios of security.test.mjs, run the same way in Node, in workerd (through
// redirect-worker.mjs) and in Deno (redirect-deno.mjs): each scenario makes one client call
// against the hostile `oms` server and reports how it ended. The caller checks the results and
// that the `evil` server received nothing.
export const SECRET = 'redirect_secret_Zq8vX2pL9tKw4mNb';

/** Runs the scenarios with `OmsClient` against `omsBase`; `setRedirectToken(bool)` flips the server. */
export async function redirectScenarios(OmsClient, omsBase, setRedirectToken) {
  const client = () => new OmsClient({ apiKey: 'sk_sdbx_redirect', apiSecret: SECRET, baseUrl: omsBase, maxRetries: 2, timeoutMs: 5000 });
  const outcome = async (fn) => {
    try {
      const v = await fn();
      return { ok: true, value: v };
    } catch (e) {
      return { ok: false, name: e.name, code: e.code, status: e.status, message: e.message, text: JSON.stringify(e) + String(e.stack) };
    }
  };
  const out = {};
  await setRedirectToken(true);
  out.token307 = await outcome(() => client().customers.get('cst_2'));
  await setRedirectToken(false);
  out.post302 = await outcome(() => client().wallets.create({ customerId: 'cst_1', asset: 'usdc', chain: 'polygon' }));
  out.get301 = await outcome(() => client().customers.get('cst_1'));
  return out;
}
