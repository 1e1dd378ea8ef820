// The matrix checks in a Worker: GET / answers their JSON result.
import { runChecks } from '../../common/checks.mjs';

export default {
  async fetch() {
    try {
      return Response.json(await runChecks());
    } catch (e) {
      return new Response(String(e?.stack ?? e), { status: 500 });
    }
  },
};
