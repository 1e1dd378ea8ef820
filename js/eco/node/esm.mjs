// Node.js ESM (also run by Deno and Bun): the three entries imported by name, ready at import.
import { runChecks } from '../common/checks.mjs';

console.log(JSON.stringify(await runChecks()));
