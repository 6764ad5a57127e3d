import { OrderStatus, type Order as OrderMessage } from '@ecommerce/contracts';
import type { Order, OrderStatusName } from './order.entity.js';

const STATUS_TO_WIRE: Record<OrderStatusName, OrderStatus> = {
  CONFIRMED: OrderStatus.ORDER_STATUS_CONFIRMED,
};

/** Entity -> wire message. Money goes out as int64 decimal strings, both in the order's currency. */
export function toOrderMessage(order: Order): OrderMessage {
  return {
    id: order.id,
    productId: order.productId,
    quantity: order.quantity,
    unitPrice: { amountMinor: String(order.unitPriceMinor), currency: order.currency },
    totalPrice: { amountMinor: String(order.totalPriceMinor), currency: order.currency },
    status: STATUS_TO_WIRE[order.status] ?? OrderStatus.ORDER_STATUS_UNSPECIFIED,
    createTime: order.createdAt,
  };
}
