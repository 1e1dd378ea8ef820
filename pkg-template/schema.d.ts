// ---- Standard Schema v1 (https://standardschema.dev)

/** The Standard Schema v1 interface, as form libraries (React Hook Form, TanStack Form, ...) consume it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: Output; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> }> };
    readonly types?: { readonly input: Input; readonly output: Output };
  };
}

/** A Standard Schema with oms-wasm's helpers. */
export interface OmsSchema<Output, Options> extends StandardSchemaV1<unknown, Output> {
  /** `{ ok: true, value }` or `{ ok: false, issues }`. */
  safeParse(value: unknown): Result<Output>;
  /** The value, or a thrown OmsValidationError (code `validation_failed`) carrying `issues`. */
  parse(value: unknown): Output;
  /** The same schema with other validator options. */
  with(options: Options): OmsSchema<Output, Options>;
}

/** A customer schema: `safeParse` also returns the provisioning readiness `warnings`. */
export interface CustomerSchema<Output = CustomerInput> extends OmsSchema<Output, CustomerOptions> {
  safeParse(value: unknown): Result<Output> & { warnings: Issue[] };
  with(options: CustomerOptions): CustomerSchema<Output>;
  /** A schema of some fields only (a form step, or a form that has only these fields): the other
   *  keys are ignored, the output has only these fields (`with({ fields })`). */
  pick<K extends keyof CustomerInput>(fields: readonly K[]): CustomerSchema<Pick<CustomerInput, K>>;
}
/** A whole customer payload (`validateCustomer`): `customerSchema.pick([...])` for a form step. */
export const customerSchema: CustomerSchema;
/** A structured address (`validateAddress`). */
export const addressSchema: OmsSchema<Address, MessageOptions>;
/** A phone field — a string or a `{ country, number }` object (issues on `number` / `country`);
 *  the output is the E.164 string. */
export const phoneSchema: OmsSchema<string, PhoneOptions>;
