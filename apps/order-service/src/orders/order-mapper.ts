import { orderStatusValue, type Order as OrderMessage } from '@ecommerce/contracts';
import { toMoneyMessage } from '@ecommerce/money';
import type { Order } from './order.entity.js';

/** Entity -> wire message. Both prices are in the order's currency. */
export function toOrderMessage(order: Order): OrderMessage {
  return {
    id: order.id,
    productId: order.productId,
    quantity: order.quantity,
    unitPrice: toMoneyMessage({ minor: order.unitPriceMinor, currency: order.currency }),
    totalPrice: toMoneyMessage({ minor: order.totalPriceMinor, currency: order.currency }),
    // CANCELLING is committed: the order is cancelled; only its stock is still on its way back.
    status: orderStatusValue(order.status === 'CANCELLING' ? 'CANCELLED' : order.status),
    createTime: order.createdAt,
  };
}
