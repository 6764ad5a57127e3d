import { CreateProduct } from './0001-create-product.js';

/** Every product-service migration, in order. Append, never edit or reorder a released one. */
export const productMigrations = [
  { name: '0001-create-product', class: CreateProduct },
];
