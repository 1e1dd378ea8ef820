// The CommonJS view of the same declarations (require branch → index.d.cts).
import oms = require('oms-wasm');

const r = oms.validatePhone('+44 20 7946 0958');
if (r.ok) {
  const country: string | undefined = r.value.country;
  void country;
}
const s: oms.StandardSchemaV1<unknown, string> = oms.phoneSchema;
void s;
// @ts-expect-error unknown export
oms.validateEverything();
