import parsePhoneNumberFromString from 'libphonenumber-js/max'
import { readFileSync } from 'node:fs'
for (const [input, dc] of [['00800 1234 5678','DE'],['0080012345678','FR'],['00798 1234 5678','KR'],['0012345678','IL'],['0 800 123 4567','BR'], ['810 800 1234567','BY'], ['8 10 800 123 4567','BY'], ['00 800 123 4567','BY']]) {
  const pn = parsePhoneNumberFromString(input, { defaultCountry: dc })
  console.log(input, dc, pn ? [pn.number, pn.country, pn.isPossible(), pn.isValid(), pn.getType()] : null)
}
