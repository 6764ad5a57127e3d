import { orderStatusName, type Order as OrderMessage } from '@ecommerce/contracts';
import { fromMoney, toRfc3339 } from '../upstream/wire-values.js';
import type { Order, OrderStatus } from './order-models.js';

/** proto enum -> REST value (the contracts' one mapping: the ORDER_STATUS_ prefix dropped). */
function toOrderStatus(value: OrderMessage['status']): OrderStatus {
  const name: OrderStatus | undefined = orderStatusName(value);
  if (!name) throw new Error(`upstream sent an order status the API does not define: ${value}`);
  return name;
}

/** Wire order -> REST order. Both prices share one currency (the product's). */
export function toOrder(message: OrderMessage | undefined): Order {
  if (!message) throw new Error('upstream response without an order');
  const unit = fromMoney(message.unitPrice);
  const total = fromMoney(message.totalPrice);
  return {
    id: message.id,
    product_id: message.productId,
    quantity: message.quantity,
    unit_price: unit.amount,
    total_price: total.amount,
    currency: total.currency,
    status: toOrderStatus(message.status),
    created_at: toRfc3339(message.createTime),
  };
}
