import { OrderStatus } from './gen/ecommerce/order/v1/order.js';

/**
 * Order states by name, as the order table stores them and the REST API shows them: the proto
 * enum's value names without their `ORDER_STATUS_` prefix (buf's STANDARD lint requires it).
 * The one mapping between the names and the wire's enum, derived from the enum itself.
 */
export type OrderStatusName = Exclude<keyof typeof OrderStatus, 'ORDER_STATUS_UNSPECIFIED' | 'UNRECOGNIZED'> extends `ORDER_STATUS_${infer Name}` ? Name : never;

const PREFIX = 'ORDER_STATUS_';

/** "CONFIRMED" -> OrderStatus.ORDER_STATUS_CONFIRMED. */
export function orderStatusValue(name: OrderStatusName): OrderStatus {
  return OrderStatus[`${PREFIX}${name}` as keyof typeof OrderStatus];
}

/** OrderStatus.ORDER_STATUS_CONFIRMED -> "CONFIRMED"; undefined for UNSPECIFIED or a value this build does not know. */
export function orderStatusName(value: OrderStatus): OrderStatusName | undefined {
  const key = OrderStatus[value] as string | undefined;
  if (!key || !key.startsWith(PREFIX) || value === OrderStatus.ORDER_STATUS_UNSPECIFIED || value === OrderStatus.UNRECOGNIZED) return undefined;
  return key.slice(PREFIX.length) as OrderStatusName;
}
