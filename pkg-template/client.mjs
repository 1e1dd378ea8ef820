// OmsClient: the resource namespaces and list iterators over the wasm fetch client. Thin by
// design: building, validation, authentication, retries, timeouts and parsing all happen in the
// wasm core (src/wasm/client.rs over src/client/ and src/api/), the I/O in transport.mjs; this file
// only maps method names to operation names and turns cursor pages into async iterators.
import * as raw from './wasm/oms_wasm.mjs';
import { notReady, state } from './state.mjs';
import { newCore, request, requestRaw } from './transport.mjs';

// method → [operation, the path parameter a string argument stands for, is a list]
const RESOURCES = {
  customers: {
    create: ['customers.create'],
    get: ['customers.get', 'customerId'],
    list: ['customers.list', null, true],
    update: ['customers.update'],
    listTransactions: ['customers.listTransactions', 'customerId', true],
  },
  wallets: {
    create: ['wallets.create'],
    get: ['wallets.get', 'walletId'],
    list: ['wallets.list', 'customerId', true],
    balance: ['wallets.balance', 'walletId'],
    listTransactions: ['wallets.listTransactions', 'walletId', true],
  },
  quotes: {
    create: ['quotes.create'],
    get: ['quotes.get', 'quoteId'],
  },
  transactions: {
    create: ['transactions.create'],
    get: ['transactions.get', 'transactionId'],
    list: ['transactions.list', null, true],
  },
  cashLocations: {
    list: ['cashLocations.list', null, true],
  },
  cashIns: {
    create: ['cashIns.create'],
    get: ['cashIns.get', 'cashInId'],
    list: ['cashIns.list', null, true],
    refresh: ['cashIns.refresh', 'cashInId'],
  },
  webhooks: {
    create: ['webhooks.create'],
    get: ['webhooks.get', 'webhookId'],
    list: ['webhooks.list', null, true],
    update: ['webhooks.update'],
    delete: ['webhooks.delete', 'webhookId'],
  },
  virtualAccounts: {
    get: ['virtualAccounts.get', 'virtualAccountId'],
  },
};
const SANDBOX = {
  cashIns: {
    barcodeAuth: ['sandbox.cashIns.barcodeAuth'],
    authCommit: ['sandbox.cashIns.authCommit'],
  },
  depositAddresses: {
    simulate: ['sandbox.depositAddresses.simulate', 'depositAddressId'],
  },
  virtualAccounts: {
    simulate: ['sandbox.virtualAccounts.simulate'],
  },
};

const pagesByCursor = new Map();
/** Whether `operation` takes `startingAfter` (some lists are a single page). */
function paginates(operation) {
  let p = pagesByCursor.get(operation);
  if (p === undefined) {
    p = !!raw.describeOperation(operation)?.params?.includes('startingAfter');
    pagesByCursor.set(operation, p);
  }
  return p;
}

/**
 * A list call: `await` it for the first page, `for await` it for every item across pages
 * (following `nextCursor`, alias `cursor`, as `startingAfter`), or `.pages()` for page by page.
 * Nothing is sent until it is awaited or iterated.
 */
class ListRequest {
  #core;
  #operation;
  #params;
  #options;
  #first;

  constructor(core, operation, params, options) {
    this.#core = core;
    this.#operation = operation;
    this.#params = params;
    this.#options = options;
  }

  #firstPage() {
    this.#first ??= this.#core.request(this.#operation, this.#params, this.#options);
    return this.#first;
  }

  then(onFulfilled, onRejected) {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch(onRejected) {
    return this.#firstPage().catch(onRejected);
  }

  finally(onFinally) {
    return this.#firstPage().finally(onFinally);
  }

  /** Every page, in order. */
  async *pages() {
    let page = await this.#firstPage();
    const seen = new Set();
    for (;;) {
      yield page;
      const cursor = page?.nextCursor ?? page?.cursor;
      const items = Array.isArray(page) ? page : page?.data;
      if (!paginates(this.#operation) || page?.hasMore === false || typeof cursor !== 'string' || cursor === '' || seen.has(cursor) || !items?.length) return;
      seen.add(cursor);
      const params = { ...(this.#params ?? {}), startingAfter: cursor };
      delete params.endingBefore;
      page = await this.#core.request(this.#operation, params, this.#options);
    }
  }

  /** Every item of every page. */
  async *[Symbol.asyncIterator]() {
    for await (const page of this.pages()) {
      const items = Array.isArray(page) ? page : page?.data;
      if (Array.isArray(items)) yield* items;
    }
  }

  get [Symbol.toStringTag]() {
    return 'ListRequest';
  }
}

function namespace(core, table) {
  const ns = {};
  for (const [method, [operation, idParam, isList]] of Object.entries(table)) {
    const toParams = (params) => (idParam && typeof params === 'string' ? { [idParam]: params } : params);
    ns[method] = isList
      ? (params, options) => new ListRequest(core, operation, toParams(params), options)
      : (params, options) => core.request(operation, toParams(params), options);
  }
  return Object.freeze(ns);
}

/**
 * The OMS API client for servers and edge workers (it holds the API secret). See the README's
 * "Client" section and `index.d.ts` for the options.
 */
export class OmsClient {
  #core;

  constructor(options) {
    if (!state.ready) notReady();
    const wired = newCore(options);
    const core = {
      request: (operation, params, opts) => request(wired, operation, params, opts),
      requestRaw: (method, path, opts) => requestRaw(wired, method, path, opts),
      toJSON: () => wired.core.toJSON(),
    };
    this.#core = core;
    for (const [name, table] of Object.entries(RESOURCES)) {
      Object.defineProperty(this, name, { value: namespace(core, table), enumerable: true });
    }
    const sandbox = {};
    for (const [name, table] of Object.entries(SANDBOX)) sandbox[name] = namespace(core, table);
    Object.defineProperty(this, 'sandbox', { value: Object.freeze(sandbox), enumerable: true });
  }

  /**
   * The raw escape hatch for endpoints without a method: `request('GET', '/customers', { query })`,
   * `request('POST', '/x', { body, idempotencyKey })`. Same authentication, retries and errors.
   */
  request(method, path, options) {
    return this.#core.requestRaw(method, path, options);
  }

  /** Any operation by name (`'customers.get'`, ...), as `buildRequest` takes it. */
  call(operation, params, options) {
    return this.#core.request(operation, params, options);
  }

  /** Safe facts only (base URL, key prefix, settings, token presence): never the secret or a token. */
  toJSON() {
    return this.#core.toJSON();
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `OmsClient ${JSON.stringify(this.toJSON())}`;
  }
}
