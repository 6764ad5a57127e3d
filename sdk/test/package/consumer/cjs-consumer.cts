/* eslint-disable @nx/enforce-module-boundaries -- a client app: copied outside the repo, compiled against the packed tarball */
// Loaded through `require` (CommonJS). Prints one JSON line of results.
import sdk = require('@ecommerce/sdk');

async function main(): Promise<void> {
  const baseUrl = process.env['GATEWAY_URL'];
  if (!baseUrl) throw new Error('GATEWAY_URL is required');
  const client = new sdk.EcommerceClient({ baseUrl });
  const bowl: sdk.Product = await client.products.create({ name: 'Packed bowl', description: 'via require', price: 500, currency: 'JPY' });
  const fetched = await client.products.get(bowl.id);
  const page = await client.products.list({ page_size: 100 });
  const missing = await client.orders.get(crypto.randomUUID()).catch((error: unknown) => error);
  console.log(JSON.stringify({
    resolved: require.resolve('@ecommerce/sdk'),
    bowl, fetched,
    listed: page.products.some((p) => p.id === bowl.id),
    missing: {
      isNotFound: missing instanceof sdk.NotFoundError, isAPIError: missing instanceof sdk.APIError,
      status: missing instanceof sdk.APIError ? missing.status : undefined,
      reason: missing instanceof sdk.APIError ? missing.reason : undefined,
    },
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
