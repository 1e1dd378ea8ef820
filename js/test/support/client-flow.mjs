// The Get-started flow with OmsClient (shared by the Node and workerd tests; no Node imports, so
// a Worker can bundle it): customer with the full identity set → usdc/polygon wallet → cash
// location → cash-in (deposit code) → sandbox barcode auth + commit → wallet balance.

/** A customer with every identity field provisioning needs (the Get-started page's four and the fuller set of other pages). */
export function fullCustomer(n = 0) {
  return {
    type: 'individual',
    firstName: 'Alice',
    lastName: `Nguyen${n}`,
    email: `alice.${n}@example.com`,
    phone: '+12125551234',
    birthDate: '1990-04-12',
    nationality: 'US',
    ipAddress: '203.0.113.7',
    externalId: `user-${n}`,
    signedAgreement: true,
    residentialAddress: { line1: '350 5th Ave', city: 'New York', state: 'NY', country: 'US', zipCode: '10118' },
    identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '212-55-1234' }],
  };
}

/**
 * Runs the flow; `between(step)` (optional, awaited) runs after each step (the expiry test moves
 * the emulator clock there). Returns what each step produced.
 */
export async function getStarted(client, { n = 0, amount = '50.00', between = async () => {} } = {}) {
  const steps = [];
  const customer = await client.customers.create(fullCustomer(n));
  steps.push(`customer ${customer.id} ${customer.status}`);
  await between('customer');
  const wallet = await client.wallets.create({ customerId: customer.id, asset: 'usdc', chain: 'polygon' });
  steps.push(`wallet ${wallet.id} ${wallet.asset}/${wallet.chain} ${wallet.address}`);
  await between('wallet');
  const locations = await client.cashLocations.list({ provider: 'greendot', latitude: 40.7128, longitude: -74.006 });
  const location = locations.data[0];
  steps.push(`cash location ${location.id} ${location.name}`);
  await between('location');
  const cashIn = await client.cashIns.create({
    customerId: customer.id,
    source: { asset: 'usd', network: 'cash', indicatedAmount: amount },
    destination: { wallet: { id: wallet.id }, asset: 'usdc', network: 'polygon' },
    cash: { locationId: location.id, locationReference: location.locationReference },
  });
  const code = cashIn.depositInstructions?.code;
  steps.push(`cash-in ${cashIn.id} ${cashIn.status} deposit code ${code}`);
  await between('cashIn');
  const auth = await client.sandbox.cashIns.barcodeAuth({ accountNumber: code, accountReferenceNumber: location.locationReference, amount });
  steps.push(`barcode auth ${auth.responseText} ${auth.confirmationId}`);
  await between('barcodeAuth');
  const commit = await client.sandbox.cashIns.authCommit({
    accountNumber: code,
    accountReferenceNumber: location.locationReference,
    amount,
    originalConfirmationId: auth.confirmationId,
  });
  steps.push(`auth commit ${commit.responseText}`);
  await between('authCommit');
  const completed = await client.cashIns.get(cashIn.id);
  const balance = await client.wallets.balance(wallet.id);
  steps.push(`cash-in ${completed.status}; balance ${balance.balance} ${balance.asset}`);
  return { customer, wallet, location, cashIn, code, auth, commit, completed, balance, steps };
}
