/* eslint-disable @nx/enforce-module-boundaries -- a client app: copied outside the repo, compiled against the packed tarball */
// Loaded through `import` (ESM). Drives the live platform and prints one JSON line of results.
import {
  APIError, BadRequestError, EcommerceClient, NotFoundError,
  type Order, type Product, type ProductCreateParams, type ProductPage, type ProblemReason,
} from '@ecommerce/sdk';

/** `reason` is the documented literal union, open to reasons a newer server adds. */
export function reasons(error: APIError): string {
  const known: ProblemReason = 'PRODUCT_NOT_FOUND';
  const future: ProblemReason = 'A_REASON_ADDED_LATER';
  switch (error.reason) {
    case 'PRODUCT_NOT_FOUND': return known;
    case 'VALIDATION_FAILED': return 'invalid';
    default: return future;
  }
}

export function doesNotCompile(client: EcommerceClient): void {
  // @ts-expect-error -- a wrong field name in products.create is a compile error
  void client.products.create({ name: 'Mug', description: '', prise: 9.5 });
  // @ts-expect-error -- quantity is a number
  void client.orders.create({ product_id: 'p', quantity: '2' });
}

async function main(): Promise<void> {
  const baseUrl = process.env['GATEWAY_URL'];
  if (!baseUrl) throw new Error('GATEWAY_URL is required');
  const client = new EcommerceClient({ baseUrl, maxRetries: 1, timeoutMs: 10_000 });

  const input: ProductCreateParams = { name: 'Packed mug', description: 'From the tarball', price: 12.5, currency: 'EUR', stock: 5 };
  const mug: Product = await client.products.create(input);
  const fetched = await client.products.get(mug.id);
  const stock = await client.products.getStock(mug.id);
  const plate = await client.products.create({ name: 'Packed plate', price: 3 });
  const plateStock = await client.products.getStock(plate.id);

  const first: ProductPage = await client.products.list({ page_size: 1 });
  const second = await first.getNextPage();
  const iterated: string[] = [];
  for await (const product of client.products.list({ page_size: 1 })) iterated.push(product.id);

  const order: Order = await client.orders.create({ product_id: mug.id, quantity: 2 });
  const fetchedOrder = await client.orders.get(order.id);
  const orderIds: string[] = [];
  for await (const each of client.orders.list()) orderIds.push(each.id);

  const notFound = await client.products.get(crypto.randomUUID(), { requestId: 'consumer-not-found-1' }).catch((error: unknown) => error);
  if (!(notFound instanceof NotFoundError)) throw new Error(`expected NotFoundError, got ${String(notFound)}`);
  const invalid = await client.products.create({ name: 'Bad', price: 1.234 }).catch((error: unknown) => error);
  if (!(invalid instanceof BadRequestError)) throw new Error(`expected BadRequestError, got ${String(invalid)}`);

  console.log(JSON.stringify({
    resolved: import.meta.resolve('@ecommerce/sdk'),
    mug, fetched, plate, stock, plateStock,
    firstPage: { count: first.products.length, hasNext: first.hasNextPage(), token: first.next_page_token },
    secondPage: second.products.map((p) => p.id),
    iterated,
    order, fetchedOrder, orderIds,
    notFound: {
      isAPIError: notFound instanceof APIError, name: notFound.name, status: notFound.status,
      reason: notFound.reason, request_id: notFound.request_id, type: notFound.problem?.type,
    },
    invalid: { status: invalid.status, reason: invalid.reason, fields: invalid.problem?.errors?.map((e) => e.field) },
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
