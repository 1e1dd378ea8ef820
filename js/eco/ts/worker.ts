// Type-checked as a Cloudflare Worker: `lib: ["es2022"]` with @cloudflare/workers-types (no DOM).
import { OmsClient, verifyWebhook, WebhookVerificationError, init } from 'oms-wasm';
import wasm from 'oms-wasm/wasm';

interface Env {
  OMS_API_KEY: string;
  OMS_API_SECRET: string;
  OMS_WEBHOOK_SECRET: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    await init(wasm); // a WebAssembly.Module in Workers; resolves at once (ready at import)
    if (new URL(request.url).pathname === '/webhooks/oms') {
      try {
        const event = verifyWebhook(await request.arrayBuffer(), request.headers, env.OMS_WEBHOOK_SECRET);
        return new Response(`ok ${event.type}`);
      } catch (e) {
        if (e instanceof WebhookVerificationError) return Response.json({ error: e.code }, { status: 400 });
        throw e;
      }
    }
    const oms = new OmsClient({ apiKey: env.OMS_API_KEY, apiSecret: env.OMS_API_SECRET, fetch });
    const id = new URL(request.url).searchParams.get('id');
    if (id === null) return new Response('missing id', { status: 400 });
    const controller = new AbortController();
    return Response.json(await oms.customers.get(id, { signal: controller.signal }));
  },
} satisfies ExportedHandler<Env>;
