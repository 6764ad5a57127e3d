/**
 * The demo catalog `npm start` loads into an empty store (DEMO_DATA=on), so that every prefilled
 * "Try it out" example in Swagger UI works on a first run: the spec's examples name these ids.
 * One home for both services: product-service seeds the products, order-service the order.
 */
export interface DemoProduct {
  id: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  stock: number | null;
}

export interface DemoOrder {
  id: string;
  productId: string;
  quantity: number;
  unitPriceMinor: number;
  totalPriceMinor: number;
  currency: string;
}

/** The README's headphones: the id every product example of the spec uses. */
export const DEMO_PRODUCT_ID = '550e8400-e29b-41d4-a716-446655440000';
/** The product the spec's DELETE example removes, so trying it leaves the others in place. */
export const DEMO_DISPOSABLE_PRODUCT_ID = '550e8400-e29b-41d4-a716-446655440009';
/** The order every order example of the spec uses. */
export const DEMO_ORDER_ID = '550e8400-e29b-41d4-a716-446655440001';

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { id: DEMO_PRODUCT_ID, name: 'Wireless Headphones', description: 'High-quality wireless headphones with noise cancellation', priceMinor: 19999, currency: 'USD', stock: 100 },
  { id: '550e8400-e29b-41d4-a716-446655440002', name: 'Stoneware Mug', description: 'Hand-glazed, 350 ml', priceMinor: 1250, currency: 'EUR', stock: 40 },
  { id: '550e8400-e29b-41d4-a716-446655440003', name: 'Sencha Green Tea', description: 'Loose leaf, 100 g', priceMinor: 1500, currency: 'JPY', stock: null },
  { id: DEMO_DISPOSABLE_PRODUCT_ID, name: 'Discontinued Speaker', description: 'Try DELETE /products/{id} on this one', priceMinor: 4999, currency: 'USD', stock: 3 },
];

/** Two headphones, as in the original README: 399.98 USD. */
export const DEMO_ORDERS: readonly DemoOrder[] = [
  { id: DEMO_ORDER_ID, productId: DEMO_PRODUCT_ID, quantity: 2, unitPriceMinor: 19999, totalPriceMinor: 39998, currency: 'USD' },
];
