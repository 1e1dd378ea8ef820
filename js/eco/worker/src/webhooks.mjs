// A webhook-only Worker (oms-wasm/webhooks, the smallest entry): its bundle size is what a typical
// webhook receiver deploys. POST a signed delivery; 400 with the error code when it does not verify.
import { verifyWebhook, WebhookVerificationError } from 'oms-wasm/webhooks';

export default {
  async fetch(request, env) {
    try {
      const event = verifyWebhook(await request.arrayBuffer(), request.headers, env.OMS_WEBHOOK_SECRET);
      return new Response(`ok ${event.type}`);
    } catch (e) {
      if (e instanceof WebhookVerificationError) return Response.json({ error: e.code }, { status: 400 });
      throw e;
    }
  },
};
